import { CardFactory } from 'botbuilder';
import { pickChoice } from '../../../src/channels/text/choiceMemory';
import { splitMessage } from '../../../src/channels/text/messageSplitter';
import { CHOICES_HEADER, renderActivity } from '../../../src/channels/text/outboundText';

describe('renderActivity: bot activities as WeChat plain text', () => {
  it('sends the text, stripped of markdown', () => {
    expect(renderActivity({ type: 'message', text: '**工单号** 见 [详情](https://example.cn/t/1)' }).text).toBe(
      '工单号 见 详情 https://example.cn/t/1',
    );
    expect(renderActivity({ type: 'message', text: '2 * 3 **', textFormat: 'plain' }).text).toBe('2 * 3 **');
  });

  it('turns suggested actions into numbered choices', () => {
    const r = renderActivity({
      type: 'message',
      text: '请问是哪类问题？',
      suggestedActions: {
        to: [],
        actions: [
          { type: 'imBack', title: '话费账单', value: 'billing' },
          { type: 'imBack', title: '网络信号', value: 'network' },
        ],
      },
    });
    expect(r.text).toBe(`请问是哪类问题？\n\n${CHOICES_HEADER}\n1. 话费账单\n2. 网络信号`);
    expect(r.choices).toEqual([
      { title: '话费账单', text: 'billing' },
      { title: '网络信号', text: 'network' },
    ]);
  });

  it('a receipt (no text, card, summary) becomes its summary', () => {
    const r = renderActivity({
      type: 'message',
      summary: '您的投诉已受理。工单号：TS-20250101-0001。我们将在 1月2日 09:00 前答复您。',
      attachments: [CardFactory.adaptiveCard({ type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: '投诉已受理' }] })],
    });
    expect(r.text).toBe('您的投诉已受理。工单号：TS-20250101-0001。我们将在 1月2日 09:00 前答复您。');
    expect(r.choices).toEqual([]);
  });

  it('a card without text or summary falls back to its own text, facts and actions', () => {
    const r = renderActivity({
      type: 'message',
      attachments: [
        CardFactory.adaptiveCard({
          type: 'AdaptiveCard',
          body: [
            { type: 'TextBlock', text: '投诉已受理' },
            { type: 'Container', items: [{ type: 'FactSet', facts: [{ title: '工单号', value: 'TS-20250101-0002' }] }] },
          ],
          actions: [
            { type: 'Action.Submit', title: '补充材料', data: { action: 'add' } },
            { type: 'Action.OpenUrl', title: '查看进度', url: 'https://example.cn/p' },
          ],
        }),
      ],
    });
    expect(r.text).toBe(`投诉已受理\n工单号：TS-20250101-0002\n\n查看进度：https://example.cn/p\n\n${CHOICES_HEADER}\n1. 补充材料`);
    expect(r.choices).toEqual([{ title: '补充材料', value: { action: 'add' } }]);
  });

  it('hero card buttons become choices too', () => {
    const r = renderActivity({
      type: 'message',
      attachments: [
        CardFactory.heroCard('请选择', undefined, [
          { type: 'imBack', title: '是', value: '是' },
          { type: 'imBack', title: '否', value: '否' },
        ]),
      ],
    });
    expect(r.text).toBe(`请选择\n\n${CHOICES_HEADER}\n1. 是\n2. 否`);
  });

  it('an empty activity renders to nothing rather than throwing', () => {
    expect(renderActivity({ type: 'message' })).toEqual({ text: '', choices: [] });
    expect(
      renderActivity({ type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: null }] }).text,
    ).toBe('');
  });
});

describe('pickChoice: a reply of "1" or "2"', () => {
  const choices = [
    { title: '话费账单', text: 'billing' },
    { title: '网络信号', text: 'network' },
  ];
  it.each([
    ['1', 0],
    ['2', 1],
    [' 2 ', 1],
    ['１', 0],
    ['2.', 1],
    ['第2个', 1],
    ['一', 0],
    ['网络信号', 1],
  ])('%p picks choice %p', (reply, index) => {
    expect(pickChoice(reply, choices)?.index).toBe(index);
  });
  it.each(['3', '0', '12', '我要投诉', '1和2'])('%p is ordinary text', (reply) => {
    expect(pickChoice(reply, choices)).toBeUndefined();
  });
});

describe('splitMessage: WeChat-sized messages', () => {
  it('keeps short text whole', () => {
    expect(splitMessage('你好', 600)).toEqual(['你好']);
    expect(splitMessage('   ', 600)).toEqual([]);
  });

  it('cuts at paragraph breaks, never over the limit, losing nothing', () => {
    const paragraphs = Array.from({ length: 10 }, (_, i) => `第${i + 1}段。` + '这是一段比较长的说明文字'.repeat(5));
    const text = paragraphs.join('\n\n');
    const parts = splitMessage(text, 200);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(Array.from(p).length).toBeLessThanOrEqual(200);
    expect(parts.join('\n\n')).toBe(text);
    expect(parts.every((p) => p.startsWith('第'))).toBe(true);
  });

  it('cuts at sentence ends when there are no line breaks, and hard-cuts a run without any', () => {
    const sentences = '我们已经收到您的反馈。'.repeat(30);
    const parts = splitMessage(sentences, 100);
    expect(parts.every((p) => p.endsWith('。') && Array.from(p).length <= 100)).toBe(true);
    expect(parts.join('')).toBe(sentences);
    expect(splitMessage('啊'.repeat(250), 100).map((p) => p.length)).toEqual([100, 100, 50]);
  });

  it('never splits an emoji', () => {
    const parts = splitMessage('😀'.repeat(7), 3);
    expect(parts).toEqual(['😀😀😀', '😀😀😀', '😀']);
  });
});
