import type { CategoryId } from '../domain/category';
import type { SuggestionFamily } from './types';

/**
 * Ready-to-send replies for online-chat agents, by phrase family (DOMAIN.md «How to talk») and
 * category. These are for agents, not the bot, so they may promise a deadline, speak for a named
 * agent and commit to a refund «per policy».
 *
 * Placeholders are filled from the case (caseFacts.ts): {ticket} {due} {cat} {amount} {month}
 * {place} {hall} {model} {staff} {agent} {issues}. A template whose value the case lacks is
 * skipped, so no reply ever reaches an agent half-filled.
 *
 * Wording rules: acknowledge the feeling before the facts; blame the conversation or ourselves,
 * never the customer; say what we will do and by when; never belittle the customer's threat to
 * go elsewhere; with elderly customers use 您老 / 不着急 and short, plain sentences.
 */

/**
 * Circumstances read from the case and the latest message that select special variants. The
 * «persona» flags (who we are talking to: an elderly customer, someone writing for an elderly
 * relative, a customer threatening to go to the regulator, a repeat complainer) replace the
 * ordinary variants; the «topic» flags (urgent, missed visit, refund, a named agent,
 * several grievances) join them.
 */
export type ReplyFlag = 'elderly' | 'elderly_relative' | 'threat' | 'repeat' | 'urgent' | 'missed' | 'refund' | 'agent' | 'multi';

export const PERSONA_FLAGS: ReadonlySet<ReplyFlag> = new Set<ReplyFlag>(['elderly', 'elderly_relative', 'threat', 'repeat']);

export interface ReplyTemplate {
  text: string;
  /** Offered only when this flag is raised, and then preferred over the ordinary variants. */
  only?: ReplyFlag;
  /**
   * Fits only when the customer's words (any of the case's texts) match, in matching form
   * (simplified, 您→你, no spaces); preferred when the latest message matches.
   */
  cue?: RegExp;
}

export type Phrase = string | ReplyTemplate;
export type FamilyPhrases = Record<SuggestionFamily, Phrase[]>;

/** Fits every case, including one whose category is not known yet. */
export const GENERIC_PHRASES: FamilyPhrases = {
  empathy: [
    '您的心情我完全能理解，遇到这种事，谁心里都不会舒服。',
    '这事搁谁身上都窝火，您愿意跟我们说，我们就一定认真对待。',
    '本来想省心用个服务，结果还给您添了堵，确实让人闹心。',
    { text: '您老别着急，这事确实让人闹心，您说的我都听明白了，交给我来办。', only: 'elderly' },
    { text: '您老辛苦了，为这点事还得操心，我们一定帮您办好。', only: 'elderly' },
    { text: '同一件事反反复复没解决，换了谁都会失去耐心，您的不满我完全理解。', only: 'repeat' },
    { text: '老人家碰上这种事更容易着急，您替家里人跑前跑后，辛苦了。', only: 'elderly_relative' },
    { text: '家里老人遇到这样的麻烦，您心里肯定不踏实，我们一定尽快帮着解决。', only: 'elderly_relative' },
  ],
  valued: [
    '感谢您一直以来对我们的信任，您的事我会当成自己的事来办。',
    '您是我们的老用户了，这次让您失望，我们心里也过意不去。',
    '您的意见对我们很重要，这件事我会亲自跟进，不会让它不了了之。',
    { text: '我是工号 {agent} 的客服，您这件事从现在起由我专门负责。', only: 'agent' },
    { text: '这件事由我（工号 {agent}）负责跟进，有任何情况您直接找我就行。', only: 'agent' },
    { text: '您老一直用我们的号码，这份信任我们记着，您的事我们一定上心。', only: 'elderly' },
    { text: '您的意见我们非常重视，这件事已经作为重点事项上报，会有专人跟进到底。', only: 'threat' },
    { text: '您反映的问题我们一定认真对待，绝不敷衍。我先把处理方案跟您说清楚，您看是否满意。', only: 'threat' },
    { text: '为这件事您已经联系我们好几次了，这次我来负责到底，不会再让您来回跑。', only: 'repeat' },
  ],
  customer_side: [
    '我先把情况核实清楚再给您答复，这样给您的说法才靠得住，不会让您白跑一趟。',
    '需要跟您确认几个细节，是怕记错了耽误您的事，还请您多担待。',
    '我把您说的要点再跟您核对一遍，这样后面处理的同事不用再打扰您重复一次。',
    { text: '我多问几句，是怕漏了哪样耽误您的事，您老别嫌我啰嗦。', only: 'elderly' },
    {
      text: '您当然可以通过任何渠道反映，这是您的权利；我们也希望先在这里把问题给您处理好，免得您多费周折。',
      only: 'threat',
    },
    { text: '之前的记录我都看过了，您不用再从头说一遍，我直接接着往下处理。', only: 'repeat' },
    { text: '需要老人家本人配合的地方，我会提前跟您说清楚，能简化的手续尽量简化，免得老人家多跑。', only: 'elderly_relative' },
  ],
  calming: [
    '您先别急，这件事我已经接手了，一定给您一个明确的说法。',
    '我在呢，您慢慢说，我们一起把事情理清楚。',
    '您放心，问题不解决，我这边不会结单。',
    { text: '您老不着急，慢慢说，我一句一句都记着呢。', only: 'elderly' },
    { text: '不着急，您慢慢来，哪里不清楚随时问我，我给您讲明白。', only: 'elderly' },
    { text: '您说的每一条我都如实记下了，我们一定把问题解决到位。', only: 'threat' },
    { text: '您放心，老人家的事我们会特别留意，能线上办的就不让老人家来回跑。', only: 'elderly_relative' },
  ],
  thanks: [
    '谢谢您把情况说得这么清楚，省了我们不少核实的时间。',
    '感谢您的耐心，也谢谢您愿意给我们改进的机会。',
    '谢谢您愿意花时间跟我们反映，您说的每一点我们都会认真对待。',
    { text: '谢谢您的建议，说得很在理，我会把它反映上去。', cue: /建议|应该|最好|能不能改|希望你们/ },
    { text: '谢谢您老耐心跟我说了这么多，辛苦您了。', only: 'elderly' },
    { text: '谢谢您替老人家来反映，情况说得很清楚，我都记下了。', only: 'elderly_relative' },
  ],
  apology: [
    '真对不起，给您添麻烦了。',
    '非常抱歉让您遇到这样的事，是我们没做好。',
    '实在抱歉，让您受累了。',
    { text: '真是对不住您老，让您受累了，这事我一定给您办妥。', only: 'elderly' },
    { text: '同一件事让您反复来找我们，这是我们的失职，真的很抱歉。', only: 'repeat' },
    { text: '给您造成这么大的困扰，真的很抱歉。您的诉求我会如实记录，认真处理。', only: 'threat' },
  ],
  progress: [
    '您的工单号是 {ticket}，我会在 {due} 前给您回复处理进展。',
    '工单 {ticket} 已经在处理了，最晚 {due} 前给您明确答复，有进展我第一时间告诉您。',
    { text: '您提到的 {issues} 件事我都记在工单 {ticket} 里了，我们一件一件给您处理。', only: 'multi' },
    '这件事我已经登记好了，工单号 {ticket}，后面都由我们主动联系您。',
    '您反映的{cat}方面的问题已经登记在工单 {ticket} 里，{due} 前会给您明确答复。',
    { text: '您老放心，这事我给您记下了，单号是 {ticket}。到时候我们主动联系您，您不用再跑一趟。', only: 'elderly' },
    { text: '您老不用记那么多，{due} 前我们会打电话或者发消息告诉您结果。', only: 'elderly' },
    { text: '这件事我会马上报给值班主管，{due} 前一定给您一个明确答复。', only: 'threat' },
    { text: '您这边着急用，我给工单 {ticket} 标上加急，优先处理。', only: 'urgent' },
    { text: '工单号 {ticket}，后续结果我们先联系您，{due} 前给您答复，您再转告老人家就行。', only: 'elderly_relative' },
    { text: '之前的处理记录我都调出来了，这次由我盯着工单 {ticket}，{due} 前给您结果。', only: 'repeat' },
  ],
};

const PRODUCT_QUALITY: FamilyPhrases = {
  empathy: [
    { text: '信号时有时无，打个电话都断断续续，换谁都会着急上火。', cue: /信号|断|掉线|没服务|打不通|通话/ },
    { text: '网速慢成这样，打开个网页都要等半天，确实太影响您用了。', cue: /网速|慢|卡|加载|刷不/ },
    '花了钱却用不好网络，您有意见完全在情理之中。',
    '每天都要为网络的事闹心，真是辛苦您了。',
    '在{place}信号一直不好，天天受这个罪，换谁都受不了。',
  ],
  valued: [
    '您用我们的网络这么多年，理应有更好的体验，这次的问题我们一定认真排查。',
    '感谢您一直以来的支持，网络的问题我会专门提交给网络优化的同事。',
  ],
  customer_side: [
    '问您手机型号和具体位置，是为了让网络优化的同事精准找到问题，少走弯路，早点给您改善。',
    '想了解附近的人是不是也这样，这样能判断是基站还是手机的问题，处理起来更快。',
    { text: '您可以先试试重启手机，或者开关一下飞行模式，有时几秒钟就能恢复，省得您干等。', cue: /网速|慢|卡|信号|没网|上不了网/ },
    { text: '您老先把手机关了再开一下试试，有时候这样就好了；要是不行也没关系，我们派人去查。', only: 'elderly' },
  ],
  calming: [
    '您别着急，信号问题有专门的网络优化团队负责，我这就给您派单。',
    '这个问题是能查、能改善的，您先放宽心，我们一步步来。',
    '您先消消气，信号的事我来盯着，一定给您个结果。',
  ],
  thanks: ['谢谢您说得这么具体，这些信息对我们排查信号特别有帮助。', '感谢您反映这个问题，附近的其他用户也会因此受益。'],
  apology: ['很抱歉，网络问题给您带来这么多不便。', '真是对不住，网络没能让您用得顺心。', '网络让您这么糟心，真的对不起。'],
  progress: [
    '我这就把{place}的情况提交给网络优化的同事，工单号 {ticket}，{due} 前会有人联系您。',
    '我会把工单 {ticket} 转给网络维护部门核查，现场测试和处理的进展都会及时告诉您。',
    '我这边已经登记，网络优化的同事会核查您附近的基站，{due} 前给您答复。',
    '您用的是{model}，我一并记在工单 {ticket} 里，方便同事对照排查。',
    { text: '您老放心，我们会派人去您那儿测一测信号，有结果了马上告诉您。', only: 'elderly' },
  ],
};

const BILLING_DISPUTE: FamilyPhrases = {
  empathy: [
    '账单上多出一笔说不清的钱，谁看了心里都犯嘀咕，您来问是应该的。',
    '自己的钱扣得不明不白，您生气我完全理解。',
    '{amount} 元扣得不清不楚，搁谁都想问个明白，您来问清楚是对的。',
    '{month}的账单跟您预想的对不上，您着急是肯定的。',
    { text: '没订过的业务却在扣钱，这种感觉确实让人很不舒服。', cue: /没订|没开|没办|不知情|莫名其妙|没申请|从来没/ },
  ],
  valued: ['您一直按时缴费，是我们信得过的老用户，这笔费用我一定帮您查个明白。', '感谢您这么多年的支持，每一笔费用都应该让您清清楚楚。'],
  customer_side: [
    '我需要调一下订购记录和扣费明细，这样每一笔钱扣在哪儿都能给您说得清清楚楚，您也放心。',
    '核对订购记录时会查办理渠道和时间，如果是我们这边的问题，退费就有凭据，不用您再来回证明。',
    '把费用逐项核对一遍，是为了不漏掉任何一笔该退给您的钱。',
    { text: '您老别担心，钱的事我们一笔一笔帮您查，查清楚了就给您打电话说。', only: 'elderly' },
  ],
  calming: [
    '您先别急，钱的事我们一定给您查清楚，该退的一分都不会少。',
    '您放心，只要核实是我们这边的问题，就会按规定给您退还。',
    '您放心，每一笔钱我们都会核对清楚。',
  ],
  thanks: [
    '谢谢您仔细核对了{month}的账单，连 {amount} 元这笔都记得清清楚楚，我们核查起来快多了。',
    '感谢您发现这个问题，这对我们改进计费也很重要。',
  ],
  apology: ['扣费的事让您糟心了，真的很抱歉。', '对不起，让您为话费的事操心了。', '为了钱的事让您专门来问，真是抱歉。'],
  progress: [
    '您{month}账单里的 {amount} 元我已经提交核查，工单号 {ticket}，{due} 前给您结果。',
    '我这就申请调取扣费明细和订购记录，工单 {ticket}，{due} 前把核查结果告诉您。',
    '这笔 {amount} 元的费用我已经记下，核实后第一时间跟您说处理方案。',
    {
      text: '如果核实是我们这边的问题，多收的费用会按规定退给您，我们也会考虑给您适当的补偿。',
      only: 'refund',
    },
    { text: '核实清楚后，该退的钱会按规定原路退回，工单 {ticket} 的进展我会随时告诉您。', only: 'refund' },
  ],
};

const SERVICE_ATTITUDE: FamilyPhrases = {
  empathy: [
    '本来是来办事的，却受了一肚子气，您心里不痛快我非常理解。',
    '被那样对待确实让人寒心，谢谢您愿意告诉我们。',
    '遇到这样的态度，任谁都会觉得委屈、不被尊重。',
    '在{hall}遇到这样的事，让您受委屈了。',
  ],
  valued: ['您是我们的老用户，本该被好好对待，这次是我们没做好。', '您的感受对我们很重要，这件事我们会认真核查，不会不了了之。'],
  customer_side: [
    '我需要了解一下时间和经过，这样才能调取当时的记录核实清楚，给您一个站得住的交代。',
    '记不住工号也没关系，有时间和地点我们就能查到当班的同事，您不用为这个费心。',
  ],
  calming: [
    '您先消消气，这件事我们一定严肃处理。',
    '您的委屈我明白，这件事交给我，一定给您一个说法。',
    '您说的经过我一字一句都记下了，一定认真核查。',
  ],
  thanks: ['谢谢您指出我们服务上的问题，您的批评能让我们改得更好。', '感谢您把经过讲得这么清楚，我会原原本本反馈上去。'],
  apology: [
    '我代表我们向您道歉，让您受委屈了。',
    '实在对不起，那样的服务态度是不应该的。',
    '让您受气了，真的非常抱歉。',
    { text: '您老受委屈了，那样跟您说话是我们不对，我给您赔个不是。', only: 'elderly' },
  ],
  progress: [
    '您反映的情况我已经记录，工单号 {ticket}，会反馈给相关营业厅核实处理，{due} 前给您回复。',
    '您提供的工号 {staff} 我已经记下，会核实当时的情况并给您回复。',
    '我会把{hall}的情况反馈给那边的负责人，核实后 {due} 前告诉您处理结果。',
  ],
};

const BUSINESS_HANDLING: FamilyPhrases = {
  empathy: [
    '专门抽时间来办业务，结果没办成，换谁都着急。',
    { text: '办个业务折腾了这么久还没弄好，您的耐心都快被磨没了，我理解。', cue: /排队|等了|好久|半天|折腾|来回/ },
    { text: '业务办了却没生效，心里一直悬着，确实让人不踏实。', cue: /没生效|不生效|未生效|没反应/ },
    '手续来回折腾，确实太费您的时间了。',
  ],
  valued: ['您一直信任我们才选在这里办理，这次没办顺，是我们要改进的地方。', '感谢您一直以来的支持，您的业务我会一直跟到办好为止。'],
  customer_side: [
    '办这类业务需要本人证件，是为了防止别人冒用您的名义，保护您的号码和资金安全。',
    '核对身份信息看起来有点麻烦，但这样能确保只有您本人能动您的号码，更有保障。',
    '我先查一下这笔业务在系统里卡在哪一步，找准原因再办，免得您白跑一趟。',
    { text: '办这个要看您本人的身份证，是怕有人冒用您的号码，是为了您的安全，您老放心。', only: 'elderly' },
    {
      text: '需要老人家本人的证件，是为了防止别人冒用老人家的号码；老人家行动不便的话，我帮您问问有没有代办或上门的办法。',
      only: 'elderly_relative',
    },
  ],
  calming: [
    '您先别急，业务办理的情况我马上帮您查。',
    '您放心，这笔业务我会一直跟进，直到办好为止。',
    '别着急，我这就查这笔业务卡在了哪一步。',
  ],
  thanks: ['谢谢您把办理经过告诉我，我查起来就快多了。', '感谢您耐心等待，也谢谢您告诉我们流程上的不便。'],
  apology: ['抱歉，让您为办业务来回折腾。', '对不起，业务没能一次给您办好。', '耽误您的时间了，真的很抱歉。'],
  progress: [
    '我这就把办理记录提交后台核查，工单号 {ticket}，{due} 前告诉您结果。',
    '这笔业务的进度我会盯着，工单 {ticket}，办好后第一时间通知您。',
    '能在线处理的部分我先帮您办，需要后台配合的 {due} 前给您答复。',
  ],
};

const AFTER_SALES: FamilyPhrases = {
  empathy: [
    '报修之后迟迟等不到处理，那种干着急的感觉我能理解。',
    { text: '家里宽带一断，工作、孩子上网课都受影响，您着急是肯定的。', cue: /宽带|光猫|没网|断网|路由|wifi/i },
    { text: '约好了上门，等了半天师傅也没来，白白耽误您的时间，换谁都会生气。', only: 'missed' },
    '东西坏了一直没人管，确实太耽误事了。',
  ],
  valued: ['您一直用我们的宽带和设备，出了问题我们理应第一时间处理。', '谢谢您一直以来的信任，维修的事我会帮您盯紧。'],
  customer_side: [
    '先问问您试过哪些办法，是为了不让您重复折腾，师傅上门也能带对配件，争取一次修好。',
    { text: '光猫指示灯的情况能帮我们判断是线路还是设备的问题，这样派对的人，修得更快。', cue: /光猫|灯|宽带|没网/ },
    '跟您约一个方便的上门时段，是为了不让您在家空等。',
  ],
  calming: ['您别急，维修我来给您加急安排。', '您放心，这次我会盯着维修进度，不会再让您干等。', '您先别急，维修的事我来催，不会再拖。'],
  thanks: ['谢谢您提供了这么多信息，师傅上门前心里就有数了。', '感谢您耐心配合排查，辛苦了。'],
  apology: ['让您等了这么久还没修好，实在抱歉。', '很抱歉，维修没能及时跟上。', '东西坏着一直没人管，真是对不起。'],
  progress: [
    '我这就给您加急派维修单，工单号 {ticket}，{due} 前会有师傅跟您约上门时间。',
    '我会把工单 {ticket} 转给装维部门，上门时间约好后再跟您确认一遍。',
    { text: '之前约了却没上门的情况我也记下了，这次会优先给您安排，师傅出发前先给您打电话。', only: 'missed' },
    { text: '您老不用自己弄，我们安排师傅上门，来之前会先给您打电话。', only: 'elderly' },
  ],
};

export const CATEGORY_PHRASES: Record<CategoryId, FamilyPhrases> = {
  product_quality: PRODUCT_QUALITY,
  billing_dispute: BILLING_DISPUTE,
  service_attitude: SERVICE_ATTITUDE,
  business_handling: BUSINESS_HANDLING,
  after_sales: AFTER_SALES,
};

export function asTemplate(phrase: Phrase): ReplyTemplate {
  return typeof phrase === 'string' ? { text: phrase } : phrase;
}
