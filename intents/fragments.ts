/**
 * Clauses that carry no grievance of their own: how long it has lasted (「都一个月了！」), how
 * angry the customer is (「气死我了！！！」, 「什么玩意！！」), who the customer is (「我是十年的老用户」)
 * or a turn of speech (「我跟你说」). The clause classifier still gives such a clause a category
 * (「都一个月了」 reads as billing: months are billing words), and the grievance splitter would
 * make it an issue of its own with questions and a deadline. A fragment belongs to the grievance
 * next to it, so the splitter gets it with no preference at all, and fragments at either end
 * of a message are left out when the whole message is read (recognizer.ts).
 *
 * A clause is a fragment when, after these expressions are taken out, nothing but particles, emoji
 * and pronouns is left: anything that names a thing (信号, 话费, 师傅) or an act (扣, 修, 办)
 * keeps the clause a grievance.
 */

const NUM = '(?:\\d{1,3}|好几|大半|半|俩|仨|[零〇一二两三四五六七八九十百几]{1,4})(?:来|多)?';
const UNIT = '(?:个多?|个半)?\\s*(?:天|日|周|星期|礼拜|月|年|小时|钟头|分钟)|(?:个多?|个半)\\s*月';
/** 都一个月了, 已经三天了还没修好, 一直这样, 第三次了, 等了俩小时了, 这么多天了都没有动静. */
const SINCE = '(?:(?:都|已经|快|有|足足|整整|差不多|将近|前前后后|前后|这都|等了|排了|拖了|耗了|折腾了)\\s*)*';
const DURATION = [
  `${SINCE}(?:${NUM}\\s*(?:${UNIT})(?:多|半)?|(?:这么|那么|好|很)(?:久|长时间|多天|多年|几天|几个月)|大半天|一整天|一整晚)(?:了|以来|之久|过去了)?`,
  '(?:一直|老是|总是|天天|每天|每次|回回|经常)(?:都)?(?:这样|是这样|如此)',
  `三番五次|反反复复|(?:好|很多|无数|好多|${NUM})次(?:了)?|不止一次(?:了)?|第${NUM}(?:次|回|遍|趟)(?:了)?`,
  '(?:还是|到现在|至今|到今天|到现在为止)?(?:你们)?(?:还|也|都)?没(?:有)?(?:人|给我|帮我)?(?:好|修好|弄好|搞好|解决|处理|管|理|来修|来看|来|回复|回音|消息|动静|下文|结果)(?:呢)?',
  // 都多少次了, 都啥时候了, 到底还要等多久, 有没有人管: how long, asked instead of told.
  '(?:都|这都)?(?:多少|几)次了|(?:都|这都)(?:啥|什么)时候了|(?:到底)?(?:还)?要(?:我)?等(?:到)?(?:多久|多长时间|什么时候)',
  '(?:你们)?(?:到底|究竟)?(?:还)?有没有人(?:管|理|处理)|(?:你们)?(?:到底|究竟)(?:管不管|想怎(?:么)?样|要怎(?:么)?样|怎么回事)',
].join('|');
/** 气死我了, 什么玩意, 太过分了, 我的天: anger without an object. */
const FEELING = [
  '(?:tmd|tm|特么|他妈的?)?气(?:死|炸)(?:我|人)?了?|(?:太|真|好)?气人|(?:也?太|真|实在)?过分(?:了)?',
  '什么(?:破)?玩意(?:儿)?|啥玩意(?:儿)?|整啥玩意|什么鬼|什么意思|什么情况|啥子?情况|(?:咋|怎么)回事|咋整|弄啥(?:咧|嘞|呢)?|搞咩|搞(?:什么|啥子?|么子)(?:鬼|名堂|飞机)?',
  '有没有搞错|岂有此理|像话吗|忍无可忍|欺人太甚|(?:太)?欺负人|简直了|太难了|会谢|吐了|奇了怪了|这日子(?:还)?(?:没法|怎么)过(?:了)?',
  '(?:无语|郁闷|烦|急|累|恶心)死(?:我|人)?了?',
  '(?:让人|令人)?(?:真的?|很|非常|特别|太|好)?(?:生气|愤怒|火大|无语子?|崩溃|郁闷|失望|心累|累|恼火|无奈|寒心|伤心|着急)(?:了)?',
  '服了|醉了|绝了|够了|受不了(?:了)?|(?:太|真)?离谱|坑(?:人|爹|死(?:人|我)?)?|(?:太|真)?垃圾|恶心|呵呵|唉|哎+|天哪|(?:我的|我滴个)天|(?:我的)?妈呀|晕|qswl|wtf|dddd|懂的都懂',
].join('|');
const ROLE =
  '(?:独居|空巢|一个人(?:在家|住)的)?老人|老年人|老太太|老大爷|老头子?|残疾人(?:士)?|孕妇|学生|老师|教师|医生|护士|个体户|外地人|上班族|生意人|宝妈|退休(?:的|教师|老师|工人|干部|职工)?|(?:做|开|跑|送|搞|干|卖)[\\u4e00-\\u9fa5]{1,3}的';
/**
 * 我都七十多了, 我妈都八十好几了, 家里老人八十了: an age told without 岁. A number followed by a
 * unit is no age («我都三天了» is how long, «都一百块了» how much). First among the identities, so
 * «我家老人» does not take the role and leave the age behind.
 */
const NOT_AN_AGE = `(?!\\s*(?:${UNIT}|次|回|遍|趟|块|元|毛|角|分|号|点|楼|层|[a-zA-Z]))`;
const AGE = [
  `(?:我|本人|我妈|我爸|我奶奶|我爷爷|我外婆|我外公)(?:今年|都|已经)+(?:快|都)?${NUM}(?:多|好几)?${NOT_AN_AGE}(?:岁)?(?:了)?`,
  `(?:我家|家里|我们家)?老人(?:家)?(?:今年|都|已经)*(?:快|都)?${NUM}(?:多|好几)?${NOT_AN_AGE}(?:岁)?了`,
];
/** 我是十年的老用户, 我是做生意的, 我今年七十了, 这个号用了十几年了, 不会用手机: who is speaking. */
const IDENTITY = [
  ...AGE,
  `(?:我|本人|我们家?|我家)(?:可|也|都)?是(?:你们|贵公司|你们公司|移动)?(?:的)?(?:老|多年的?|${NUM}年的?|忠实|VIP|vip|金卡|钻石|高级|星级)?(?:的)?(?:老)?(?:用户|客户|会员)`,
  `(?:我|本人|我们家?|我家|我老婆|我老公|我妈|我爸)(?:是|家是)?(?:个|一个|一名|一位)?(?:${ROLE})(?:家)?`,
  `(?:我|本人)?(?:今年|都|已经)?(?:快|都)?${NUM}(?:多)?(?:周?岁)(?:了)?|我今年(?:快|都)?${NUM}(?:多)?了`,
  `(?:我们?家?|本人)?(?:这个|这张)?(?:号码?|手机号|卡)?(?:都|已经)?用(?:了)?(?:你们(?:家|公司)?的?)?(?:号码?|卡|宽带)?(?:都|已经|快|有|差不多|将近)?${NUM}(?:多)?年(?:多)?(?:了)?`,
  `每个?月(?:都)?(?:消费|花|交|充)(?:了)?${NUM}(?:多)?(?:块钱?|元)?(?:多)?`,
  '不(?:太|怎么)?(?:会|懂)(?:用|弄|操作)?(?:手机|智能手机|电脑|这些|这个)?',
  '(?:我|本人)?(?:的)?(?:腿脚|眼睛|耳朵|身体)不(?:太)?(?:好|方便|灵|便)|行动不便',
].join('|');
/** 我跟你说, 说实话, 是这样的, 麻烦了: turns of speech. */
const SPEECH = [
  '我跟你们?说|跟你们?讲|说实话|老实说|说真的|讲真|有一说一|yysy|你们(?:自己)?(?:看看|评评理|说说)|(?:你)?评评理|你说说?',
  '(?:我)?(?:要|想)投诉(?:一下|你们)?|侬晓得伐|你知道(?:吗|不)|(?:事情|情况)?是这样的|不好意思(?:打扰(?:一下)?)?|打扰(?:一下)?|(?:你们|领导|您)(?:您)?好|尊敬的领导',
  '(?:我)?(?:已经)?忍(?:了)?(?:很久|好久|很长时间)(?:了)?|本来不想投诉(?:的)?',
  '麻烦(?:你们?)?(?:给我|帮我)?(?:查|看)(?:一下|一查)|麻烦(?:你们?)?(?:了)?|拜托(?:了)?|求求你们|谢谢(?:了)?|请问|快点|赶紧(?:的)?',
].join('|');

const EXPRESSIONS = new RegExp(`${DURATION}|${FEELING}|${IDENTITY}|${SPEECH}`, 'gi');
/** Particles, pronouns and intensifiers, punctuation and emoji: what is left of a fragment. */
const FILLER =
  /[我你您们他她它的了啊呀吧呢嘛哦哈呵都就还也又再真太好很这那是个一吗么呐啦哇嗯喔噢诶欸咯哟呗嘞咧要，,。.!！?？;；:：、~…"“”'‘’()（）\s]|\p{Extended_Pictographic}|\p{S}|\p{P}|\u200d|\ufe0f/gu;
/** Punctuation and spaces: a clause of nothing else is no fragment, only noise (an emoji is anger). */
const NOISE = /[\s\p{P}]/gu;

/** FILLER matched only where the last match ended: a text is all filler when matches run end to end. */
const FILLER_HERE = new RegExp(FILLER.source, FILLER.flags.replace('g', '') + 'y');

/** Whether FILLER covers the whole text, found without building what replacing it would leave (usually the first few characters tell). */
function allFiller(text: string): boolean {
  FILLER_HERE.lastIndex = 0;
  while (FILLER_HERE.lastIndex < text.length) {
    const at = FILLER_HERE.lastIndex;
    if (!FILLER_HERE.test(text) || FILLER_HERE.lastIndex === at) return false;
  }
  return true;
}

export function isFragment(clause: string): boolean {
  return allFiller(clause.replace(EXPRESSIONS, '')) && clause.replace(NOISE, '').length > 0;
}
