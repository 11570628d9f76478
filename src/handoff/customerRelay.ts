import type { TurnContext } from 'botbuilder';
import { assessEmotion } from '../../intents';
import type { HumanHandoffHook } from '../bot/humanHandoffHook';
import { incomingMedia } from '../bot/incomingMedia';
import type { CaseRepository } from '../cases/caseRepository';
import type { Case, TranscriptEntry } from '../domain/case';
import { mediaLabel } from '../domain/labels';
import type { StaffEvent } from '../domain/staffEvents';
import type { ConversationLinks } from './conversationLinks';
import { messageEvent } from './handoffEvents';
import { noAgentStillQueuedText, stillQueuedText } from './handoffWording';
import type { QueueReads } from './queueReads';

const TURN_CASE = Symbol('complaintDesk.handoffCase');
/** Anger readings kept per case: enough for a trend over the last messages (src/supervision). */
const ANGER_HISTORY_MAX = 20;

export interface CustomerRelayOptions {
  cases: CaseRepository;
  links: ConversationLinks;
  queue: QueueReads;
  /** Best-effort publishing to the staff stream. */
  publish: (event: StaffEvent) => Promise<void>;
  now: () => Date;
  /** Longest customer message kept on the case while relaying. */
  maxMessageChars: number;
  /** Told how long each customer line took from the relay to the staff stream (the relay metric). */
  onRelayed?: (seconds: number) => void;
}

/**
 * The bot side of the handoff (HumanHandoffHook): while a person has the conversation, the bot
 * keeps out, and each customer line goes onto the case and live to the consoles.
 */
export class CustomerRelay implements HumanHandoffHook {
  constructor(private readonly o: CustomerRelayOptions) {}

  async isOwnedByHuman(context: TurnContext): Promise<boolean> {
    const conversationId = context.activity.conversation?.id;
    const c = conversationId ? await this.o.links.caseIn(conversationId) : undefined;
    if (!c) return false;
    // Kept for relay() in the same turn, so the case is read once per line.
    context.turnState.set(TURN_CASE, c);
    return true;
  }

  async relay(context: TurnContext): Promise<void> {
    const known = context.turnState.get(TURN_CASE) as Case | undefined;
    if (!known) return;
    const startedMs = performance.now();
    const at = this.o.now().toISOString();
    const activity = context.activity;
    const media = incomingMedia(activity, at);
    const typed = (activity.text ?? '').trim();
    // The bot's length guard does not run while relaying; the case keeps a bounded line.
    const clipped = typed.length > this.o.maxMessageChars ? `${typed.slice(0, this.o.maxMessageChars)}…` : typed;
    const text = clipped || media.map((m) => mediaLabel(m.kind)).join(' ');
    if (!text) return;
    const entry: TranscriptEntry = { from: 'customer', text, at };
    // Each typed message's anger, so supervisors see whether the customer is calming down or escalating.
    const reading = clipped ? { at, anger: assessEmotion(clipped).anger } : undefined;
    const updated = await this.o.cases.update(known.id, (current) => ({
      next: {
        ...current,
        transcript: [...current.transcript, entry],
        attachments: [...current.attachments, ...media],
        ...(reading ? { angerHistory: [...(current.angerHistory ?? []), reading].slice(-ANGER_HISTORY_MAX) } : {}),
        updatedAt: at,
      },
      result: undefined,
    }));
    if (!updated) return;
    // The owner as of this line (read under the lock): the staff stream shows it to them and supervisors only.
    await this.o.publish(messageEvent(updated.case, entry, media.length ? { media } : {}));
    this.o.onRelayed?.((performance.now() - startedMs) / 1000);
    if (updated.case.status === 'queued') {
      const status = await this.o.queue.queueStatus(updated.case);
      await context.sendActivity(
        status.estimate ? stillQueuedText(status.position, status.estimate) : noAgentStillQueuedText(this.o.queue.dueText(updated.case)),
      );
    }
  }
}
