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
const SINCE =
  '(?:(?:都|已经|快|有|足足|整整|差不多|将近|前前后后|前后|这都|等了|排了|拖了|耗了|折腾了|到今天|到现在|至今|算起来|算下来|一晃|转眼)\\s*)*';
/** 国庆, 上礼拜, 昨天晚上, 月初, 3号: the start of 从…到现在. */
const SINCE_WHEN = `(?:国庆|春节|过年|年前|年后|元旦|五一|十一|上上?个?(?:礼拜|星期|周|月)|前几天|前天|昨天|今早|早上|上午|中午|下午|月初|月中|年初|去年|前年|${NUM}\\s*(?:月|号|日)(?:份)?)(?:早上|上午|中午|下午|晚上|夜里|开始)?`;
const DURATION = [
  `${SINCE}(?:${NUM}\\s*(?:${UNIT})(?:多|半)?|(?:这么|那么|好|很)(?:久|长时间|多天|多年|几天|几个月)|大半天|一整天|一整晚)(?:了|以来|之久|过去了)?`,
  '(?:一直|老是|总是|天天|每天|每次|回回|经常)(?:都)?(?:这样|是这样|如此)',
  `三番五次|反反复复|(?:好|很多|无数|好多|${NUM})次(?:了)?|不止一次(?:了)?|第${NUM}(?:次|回|遍|趟)(?:了)?`,
  '(?:还是|到现在|至今|到今天|到现在为止)?(?:你们)?(?:还|也|都)?没(?:有)?(?:人|给我|帮我)?(?:好|修好|弄好|搞好|解决|处理|管|理|来修|来看|来|回复|回音|消息|动静|下文|结果)(?:呢)?',
  // 都多少次了, 都啥时候了, 到底还要等多久, 有没有人管: how long, asked instead of told.
  '(?:都|这都)?(?:多少|几)次了|(?:都|这都)(?:啥|什么)时候了|(?:到底)?(?:还)?要(?:我)?等(?:到)?(?:多久|多长时间|什么时候)',
  '(?:你们)?(?:到底|究竟)?(?:还)?有没有人(?:管|理|处理)|(?:你们)?(?:到底|究竟)(?:管不管|想怎(?:么)?样|要怎(?:么)?样|怎么回事)',
  // 从国庆到现在, 从早上等到晚上, 等了一上午, 一拖再拖: how long, told by its ends or by the waiting.
  `从${SINCE_WHEN}(?:一直)?(?:拖|等|弄|折腾)?(?:到|至)(?:现在|今天|目前|如今|月底|年底|晚上)(?:为止)?|从早(?:上)?等到晚(?:上)?`,
  '等了(?:一|整整|足足)?(?:整)?个?(?:上午|下午|晚上|早上|白天|天|宿|夜|通宵)(?:了)?|拖(?:到|着)(?:现在|今天)|一直拖着?|拖拖拉拉|没完没了|没个头|遥遥无期|石沉大海|杳无音信|等到花儿都谢了',
  '(?:还|也|都)(?:是)?(?:这样|那样|老样子|一个样|老毛病)(?:子)?|隔三差五|三天两头|一拖再拖|一等再等|一次又一次|一回又一回',
  // 说了八百遍了, 催了好几次了, 这是我第三回找你们了: how often, told.
  `${SINCE}(?:说|讲|打|问|催|找|跑|反映|联系|折腾)了(?:不下|不止|至少|好|快)?(?:${NUM}|多少)(?:次|遍|回|趟)(?:了)?|(?:都|这都|已经)(?:多久|多长时间|多少天)了`,
  `(?:这|这都|这已经)?(?:已经)?是(?:我)?第${NUM}(?:次|回|遍|趟)(?:找你们|打电话|打过来|来|投诉|反映)?(?:了)?`,
].join('|');
/** 太, 真让人, 实在是: how strongly it is felt. */
const FEELING_DEGREE =
  '(?:我|我们|人|让人|令人|真是|真的|实在是?|简直|太|真|好|很|非常|特别|超|巨|贼|挺|有点|越来越|更加|十分|相当|极其|彻底|都|也|更|太过)*';
/** Feelings and verdicts that need no object: 寒心, 憋屈, 不靠谱, 离谱. */
const FEELING_WORD =
  '累觉不爱|无语子?|郁闷|烦人|烦|恶心|失望|寒心|心寒|心累|心塞|崩溃|抓狂|火大|恼火|窝火|憋屈|憋气|委屈|糟心|闹心|无奈|难受|伤心|着急|生气|气愤|愤怒|来气|上火|头大|头疼|头痛|离谱|荒唐|可笑|搞笑|过分|不像话|不靠谱|差劲|无耻|不要脸|可恶|可气|气人|绝望|麻了|服气|服|呵呵哒|呵呵';
/** 气死我了, 什么玩意, 太过分了, 我的天: anger without an object. */
const FEELING = [
  // 太让人寒心了, 对你们太失望了, 烦透了, 无语至极: a feeling with its degree words, said of nobody.
  `(?:对你们(?:公司)?)?(?:${FEELING_DEGREE})(?:${FEELING_WORD})(?:了|啊|呀|死了|死人了|死我了|透了|至极|极了|得很|坏了|疯了|爆了|炸了|到爆炸|得不行|得要死)*`,
  '(?:tmd|tm|特么|他妈的?)?气(?:死|炸)(?:我|人)?了?|(?:太|真|好)?气人|(?:也?太|真|实在)?过分(?:了)?',
  '什么(?:破)?玩意(?:儿)?|啥玩意(?:儿)?|整啥玩意|什么鬼|什么意思|什么情况|啥子?情况|(?:咋|怎么)回事|咋整|弄啥(?:咧|嘞|呢)?|搞咩|搞(?:什么|啥子?|么子)(?:鬼|名堂|飞机)?',
  '有没有搞错|岂有此理|像话吗|忍无可忍|欺人太甚|(?:太)?欺负人|简直了|太难了|会谢|吐了|奇了怪了|这日子(?:还)?(?:没法|怎么)过(?:了)?',
  '(?:无语|郁闷|烦|急|累|恶心)死(?:我|人)?了?',
  '(?:让人|令人)?(?:真的?|很|非常|特别|太|好)?(?:生气|愤怒|火大|无语子?|崩溃|郁闷|失望|心累|累|恼火|无奈|寒心|伤心|着急)(?:了)?',
  '服了|醉了|绝了|够了|受不了(?:了)?|(?:太|真)?离谱|坑(?:人|爹|死(?:人|我)?)?|(?:太|真)?垃圾|恶心|呵呵|唉|哎+|天哪|(?:我的|我滴个)天|(?:我的)?妈呀|晕|qswl|wtf|dddd|懂的都懂',
  '火冒三丈|(?:我)?(?:快|要)?(?:疯|被逼疯)了|离了个大谱|一肚子(?:火|气)|肺都(?:要)?(?:气)?炸了?|心都(?:凉|碎)了|头都大了|心态(?:都)?崩了|欲哭无泪|无力吐槽|一言难尽|(?:蚌埠|绷不)住了|累觉不爱|哭(?:了|死)?',
  '倒了八辈子霉|算我倒霉|(?:真)?倒霉|伤不起|惹不起|不可理喻|莫名其妙|笑死(?:我了|人了)?|呵呵(?:哒|呵)*|真有你们的|(?:你们)?(?:可)?真(?:行|牛|厉害|棒|可以)|厉害了|佩服|受够了|忍不了(?:了)?|(?:没法|无法)(?:再)?忍(?:了)?',
  '气得(?:我)?(?:一晚上|一宿|整晚|一夜)?(?:都)?(?:没睡着|睡不着(?:觉)?|手(?:都)?(?:发)?抖|直哆嗦|发抖|想哭|哭了|血压都上来了)|(?:真|快|都)?(?:把我)?气(?:坏|疯|晕)(?:我)?了?|气到(?:爆炸|不行|发抖)',
  // 简直抢钱, 跟土匪一样, 黑心企业: what the company is called, not what it did.
  '(?:简直|这)(?:就)?是?(?:明)?(?:抢钱|强盗|土匪|骗子|吸血鬼)|明抢(?:啊)?|(?:跟|像)(?:土匪|强盗|骗子)(?:一样|似的)|黑心(?:企业|公司|商家)?|(?:什么|啥)?(?:垃圾|破)(?:公司|企业|运营商)|坑爹',
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
  `(?:我|本人|我妈|我爸)快${NUM}(?:多)?${NOT_AN_AGE}(?:岁)?了`,
];
/** 我是十年的老用户, 我是做生意的, 我今年七十了, 这个号用了十几年了, 不会用手机: who is speaking. */
const IDENTITY = [
  ...AGE,
  `(?:我|俺|本人|我们家?|我家)(?:可|也|都)?是(?:你们|贵公司|你们公司|移动)?(?:的)?(?:老|多年的?|${NUM}年的?|忠实|VIP|vip|金卡|钻石|高级|星级)?(?:的)?(?:老)?(?:用户|客户|会员)`,
  `(?:我|本人|我们家?|我家|我老婆|我老公|我妈|我爸)(?:是|家是)?(?:个|一个|一名|一位)?(?:${ROLE})(?:家)?`,
  `(?:我|本人)?(?:今年|都|已经)?(?:快|都)?${NUM}(?:多)?(?:周?岁)(?:了)?|我今年(?:快|都)?${NUM}(?:多)?了`,
  `(?:我们?家?|本人)?(?:这个|这张)?(?:号码?|手机号|卡)?(?:都|已经)?用(?:了)?(?:你们(?:家|公司)?的?)?(?:号码?|卡|宽带)?(?:都|已经|快|有|差不多|将近)?${NUM}(?:多)?年(?:多)?(?:了)?`,
  `每个?月(?:都)?(?:消费|花|交|充)(?:了)?${NUM}(?:多)?(?:块钱?|元)?(?:多)?`,
  '不(?:太|怎么)?(?:会|懂)(?:用|弄|操作)?(?:手机|智能手机|电脑|这些|这个)?',
  '(?:我|本人)?(?:的)?(?:腿脚|眼睛|耳朵|身体)不(?:太)?(?:好|方便|灵|便)|行动不便',
  // 十几年的老号了, 我全家都用移动, 我人在外地, 我一个老太婆: more of who is speaking.
  // Told without 是 only at the clause's start: «你们就这么坑老用户» is a grievance about old users.
  `(?<=^|[^\\u4e00-\\u9fa5]|年的?)(?:${NUM}年的?)?老(?:用户|客户|号|号码)(?:了)?|(?:我们?)?(?:全家|一家子?|一家人|家里人)(?:都|全)(?:用|是)(?:的)?(?:移动|你们)(?:的)?`,
  '(?:我|我们)(?:人)?在外(?:地|面)?(?:打工|上班|出差)?|(?:我)?出差在外(?:地)?|(?:我)?年纪(?:大|也不小)了|家里就我一个人|我一个(?:老太婆|老太太|老头子?|女人家|人)|(?:我们)?(?:这里?|这儿)?是农村(?:的)?',
  '(?:我)?老伴(?:身体不好|住院了|走得早)?',
].join('|');
/** 我跟你说, 说实话, 是这样的, 麻烦了: turns of speech. */
const SPEECH = [
  '我跟你们?说|跟你们?讲|说实话|老实说|说真的|讲真|有一说一|yysy|你们(?:自己)?(?:看看|评评理|说说)|(?:你)?评评理|你说说?',
  '(?:我)?(?:要|想)投诉(?:一下|你们)?|侬晓得伐|你知道(?:吗|不)|(?:事情|情况)?是这样的|不好意思(?:打扰(?:一下)?)?|打扰(?:一下)?|(?:你们|领导|您)(?:您)?好|尊敬的领导',
  '(?:我)?(?:已经)?忍(?:了)?(?:很久|好久|很长时间)(?:了)?|本来不想投诉(?:的)?',
  '麻烦(?:你们?)?(?:给我|帮我)?(?:查|看)(?:一下|一查)|麻烦(?:你们?)?(?:了)?|拜托(?:了)?|求求你们|谢谢(?:了)?|请问|快点|赶紧(?:的)?',
  '我就想问问|我想(?:反映|说)(?:个|一个|一下)?(?:问题|情况|事儿?)?|反映(?:个|一个|一下)(?:问题|情况)|(?:事情|情况)是这样(?:子)?的|长话短说|我简单说(?:一下|两句)?|怎么说呢|说起来就来气|说来话长',
  '总之|总而言之|反正(?:就这样)?|(?:大概|就)(?:就)?是这(?:样|么回事|么个事)|就这么回事|以上(?:就是我的问题)?|(?:我)?不(?:想)?(?:多)?说了|(?:实在|真的?)?没办法(?:了)?',
].join('|');
/** 你们还想不想干了, 有这么做事的吗, 能不能上点心, 给我个说法: asked or demanded, not told. */
const RHETORIC = [
  '还(?:想不想|要不要)(?:做生意|干|做|混|开)(?:了)?|还让不让人(?:活|过|用)(?:了)?|还有没有(?:王法|天理|人管|良心|人性|说理的地方)(?:了)?',
  '有(?:你们)?这(?:么|样)(?:做事|办事|干活|对待客户|做生意)?的吗|这(?:叫|算)(?:什么|啥)(?:事儿?|服务)?|讲不讲(?:道)?理|讲点(?:道)?理(?:好不好|行不行)?|(?:你们)?(?:的)?良心(?:呢|不会痛吗|过得去吗|被狗吃了)',
  '能不能(?:上点心|靠谱点|负点责任|专业点|有点效率|快点|给个准话)|负点责任(?:好吗|行吗)?|谁来管管|有人管吗|(?:到底)?谁(?:来)?负责|我(?:到底)?(?:该|要|应该)找谁|(?:要|让|叫)我怎么办|你们说怎么办吧?|(?:你们)?看着办吧?',
  '(?:你们)?就(?:这样|这么)(?:对待?|欺负|糊弄|忽悠)(?:我们?)?(?:老|普通)?(?:用户|客户|老百姓|消费者)?(?:的)?(?:吗|吧)?|(?:必须)?(?:给我|给个|要个)(?:个|一个)?(?:说法|交代|解释)|我要(?:个|一个)说法|我(?:就)?等着|我倒要看看|(?:我)?看你们怎么(?:处理|说|办)',
  '行行好|帮帮(?:忙|我)(?:吧)?|救命|求助|求(?:解决|处理|帮助)|急(?:需|求)解决|(?:麻烦|请|希望|恳请)(?:你们)?(?:尽快|赶紧|抓紧)(?:处理|解决|回复|给我解决)?|(?:希望|请)(?:你们|领导)?(?:重视|高度重视)',
  '尽快(?:处理|解决|回复)?|急+|(?:很|挺|特别)急(?:的)?|在线等|速回|等(?:你们)?(?:的)?回复|盼回复|辛苦(?:了|你们了)?',
].join('|');

const EXPRESSIONS = new RegExp(`${DURATION}|${FEELING}|${IDENTITY}|${SPEECH}|${RHETORIC}`, 'gi');
/** Particles, pronouns and intensifiers, punctuation and emoji: what is left of a fragment. */
const FILLER =
  /[我俺你您们他她它的了啊呀吧呢嘛哦哈呵都就还也又再真太好很这那是个一吗么呐啦哇嗯喔噢诶欸咯哟呗嘞咧要，,。.!！?？;；:：、~…"“”'‘’()（）\s]|\p{Extended_Pictographic}|\p{S}|\p{P}|\u200d|\ufe0f/gu;
/** Punctuation and spaces: a clause of nothing else is no fragment, only noise (an emoji is anger). */
const NOISE = /[\s\p{P}]/gu;

/** The same expressions and FILLER, matched only where the last match ended (sticky). */
const EXPRESSION_HERE = new RegExp(EXPRESSIONS.source, 'iy');
const FILLER_HERE = new RegExp(FILLER.source, FILLER.flags.replace('g', '') + 'y');

/**
 * Every character an expression can begin with is written somewhere in its source (a Chinese
 * character, a Latin letter in either case, or a digit for \\d): elsewhere no expression is tried.
 */
const MAY_START_EXPRESSION = new Set(
  [...(EXPRESSIONS.source + '0123456789').replace(/[^\p{Script=Han}a-z0-9]/giu, '')].flatMap((c) => [c, c.toLowerCase(), c.toUpperCase()]),
);

/** Whether `re` matches something at `at`: where it ends, or -1. */
function matchEnd(re: RegExp, text: string, at: number): number {
  re.lastIndex = at;
  return re.test(text) && re.lastIndex > at ? re.lastIndex : -1;
}

/**
 * Read from the start: at each position an expression, or else one filler character, must
 * begin. That is what taking the expressions out everywhere and finding only filler left means,
 * but a grievance is told apart at its first word of substance («信号…», «扣…») instead of after
 * every expression has been tried at every position of the clause.
 */
export function isFragment(clause: string): boolean {
  for (let at = 0; at < clause.length;) {
    // An expression first: «我是十年的老用户» is one, not the filler «我» and then words.
    let end = MAY_START_EXPRESSION.has(clause[at]) ? matchEnd(EXPRESSION_HERE, clause, at) : -1;
    if (end < 0) end = matchEnd(FILLER_HERE, clause, at);
    if (end < 0) return false;
    at = end;
  }
  return clause.replace(NOISE, '').length > 0;
}
