import { TestAdapter, type Activity, type TurnContext } from 'botbuilder';
import type { ChannelRegistry } from '../../src/domain/channels';
import { TurnNotices } from '../../src/handoff/turnNotices';
import { createLogger } from '../../src/logging/logger';

/** A TurnNotices whose out-of-turn deliveries land in `sent`. */
function setup() {
  const sent: { conversationId: string; text?: string }[] = [];
  const channels = {
    send: async (_channel: string, conversationId: string, activity: Partial<Activity>) =>
      void sent.push({ conversationId, text: activity.text }),
  } as unknown as ChannelRegistry;
  return { notices: new TurnNotices(channels, createLogger('silent')), sent };
}

const caseOn = (conversationId: string) => ({ id: 'case-1', channel: 'web', conversationId });

async function say(adapter: TestAdapter, conversationId: string, text: string): Promise<string[]> {
  await adapter.processActivity({ type: 'message', text, conversation: { id: conversationId } as Activity['conversation'] });
  return adapter.activeQueue.splice(0).map((a) => a.text ?? '');
}

describe('notices to a customer around their bot turn', () => {
  it('a notice raised during the turn is said after the bot replies of that turn, not through the channel', async () => {
    const { notices, sent } = setup();
    const adapter = new TestAdapter(
      notices.wrapBot(async (context: TurnContext) => {
        expect(await notices.tell(caseOn('conv-a'), [{ type: 'message', text: '已为您登记人工服务' }])).toBe(true);
        await context.sendActivity('好的，我帮您转人工');
      }),
    );
    expect(await say(adapter, 'conv-a', '转人工')).toEqual(['好的，我帮您转人工', '已为您登记人工服务']);
    expect(sent).toEqual([]);
  });

  it('a notice for another conversation goes through the channel at once, and one after the turn too', async () => {
    const { notices, sent } = setup();
    const adapter = new TestAdapter(
      notices.wrapBot(async (context: TurnContext) => {
        await notices.tell(caseOn('conv-b'), [{ type: 'message', text: '坐席已接入' }]);
        await context.sendActivity('收到');
      }),
    );
    expect(await say(adapter, 'conv-a', '你好')).toEqual(['收到']);
    expect(sent).toEqual([{ conversationId: 'conv-b', text: '坐席已接入' }]);
    await notices.tell(caseOn('conv-a'), [{ type: 'message', text: '您的工单已处理完毕' }]);
    expect(sent).toEqual([
      { conversationId: 'conv-b', text: '坐席已接入' },
      { conversationId: 'conv-a', text: '您的工单已处理完毕' },
    ]);
  });

  it('the notices of a turn that failed are still said: each reports an action already taken', async () => {
    const { notices } = setup();
    const failing = notices.wrapBot(async () => {
      notices.sayInTurn('conv-a', [{ type: 'message', text: '已为您登记人工服务' }]);
      throw new Error('the dialog broke');
    });
    const adapter = new TestAdapter(async (context) => {
      await failing(context).catch(() => undefined);
    });
    expect(await say(adapter, 'conv-a', '转人工')).toEqual(['已为您登记人工服务']);
    // The failed turn left no scope behind: the next notice goes out through the channel.
    expect(notices.sayInTurn('conv-a', [{ type: 'message', text: 'x' }])).toBe(false);
  });
});
