import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Api } from './api';
import type { StaffEvent } from './model';

/**
 * Typing indicators on the console: while the agent types, the customer's web chat shows
 * 「客服正在输入…」; while the customer types, the console shows 「客户正在输入…」.
 */

/** At most one «typing» call per this long; the server coalesces more anyway. */
export const TYPING_CALL_MS = 3000;
/**
 * How long 「客户正在输入…」 stays after the customer's last indicator. Web Chat sends one every
 * 3 s while the customer types, so this bridges one that was dropped or late.
 */
export const CUSTOMER_TYPING_MS = 6000;

/** A callback for the composer's input: tells the customer the agent is typing, throttled. */
export function useAgentTyping(api: Api, caseId: string | undefined, enabled: boolean): () => void {
  const last = useRef<{ caseId?: string; at: number }>({ at: 0 });
  return useCallback(() => {
    if (!caseId || !enabled) return;
    const now = Date.now();
    if (last.current.caseId === caseId && now - last.current.at < TYPING_CALL_MS) return;
    last.current = { caseId, at: now };
    // A hint only: a failure (the case just changed hands) shows up on the next real action.
    api.typing(caseId).catch(() => undefined);
  }, [api, caseId, enabled]);
}

export interface CustomerTyping {
  /** The case whose customer is typing now, if any. */
  caseId?: string;
  /** Takes the typing events (true: handled, nothing else to do) and notes messages that end one. */
  heard(event: StaffEvent): boolean;
}

export function useCustomerTyping(): CustomerTyping {
  const [typing, setTyping] = useState<{ caseId: string; until: number } | undefined>();
  useEffect(() => {
    if (!typing) return;
    const timer = setTimeout(() => setTyping(undefined), Math.max(0, typing.until - Date.now()));
    return () => clearTimeout(timer);
  }, [typing]);
  const heard = useCallback((event: StaffEvent) => {
    if (event.resource !== 'message') return false;
    if (event.type === 'typing') {
      if (event.payload.from === 'customer') setTyping({ caseId: event.id, until: Date.now() + CUSTOMER_TYPING_MS });
      return true;
    }
    // Their message arrived: they have stopped typing it.
    if (event.payload.from === 'customer') setTyping((t) => (t?.caseId === event.id ? undefined : t));
    return false;
  }, []);
  return { caseId: typing?.caseId, heard };
}
