/**
 * Customer-facing sentences, grouped by the phrase families of DOMAIN.md («How to talk»). Each
 * family has several variants so customers do not hear the same line every time; pickPhrase
 * chooses one from a seed. Wording rules: blame the conversation, never the customer; say what
 * we can do rather than what we cannot; short sentences.
 */
export const PHRASE_FAMILIES = {
  /** 感同身受 — calm acknowledgement for a customer who is not very angry. */
  empathy: [
    '明白了，碰上这种事确实让人闹心。我来帮您把情况记清楚。',
    '了解，换了谁遇到都会不舒服。您说的我都记着，我们把细节理一理。',
    '收到，遇到这种事确实糟心。我这就帮您登记。',
  ],
  /** 道歉 — a sincere apology and «I'll take it from here», for strong anger. */
  apology: [
    '真的很抱歉，让您这么生气。这件事交给我，我来跟进到底。',
    '非常对不起，给您添了这么大的麻烦。接下来交给我处理，不用您再来回跑。',
    '实在抱歉，这样的经历换谁都会窝火。这事我来接手，一定认真给您处理。',
  ],
  /** 老年客户 — slower, simpler words. */
  elderly: [
    '您别着急，慢慢说。我一步一步帮您记下来。',
    '您放心，不着急。我来帮您记，您照实说就行。',
    '辛苦您了，咱们慢慢来，我一件一件帮您办。',
  ],
  /** 被重视 — a customer who has come to us before. */
  valued: [
    '又让您为这件事费心了，是我们做得不够好。',
    '谢谢您一直信任我们，这次的问题我们一定认真对待。',
    '一直以来感谢您的支持，这件事我会特别留意。',
  ],
  /** Threats to go to the regulator, media or lawyers: take them seriously, never provoke. */
  priority: ['您的意见我们非常重视，这件事会作为重点事项跟进。', '您反映的情况我会标记为重点，尽快安排专人处理。'],
  /** 安抚 */
  calming: ['您先别急，我们一定尽力帮您解决。', '慢慢说就好，我们会尽全力处理。', '别着急，我们会认真处理，给您一个明确的答复。'],
  /** 感谢 — thanking the customer for their patience and the details. */
  thanks: ['谢谢您这么耐心地告诉我这些。', '辛苦您说了这么多，这些信息很有用。', '感谢您的耐心，这些细节对处理很有帮助。'],
  /** A short acknowledgement before the next question. */
  noted: ['好的，记下了。', '明白，已经记上了。', '收到。'],
  /** 「我」代替「您」 — when the bot did not understand, the fault is ours. */
  notUnderstood: ['抱歉，我没太明白您的意思，能换个说法再跟我说说吗？', '不好意思，是我没理解清楚。您能再具体讲讲遇到了什么问题吗？'],
  /** First words when a web-chat customer opens the window. */
  welcome: [
    '您好，我是投诉受理助手。信号网速、话费扣费、业务办理、服务态度、设备维修方面的问题，都可以直接告诉我。',
    '您好！有什么不顺心的地方尽管说，我帮您登记下来，并尽快安排同事处理。',
  ],
  /** «你好» after the bot already said hello: answer as one who is listening, not a second 您好. */
  listening: ['在的，请讲。遇到什么问题了，直接跟我说就行。', '我在听，您慢慢说，遇到了什么情况？'],
  greetingReply: ['您好！遇到什么问题了？直接跟我说就行。', '您好，我在。请问有什么可以帮您？'],
  youAreWelcome: ['不客气，能帮上忙就好。还有别的事随时找我。', '不用客气！有需要随时再来。'],
  /** Praise for a colleague or a solved case: thank, say it goes to the team, no ticket. */
  praiseThanks: [
    '谢谢您的肯定！您的表扬我会转给相关的同事和班组，大家听了一定很高兴。',
    '太感谢您特意来夸我们了！这份表扬我已经记下，会转达给为您服务的同事。',
    '收到您的好评，真是给大家鼓劲了。我会把您的话转给团队，以后继续努力。',
  ],
  /** The problem went away or the customer takes the complaint back: glad, nothing filed. */
  withdrawnReply: [
    '问题解决了就好！这次就不给您登记了。以后再遇到情况，随时来找我。',
    '能正常用了就好，我这边不登记工单了。要是再出现，直接告诉我就行。',
  ],
  /** A bare «好» / «没有了» after «还有别的吗？»: an acknowledgement, not a new complaint. */
  acknowledged: ['好的，有需要随时找我。', '好嘞，祝您生活顺心，有事随时来。'],
  bye: ['好的，祝您生活顺心。有需要随时找我。', '再见！有事随时来找我。'],
} as const;

export type PhraseFamily = keyof typeof PHRASE_FAMILIES;
