import { ActivityTypes, type TurnContext } from 'botbuilder';
import { asksForPerson } from '../../intents';
import type { BotLogic } from '../bot/botLogic';
import { CaseRepository } from '../cases/caseRepository';
import type { Case, TranscriptEntry } from '../domain/case';
import type { CaseIntake } from '../domain/caseIntake';
import type { StaffEvent } from '../domain/staffEvents';
import { publishStaffEvent } from '../store/staffEventStream';
import { messageEvent } from '../handoff/handoffEvents';
import type { HandoffService, ResolveFollowup } from '../handoff/handoffService';
import { TurnNotices } from '../handoff/turnNotices';
import type { Logger } from '../logging/logger';
import type { Store } from '../store/store';
import { archivedFields, reopenedFields, systemLine } from '../cases/caseLifecycle';
import type { FollowupSettings } from './followupSettings';
import { isUnhappy, parseSatisfaction } from './satisfactionParser';
import { askAgainText, reopenedText, sameTicketText, SURVEY_QUESTION_TEXT, thanksText } from './surveyWording';

/** Conversation id → the resolved case whose satisfaction question is still open there. */
export const SURVEY_KIND = 'followup-survey';

interface PendingSurvey {
  caseId: string;
  ticketId: string;
  /** How often the question was asked (it is asked again once after a non-answer). */
  asked: number;
}

export interface FollowupServiceOptions {
  store: Store;
  logger: Logger;
  handoff: HandoffService;
  settings: FollowupSettings;
  now?: () => Date;
}

/**
 * 回访 and 归档 after a resolution, and the return of a customer about the same matter.
 * - As the handoff's ResolveFollowup: stamps the archive dates, asks the satisfaction question
 *   right after the result notice, and records when the notice reached the customer.
 * - wrapBot: while the question is open on a conversation, the customer's next message is
 *   read as the answer here; the dialogs never see it. An unhappy answer reopens the case
 *   and puts it back in the queue (through the handoff, which announces it).
 * - intakeFor: a complaint that landed on an earlier ticket (CaseService) is told so and,
 *   when that reopened the ticket, queued for a person.
 */
export class FollowupService implements ResolveFollowup {
  private readonly cases: CaseRepository;
  private readonly logger: Logger;
  private readonly now: () => Date;
  private readonly notices: TurnNotices;

  constructor(private readonly options: FollowupServiceOptions) {
    this.cases = new CaseRepository(options.store);
    this.logger = options.logger.child({ component: 'followup' });
    this.now = options.now ?? (() => new Date());
    this.notices = new TurnNotices(options.handoff.channels, this.logger);
  }

  // ------------------------------------------------------------ after a resolution

  resolvedFields(_current: Case, now: Date): Partial<Case> {
    return archivedFields(now, this.options.settings.retentionDays);
  }

  async beforeNotice(c: Case): Promise<string[]> {
    // Written before the customer can read the question, so an instant answer finds it.
    const survey: PendingSurvey = { caseId: c.id, ticketId: c.ticketId, asked: 1 };
    await this.options.store.putRecord(SURVEY_KIND, c.conversationId, survey, this.surveyTtlSeconds());
    return [SURVEY_QUESTION_TEXT];
  }

  async afterNotice(c: Case, delivered: boolean): Promise<void> {
    if (!delivered) {
      // A question the customer never saw must not swallow their next message.
      await this.clearSurvey(c.conversationId, c.id);
      return;
    }
    const at = this.now().toISOString();
    await this.cases.update(c.id, (current) => ({ next: { ...current, resultNoticeAt: at }, result: undefined }));
  }

  // ------------------------------------------------------------ the customer's turn

  /** Put inside handoff.wrapBot: the handoff's notices (the queue) then follow this one's replies. */
  wrapBot(logic: BotLogic): BotLogic {
    return this.notices.wrapBot(async (context) => {
      if (await this.answerSurvey(context)) return;
      await logic(context);
    });
  }

  /** True when the message was the survey's (answered, or a remark while it was open). */
  private async answerSurvey(context: TurnContext): Promise<boolean> {
    const activity = context.activity;
    const conversationId = activity.conversation?.id;
    const text = (activity.text ?? '').trim();
    if (activity.type !== ActivityTypes.Message || !conversationId || !text) return false;
    const survey = await this.options.store.getRecord<PendingSurvey>(SURVEY_KIND, conversationId);
    if (!survey) return false;
    // «转人工» while the question is open is not an answer: the dialogs hand over as usual. A score
    // given with it (「不满意，叫你们经理来」) is still an answer: an unhappy one reopens the case.
    if (asksForPerson(text) && !parseSatisfaction(text)) {
      await this.clearSurvey(conversationId, survey.caseId);
      return false;
    }
    const answer = parseSatisfaction(text);
    if (!answer) {
      if (survey.asked >= 2) {
        // Asked twice already: stop asking, and let the bot read the message as it would any other.
        await this.clearSurvey(conversationId, survey.caseId);
        return false;
      }
      const reply = askAgainText(survey.ticketId);
      const recorded = await this.appendLines(survey.caseId, text, reply);
      if (!recorded) {
        await this.clearSurvey(conversationId, survey.caseId);
        return false;
      }
      await this.options.store.putRecord(SURVEY_KIND, conversationId, { ...survey, asked: survey.asked + 1 }, this.surveyTtlSeconds());
      await context.sendActivity(reply);
      return true;
    }

    await this.clearSurvey(conversationId, survey.caseId);
    const unhappy = isUnhappy(answer.score);
    const reply = unhappy ? reopenedText(survey.ticketId, this.options.settings.reopenHours) : thanksText(answer.score);
    const now = this.now();
    const at = now.toISOString();
    const updated = await this.cases.update(survey.caseId, (current) => {
      if (current.status !== 'resolved') return { result: false };
      const answered: Case = {
        ...current,
        satisfaction: { score: answer.score, words: answer.words, at },
        transcript: [...current.transcript, customerLine(text, at), systemLine(`客户回访评价：${answer.score} 分`, at), botLine(reply, at)],
        updatedAt: at,
      };
      const why = `客户对处理结果不满意（${answer.score} 分），工单重开，${this.options.settings.reopenHours} 小时内需再次联系`;
      return { next: unhappy ? reopenedFields(answered, now, this.options.settings, why) : answered, result: true };
    });
    if (!updated?.result) return false;
    const c = updated.case;
    this.logger.info({ caseId: c.id, ticketId: c.ticketId, score: answer.score, reopened: unhappy }, 'followup: satisfaction recorded');
    await this.publish({
      resource: 'case',
      type: 'satisfaction',
      id: c.id,
      payload: { ticketId: c.ticketId, score: answer.score, status: c.status, owner: c.owner ?? null },
    });
    await context.sendActivity(reply);
    if (unhappy) await this.requeue(c, 'unhappy');
    return true;
  }

  // ------------------------------------------------------------ intake

  /** Wraps the (handoff-wrapped) intake: a complaint that landed on an earlier ticket is told so and queued. */
  intakeFor(inner: CaseIntake): CaseIntake {
    return {
      accept: async (draft) => {
        const accepted = await inner.accept(draft);
        if (!accepted.receipt.existingTicket) return accepted;
        let c = accepted.case;
        const reopenedNow = c.status === 'open';
        if (reopenedNow) c = await this.requeue(c, 'same_matter');
        else await this.options.handoff.linkConversation(c);
        this.say(c.conversationId, sameTicketText(c.ticketId, reopenedNow));
        return { case: c, receipt: accepted.receipt };
      },
      requestHuman: (draft, reason) => inner.requestHuman(draft, reason),
      recordCompliment: (compliment) => inner.recordCompliment(compliment),
      casesOfCustomer: (channel, customerId) => inner.casesOfCustomer(channel, customerId),
    };
  }

  // ------------------------------------------------------------ internals

  /** A reopened case goes back to the queue through the handoff, which announces it and tells the customer their place. */
  private async requeue(c: Case, why: 'unhappy' | 'same_matter'): Promise<Case> {
    await this.publish({
      resource: 'alert',
      type: 'case-reopened',
      id: c.id,
      payload: {
        ticketId: c.ticketId,
        why,
        score: c.satisfaction?.score ?? null,
        responseDueAt: c.responseDueAt,
        customerId: c.customerId,
      },
    });
    try {
      return await this.options.handoff.requestHuman(c.id, ['reopened']);
    } catch (err) {
      this.logger.error({ err, caseId: c.id }, 'followup: a reopened case could not be queued; it stays open for staff');
      return c;
    }
  }

  /** Said after the bot's replies of this turn (the intake runs inside the customer's turn). */
  private say(conversationId: string, text: string): void {
    this.notices.sayInTurn(conversationId, [{ type: ActivityTypes.Message, text }]);
  }

  private async appendLines(caseId: string, customerText: string, reply: string): Promise<boolean> {
    const at = this.now().toISOString();
    const updated = await this.cases.update(caseId, (current) => ({
      next: { ...current, transcript: [...current.transcript, customerLine(customerText, at), botLine(reply, at)], updatedAt: at },
      result: undefined,
    }));
    // The handoff's message event: masked like every customer line, shown to the case's owner and supervisors only.
    if (updated) await this.publish(messageEvent(updated.case, customerLine(customerText, at), { survey: true }));
    return updated !== undefined;
  }

  private async clearSurvey(conversationId: string, caseId: string): Promise<void> {
    const current = await this.options.store.getRecord<PendingSurvey>(SURVEY_KIND, conversationId);
    if (current?.caseId === caseId) await this.options.store.deleteRecord(SURVEY_KIND, conversationId);
  }

  /** The question stays open as long as an unhappy answer could still reopen the case. */
  private surveyTtlSeconds(): number {
    return Math.max(60, Math.round(this.options.settings.reopenHours * 3600));
  }

  private async publish(event: StaffEvent): Promise<void> {
    try {
      await publishStaffEvent(this.options.store, event, this.logger);
    } catch (err) {
      this.logger.warn({ err, type: event.type, id: event.id }, 'followup: could not publish a staff event');
    }
  }
}

function customerLine(text: string, at: string): TranscriptEntry {
  return { from: 'customer', text, at };
}

function botLine(text: string, at: string): TranscriptEntry {
  return { from: 'bot', text, at };
}
