import { useEffect, useState } from 'preact/hooks';

/** One clock for the whole page: every waiting time and countdown ticks together. */
const listeners = new Set<(now: number) => void>();
let ticker: ReturnType<typeof setInterval> | undefined;

export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    listeners.add(setNow);
    ticker ??= setInterval(() => {
      const t = Date.now();
      for (const listener of listeners) listener(t);
    }, 1000);
    return () => {
      listeners.delete(setNow);
      if (listeners.size === 0 && ticker !== undefined) {
        clearInterval(ticker);
        ticker = undefined;
      }
    };
  }, []);
  return now;
}
