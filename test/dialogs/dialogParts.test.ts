import * as fs from 'fs';
import * as path from 'path';
import { channelOf } from '../../dialogs/caseDraft';
import { CASE_CHANNEL_TURN_KEY } from '../../src/domain/channels';
import { formatDeadline, formatDeskTime } from '../../dialogs/deskTime';
import { grievancesOf, isAnswered, isBrief, nextQuestion, questionsFor, startIntake, summaryLines } from '../../dialogs/intakeProgress';
import { loadRecognizer } from '../../intents';
import { FOLLOW_UP_QUESTIONS } from '../../dialogs/questions';
import { receiptMessage } from '../../dialogs/receiptMessage';
import { PHRASE_FAMILIES } from '../../dialogs/wording/phraseFamilies';
import { pickPhrase } from '../../dialogs/wording/pickPhrase';
import type { Case } from '../../src/domain/case';
import { FakeRecognizer } from '../fakes/fakeRecognizer';

describe('wording', () => {
  test('every phrase family has variants, and the choice is stable per seed but varies across seeds', () => {
    for (const [family, variants] of Object.entries(PHRASE_FAMILIES)) {
      expect({ family, many: variants.length >= 2 }).toEqual({ family, many: true });
    }
    const empathy = PHRASE_FAMILIES.empathy;
    expect(pickPhrase(empathy, 'conv-1#3#empathy')).toBe(pickPhrase(empathy, 'conv-1#3#empathy'));
    const seen = new Set(Array.from({ length: 30 }, (_, turn) => pickPhrase(empathy, `conv-1#${turn}#empathy`)));
    expect(seen.size).toBe(empathy.length);
  });

  test('times are shown in the desk time zone', () => {
    expect(formatDeskTime('2025-11-21T13:05:00Z', 'Asia/Shanghai')).toBe('11月21日 21:05');
    expect(formatDeadline('2025-12-31T16:30:00Z', 'Asia/Shanghai')).toBe('1月1日 00:30 前');
    // One-digit months and days carry no leading zero.
    expect(formatDeskTime('2026-12-02T16:05:00Z', 'Asia/Shanghai')).toBe('12月3日 00:05');
    expect(formatDeskTime('2027-03-02T01:09:00Z', 'Asia/Shanghai')).toBe('3月2日 09:09');
  });
});

describe('intake bookkeeping', () => {
  const recognizer = new FakeRecognizer();

  test('slots from the complaint fill their questions; an answer can fill other questions too', () => {
    const intake = startIntake(recognizer.understand('上个月多扣了30元，话费账单不对'), 0.6);
    const billing = FOLLOW_UP_QUESTIONS.billing_dispute;
    const q = (id: string) => billing.find((x) => x.id === id)!;
    expect(isAnswered(q('month'), intake.issues[0], intake)).toBe(true);
    expect(isAnswered(q('amount'), intake.issues[0], intake)).toBe(true);
    expect(isAnswered(q('subscribed'), intake.issues[0], intake)).toBe(false);
    intake.issues[0].answers.item = '彩铃，我从来没订过';
    expect(isAnswered(q('subscribed'), intake.issues[0], intake)).toBe(true);
    expect(nextQuestion(intake, 0, { angerThreshold: 0.7, briefQuestionsPerIssue: 2 })).toBeUndefined();
  });

  test('a customer who threatens to take it further gets the short interview, in whatever tone; one who only mentions a body does not', () => {
    const real = loadRecognizer();
    const brief = (text: string) => isBrief(startIntake(real.understand(text), 0.6), 0.7);
    expect(brief('好啊好啊，继续拖，宽带再不修我明天就去消协')).toBe(true);
    expect(brief('宽带坏了三天没人修，再不来我就去找你们省公司')).toBe(true);
    expect(brief('宽带坏了三天没人修')).toBe(false);
    expect(brief('宽带坏了三天没人修，我不想去工信部投诉，你们尽快吧')).toBe(false);
  });

  test('an unsure clause is folded into its confident neighbour, not asked about on its own', () => {
    const u = recognizer.understand('x');
    const issue = (category: 'service_attitude' | 'product_quality', text: string, confidence: number) => ({ category, text, confidence });
    expect(
      grievancesOf({ ...u, issues: [issue('service_attitude', '气死我了！', 0.55), issue('product_quality', '信号太差。', 0.99)] }, 0.6),
    ).toEqual([issue('product_quality', '气死我了！信号太差。', 0.99)]);
    expect(
      grievancesOf({ ...u, issues: [issue('product_quality', '信号太差。', 0.99), issue('service_attitude', '气死了！', 0.5)] }, 0.6),
    ).toEqual([issue('product_quality', '信号太差。气死了！', 0.99)]);
    // All unsure: nothing to fold into, keep what the recognizer found.
    expect(grievancesOf({ ...u, issues: [issue('product_quality', '一直都这样', 0.54)] }, 0.6)).toHaveLength(1);
  });

  test('the summary reads back the figures the customer gave', () => {
    const intake = startIntake(recognizer.understand('上个月多扣了30元'), 0.6);
    expect(summaryLines(intake)).toEqual([expect.stringMatching(/【收费争议】上个月多扣了30元（.*账单月份：上个月.*金额：30/)]);
  });

  test('a home line is asked about the line, a handset about its model, and a model is read back once', () => {
    const ids = (text: string, category: 'product_quality' | 'after_sales') => {
      const intake = startIntake({ ...recognizer.understand(text), category, issues: [{ category, text, confidence: 0.9 }] }, 0.6);
      return questionsFor(intake.issues[0], intake).map((q) => q.id);
    };
    expect(ids('宽带网速特别慢', 'product_quality')).toEqual(['lineAddress', 'since', 'neighboursLine']);
    expect(ids('手机信号差', 'product_quality')).toEqual(['place', 'since', 'phoneModel', 'neighbours']);
    expect(ids('光猫坏了', 'after_sales')).not.toContain('handsetModel');
    expect(ids('手机屏幕坏了', 'after_sales')).toContain('handsetModel');

    const intake = startIntake(
      {
        ...recognizer.understand('手机坏了'),
        category: 'after_sales',
        issues: [{ category: 'after_sales', text: '手机坏了', confidence: 0.9 }],
      },
      0.6,
    );
    intake.slots.phoneModel = '华为P60';
    intake.issues[0].answers.handsetModel = '华为P60';
    expect(summaryLines(intake)[0].match(/华为P60/g)).toHaveLength(1);
  });
});

describe('a repair already on record', () => {
  const told = FOLLOW_UP_QUESTIONS.after_sales.find((q) => q.id === 'ticket')!.partlyToldBy!.told;
  test.each([
    ['报修过一次', true],
    ['报修了三次', true],
    ['修了一个月还没修好', true],
    ['师傅来过两次', true],
    ['修过两回了', true],
    ['没报修过', false],
    ['没有报修过', false],
    ['还没报修', false],
    ['还没人来修', false],
    ['一直没修好', false],
    ['宽带坏了', false],
  ])('«%s» tells a repair was reported: %s', (said, reported) => {
    expect(told.test(said)).toBe(reported);
  });
});

describe('case channel', () => {
  const turn = (channelId: string | undefined, stamped?: string) => {
    const turnState = new Map<unknown, unknown>();
    if (stamped) turnState.set(CASE_CHANNEL_TURN_KEY, stamped);
    return { turnState, activity: { channelId } } as unknown as Parameters<typeof channelOf>[0];
  };

  it('is the channel the bot core stamped on the turn from the registry, not the raw activity id', () => {
    expect(channelOf(turn('directline', 'web'))).toBe('web');
    expect(channelOf(turn('wecom', 'wecom'))).toBe('wecom');
  });

  it('falls back to the activity channel id when no registry stamped the turn', () => {
    expect(channelOf(turn('test'))).toBe('test');
    expect(channelOf(turn(undefined))).toBe('unknown');
  });
});

describe('receipt message', () => {
  test('card, plain-text summary and channelData carry the same receipt', () => {
    const receipt = {
      ticketId: 'TS-20251121-0007',
      category: 'after_sales' as const,
      acceptedAt: '2025-11-21T12:05:00.000Z',
      responseDueAt: '2025-11-22T12:05:00.000Z',
    };
    const accepted = { issues: [{ category: 'after_sales', text: '光猫坏了', answers: {} }] } as unknown as Case;
    const message = receiptMessage(accepted, receipt, 'Asia/Shanghai');
    expect(message.text).toBeUndefined();
    expect(message.channelData).toEqual({ receipt });
    expect(message.summary).toBe(
      [
        '投诉受理回执',
        '工单号：TS-20251121-0007',
        '类别：售后支持',
        '受理时间：11月21日 20:05',
        '回复时限：11月22日 20:05 前',
        '我们的同事会在回复时限前在这个对话里回复您，请留意这里的消息。',
      ].join('\n'),
    );
    // No phone number on the case: nobody is going to call, so the receipt does not say so.
    expect(message.summary).not.toMatch(/来电|电话/);
    const card = message.attachments![0];
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card.content).toMatchObject({ type: 'AdaptiveCard', version: '1.3' });
    expect(JSON.stringify(card.content)).toContain('在这个对话里回复您，请留意这里的消息');
  });

  test('a call is mentioned only when the case carries a phone number, whatever the channel', () => {
    const receipt = {
      ticketId: 'TS-20251121-0008',
      category: 'billing_dispute' as const,
      acceptedAt: '2025-11-21T12:05:00.000Z',
      responseDueAt: '2025-11-22T12:05:00.000Z',
    };
    const issues = [{ category: 'billing_dispute', text: '多扣了30元', answers: {} }];
    for (const channel of ['web', 'wechat']) {
      const withPhone = receiptMessage({ channel, issues, slots: { phone: '13812345678' } } as unknown as Case, receipt, 'Asia/Shanghai');
      expect(withPhone.summary!.split('\n').at(-1)).toBe('我们的同事会在回复时限前在这个对话里回复您，必要时也会拨打您留下的电话。');
      const without = receiptMessage({ channel, issues, slots: { amount: '30' } } as unknown as Case, receipt, 'Asia/Shanghai');
      expect(without.summary!.split('\n').at(-1)).toBe('我们的同事会在回复时限前在这个对话里回复您，请留意这里的消息。');
    }
  });
});

describe('import boundaries', () => {
  test('dialogs/ never imports a channel, the store, restify, ioredis or the bot core', () => {
    const root = path.join(__dirname, '../../dialogs');
    const files = fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const forbidden = /from '(restify|ioredis|wechaty[^']*|[./]*src\/(channels|store|bot|http)[^']*)'/;
    const offenders = files.filter((f) => forbidden.test(fs.readFileSync(path.join(root, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
