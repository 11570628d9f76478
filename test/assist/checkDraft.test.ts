import { checkDraft, type DraftProblem, type DraftProblemKind } from '../../src/assist';

/** [draft, the offending words exactly as written, kind] */
const OFFENDING: Array<[string, string, DraftProblemKind]> = [
  // blaming the customer
  ['您搞错了，这笔是正常扣费。', '您搞错了', 'blame'],
  ['这个你理解错了，套餐是下个月才生效。', '你理解错了', 'blame'],
  ['这个业务是你自己订的，系统里有记录。', '是你自己订的', 'blame'],
  ['短信里写得很明白，是你没看清楚。', '你没看清楚', 'blame'],
  ['这样您听明白了吗？', '您听明白了吗', 'blame'],
  ['你听懂了吗？要本人带身份证来。', '你听懂了吗', 'blame'],
  ['你怎么连这个都不知道？', '你怎么连这个都不知道', 'blame'],
  ['您记错了，那天您没来过营业厅。', '您记错了', 'blame'],
  ['啊，你说什么？', '啊，你说什么？', 'blame'],
  // flat refusals
  ['我也没办法，系统就这么设置的。', '我也没办法', 'refusal'],
  ['这个办不了，您回去吧。', '这个办不了', 'refusal'],
  ['这种情况真没办法。', '没办法', 'refusal'],
  ['宽带的事不归我管。', '不归我管', 'refusal'],
  ['信号不好这不是我们的问题。', '这不是我们的问题', 'refusal'],
  ['规定就是这样，我也改不了。', '规定就是这样', 'refusal'],
  ['这事跟我们没关系，您找厂家。', '跟我们没关系', 'refusal'],
  ['没有为什么，必须本人来。', '没有为什么', 'refusal'],
  ['这个问题我解决不了。', '这个问题我解决不了', 'refusal'],
  ['你自己去营业厅问吧。', '你自己去营业厅问吧', 'refusal'],
  // provocation
  ['您向上投诉也一样，结果不会变。', '您向上投诉也一样', 'provocation'],
  ['投诉到哪都一样。', '投诉到哪都一样', 'provocation'],
  ['你投诉也没用。', '你投诉也没用', 'provocation'],
  ['随便你去哪投诉，我们按规定办。', '随便你去哪投诉', 'provocation'],
  ['爱去哪告去哪告。', '爱去哪告去哪告', 'provocation'],
  ['有本事你去投诉啊。', '有本事你去投诉', 'provocation'],
  ['你要投诉就去投诉吧。', '你要投诉就去投诉吧', 'provocation'],
  // impatience
  ['我已经说得很清楚了，不能退。', '我已经说得很清楚了', 'impatience'],
  ['我都说了好几遍了，要带身份证。', '我都说了好几遍了', 'impatience'],
  ['你到底想怎样？', '你到底想怎样', 'impatience'],
  ['不是跟你说了吗，明天才能办。', '不是跟你说了吗', 'impatience'],
  ['你烦不烦啊。', '你烦不烦', 'impatience'],
  ['我跟你说过了，这个不能改。', '我跟你说过了', 'impatience'],
  ['都跟你讲过很多次了。', '都跟你讲过很多次了', 'impatience'],
  // judging / contempt
  ['你们这些老人就是搞不懂智能手机。', '你们这些老人', 'contempt'],
  ['你懂不懂啊？这叫流量包。', '你懂不懂', 'contempt'],
  ['你口音太重了，我听不懂。', '你口音太重', 'contempt'],
  ['老年人就是麻烦。', '老年人就是麻烦', 'contempt'],
  ['说了你也不懂。', '说了你也不懂', 'contempt'],
  // interrupting
  ['你听我说完！', '你听我说完', 'interrupt'],
  ['您先听我说，这个不是我们的原因。', '您先听我说', 'interrupt'],
  ['行了行了，我知道了。', '行了行了', 'interrupt'],
  ['打住，我先说。', '打住', 'interrupt'],
];

/** Polite drafts, several close to the patterns, that must pass untouched. */
const POLITE = [
  '如果是我没说清楚，我再解释一遍。',
  '我们一定想办法帮您解决。',
  '没问题，我马上帮您查。',
  '我看看有没有办法帮您加急处理。',
  '这不是您的问题，是我们系统出了差错，非常抱歉。',
  '我这样解释清楚了吗？',
  '我说清楚了吗？哪里不明白您随时问我。',
  '您别误会，我只是想跟您确认一下细节。',
  '您说什么我都会认真记下来。',
  '您不用再重复了，之前说的我都记下了。',
  '您慢慢说，我听着。',
  '我先听您说完，再给您解释。',
  '办这个业务需要本人身份证，是为了保护您的号码安全。',
  '您的工单号是 TS-20261121-0042，24 小时内给您答复。',
  '谢谢您的耐心，也谢谢您的建议。',
  '如果您对处理结果不满意，可以随时联系我们，我们会再跟进。',
  '对不起，我没有听清楚，麻烦您再说一遍好吗？',
  '我理解您的心情，换了谁都会着急。',
  '您放心，这件事归我负责，我会跟进到底。',
  '您说得很清楚，我都明白了。',
  '这件事我们有办法处理，请您放心。',
  '不好意思让您久等了，我已经帮您办好了。',
  '办不了的原因我查到了：系统里实名信息不一致，我教您怎么改。',
  '我们会把您的意见向上反映，48 小时内给您答复。',
  '您提醒得对，是我们的疏忽。',
  '好的，我明白了，您是希望把这个业务退掉，对吗？',
  '这个规定是为了保护您的资金安全，我给您解释一下。',
  '我们已经约好了，明天上午师傅上门。',
  '不着急，您慢慢来，哪里不清楚随时问我，我给您讲明白。',
  '您老别着急，我一步一步慢慢跟您说。',
  '您反映的问题我们都很重视。',
  '您也可以在网上投诉，也一样会有专人受理。',
  '套餐随便您选，我帮您算一下哪个更划算。',
  '您没搞错，确实是我们多收了。',
  '我会跟同事说清楚，不用您再解释一遍。',
  '这个问题我们处理不了的话，会转给专门的同事。',
  '系统暂时没办法直接修改，我帮您提交后台处理。',
  '这个我也不太清楚，我帮您问一下同事。',
  '您先别着急，听我慢慢跟您说。',
  '我不是很明白，您能再说一下吗？',
  '您别急，我都听明白了。',
  '您懂行，这个建议很好。',
  '没关系，您慢慢说。',
  '抱歉刚才没讲清楚，我再说一遍。',
  '我跟您说一下具体的办理流程。',
];

function found(draft: string): DraftProblem[] {
  return checkDraft(draft).problems;
}

describe('checkDraft', () => {
  it.each(OFFENDING)('flags «%s» at «%s» (%s)', (draft, words, kind) => {
    const problems = found(draft);
    const hit = problems.find((p) => draft.slice(p.start, p.end) === words);
    expect({ draft, spans: problems.map((p) => draft.slice(p.start, p.end)) }).toEqual({ draft, spans: expect.arrayContaining([words]) });
    expect(hit!.kind).toBe(kind);
    expect(hit!.start).toBe(draft.indexOf(words));
    expect(hit!.end).toBe(draft.indexOf(words) + words.length);
    expect(hit!.reason).toMatch(/[\u4e00-\u9fff]/);
    expect(hit!.rewrite).toMatch(/[\u4e00-\u9fff]/);
    expect(hit!.rewrite).not.toBe(words);
  });

  it.each(POLITE.map((p) => [p]))('leaves the polite draft «%s» alone', (draft) => {
    expect(found(draft)).toEqual([]);
  });

  it('has at least twenty polite drafts in the table', () => {
    expect(POLITE.length).toBeGreaterThanOrEqual(20);
  });

  it('covers every kind of problem', () => {
    expect(new Set(OFFENDING.map(([, , kind]) => kind))).toEqual(
      new Set<DraftProblemKind>(['blame', 'refusal', 'provocation', 'impatience', 'contempt', 'interrupt']),
    );
  });

  it('offers rewrites that pass the check themselves, in the «我» style', () => {
    const rewrites = new Set(OFFENDING.flatMap(([draft]) => found(draft).map((p) => p.rewrite)));
    expect(rewrites.size).toBeGreaterThan(10);
    for (const rewrite of rewrites) {
      expect({ rewrite, problems: found(rewrite) }).toEqual({ rewrite, problems: [] });
      expect(rewrite).toMatch(/我/);
    }
  });

  it('gives the rewrites DOMAIN.md names', () => {
    const rewrite = (draft: string) => found(draft)[0]?.rewrite;
    expect(rewrite('您搞错了')).toMatch(/误会/);
    expect(rewrite('您听明白了吗？')).toMatch(/我.*解释清楚了吗/);
    expect(rewrite('我已经说得很清楚了')).toMatch(/我.*没解释清楚/);
    expect(rewrite('啊，你说什么？')).toMatch(/我没有听清楚.*再说一遍/);
    expect(rewrite('我也没办法')).toMatch(/能为您做/);
  });

  it('reports several problems in text order with offsets into the original', () => {
    const draft = '您好。我已经说得很清楚了，这个办不了，你投诉也没用！';
    const problems = found(draft);
    expect(problems.map((p) => draft.slice(p.start, p.end))).toEqual(['我已经说得很清楚了', '这个办不了', '你投诉也没用']);
    expect(problems.map((p) => p.kind)).toEqual(['impatience', 'refusal', 'provocation']);
    const starts = problems.map((p) => p.start);
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
  });

  it('keeps the longest of overlapping hits', () => {
    const draft = '你怎么连这个都不知道呢';
    const problems = found(draft);
    expect(problems).toHaveLength(1);
    expect(draft.slice(problems[0].start, problems[0].end)).toBe('你怎么连这个都不知道');
  });

  describe('tolerates variants', () => {
    const variants: Array<[string, string, DraftProblemKind]> = [
      // traditional characters
      ['您搞錯了，這是正常扣費。', '您搞錯了', 'blame'],
      ['我也沒辦法。', '我也沒辦法', 'refusal'],
      ['您向上投訴也一樣。', '您向上投訴也一樣', 'provocation'],
      ['我已經說得很清楚了。', '我已經說得很清楚了', 'impatience'],
      ['這不歸我管。', '不歸我管', 'refusal'],
      ['你聽懂了嗎？', '你聽懂了嗎', 'blame'],
      ['愛去哪告去哪告', '愛去哪告去哪告', 'provocation'],
      ['妳們這些老人', '妳們這些老人', 'contempt'],
      // 您/你, 了/啦
      ['你搞错啦', '你搞错啦', 'blame'],
      ['我都说了好几遍啦', '我都说了好几遍啦', 'impatience'],
      // spacing and full-width punctuation
      ['我 也 没 办 法', '我 也 没 办 法', 'refusal'],
      ['您 搞错了！', '您 搞错了', 'blame'],
      ['啊，您说什么？', '啊，您说什么？', 'blame'],
      ['我已经\u3000说得很清楚了', '我已经\u3000说得很清楚了', 'impatience'],
    ];
    it.each(variants)('«%s» → «%s»', (draft, words, kind) => {
      const problems = found(draft);
      const hit = problems.find((p) => draft.slice(p.start, p.end) === words);
      expect({ draft, spans: problems.map((p) => draft.slice(p.start, p.end)) }).toEqual({ draft, spans: [words] });
      expect(hit!.kind).toBe(kind);
    });

    it('reports offsets on the original text after removed spaces and wide characters', () => {
      const draft = '  先生您好 ，  这个 业务 办 不 了 。';
      const [problem] = found(draft);
      expect(draft.slice(problem.start, problem.end)).toBe('这个 业务 办 不 了');
    });

    it('keeps offsets right after characters outside the basic plane', () => {
      const draft = '😀😀 我也没办法';
      const [problem] = found(draft);
      expect(draft.slice(problem.start, problem.end)).toBe('我也没办法');
    });
  });

  it('returns no problems for an empty or whitespace draft', () => {
    expect(checkDraft('')).toEqual({ problems: [] });
    expect(checkDraft('   \n ')).toEqual({ problems: [] });
  });
});
