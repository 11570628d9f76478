import { noticeWords, type Notice } from './notices';

/**
 * The two ways the console reaches an agent who is looking elsewhere, both the agent's choice
 * and remembered by this browser: a short tone (off until switched on) and a desktop
 * notification (only once the agent asked for it with a click: no permission prompt on load).
 */

const SOUND_KEY = 'complaint-desk.agent.sound';
const DESKTOP_KEY = 'complaint-desk.agent.desktopNotices';

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, on: boolean): void {
  try {
    localStorage.setItem(key, on ? 'on' : 'off');
  } catch {
    /* a preference only: it holds for this page */
  }
}

export const soundPreferred = (): boolean => read(SOUND_KEY) === 'on';
export const rememberSound = (on: boolean): void => write(SOUND_KEY, on);

/** A soft two-note chime, about a quarter of a second: noticeable without startling. */
export class Chime {
  private context?: AudioContext;

  /** Called from the click that switches the sound on: browsers start audio only after a gesture. */
  prepare(): void {
    if (typeof AudioContext === 'undefined') return;
    this.context ??= new AudioContext();
    void this.context.resume().catch(() => undefined);
  }

  play(): void {
    this.prepare();
    const ctx = this.context;
    if (!ctx) return;
    const start = ctx.currentTime;
    [880, 1175].forEach((frequency, i) => {
      const at = start + i * 0.12;
      const tone = ctx.createOscillator();
      const gain = ctx.createGain();
      tone.type = 'sine';
      tone.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.2, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.12);
      tone.connect(gain).connect(ctx.destination);
      tone.start(at);
      tone.stop(at + 0.13);
    });
  }
}

/** unsupported: no Notification API; blocked: the browser said no; off / on: the agent's choice. */
export type DesktopState = 'unsupported' | 'blocked' | 'off' | 'on';

export function desktopState(): DesktopState {
  if (typeof Notification === 'undefined') return 'unsupported';
  if (Notification.permission === 'denied') return 'blocked';
  return Notification.permission === 'granted' && read(DESKTOP_KEY) === 'on' ? 'on' : 'off';
}

/** Asks the browser (only from the agent's click) and remembers the choice. */
export async function enableDesktop(): Promise<DesktopState> {
  if (typeof Notification === 'undefined') return 'unsupported';
  const permission = Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission();
  if (permission !== 'granted') return permission === 'denied' ? 'blocked' : 'off';
  write(DESKTOP_KEY, true);
  return 'on';
}

export function disableDesktop(): DesktopState {
  write(DESKTOP_KEY, false);
  return desktopState();
}

/** A desktop notification for the notice; clicking it brings the console forward on that case. */
export function showDesktop(notice: Notice, onOpen: (caseId: string) => void): void {
  if (desktopState() !== 'on') return;
  const { title, body } = noticeWords(notice);
  try {
    // One per case: a newer notice replaces the older instead of piling up.
    const shown = new Notification(title, { body, tag: `complaint-desk-${notice.caseId}`, icon: '/agent/icon.svg' });
    shown.onclick = () => {
      window.focus();
      onOpen(notice.caseId);
      shown.close();
    };
  } catch {
    /* some browsers allow notifications only from a service worker: the count and tone still tell */
  }
}
