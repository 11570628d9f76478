/**
 * Clauses that carry no grievance of their own: how long it has lasted (「都一个月了！」), how
 * angry the customer is (「气死我了！！！」, 「什么玩意！！」), who the customer is (「我是十年的老用户」)
 * or a turn of speech (「我跟你说」). The clause classifier still gives such a clause a category
 * (「都一个月了」 reads as billing: months are billing words), and the grievance splitter would
 * make it an issue of its own with questions and a deadline. A fragment belongs to the grievance
 * next to it, so the splitter gets it with no preference at all.
 *
 * A clause is a fragment when, after these expressions are taken out, nothing but particles
 * and pronouns is left: anything that names a thing (信号, 话费, 师傅) or an act (扣, 修, 办)
 * keeps the clause a grievance.
 */

const NUM = '(?:\\d{1,3}|[零〇一二两三四五六七八九十百]{1,3}|好几|几|半|大半)';
const UNIT = '(?:个多?|个半)?\\s*(?:天|周|星期|礼拜|月|年|小时|钟头)|(?:个多?|个半)\\s*月';
/** 都一个月了, 已经三天了还没修好, 一直这样, 第三次了. */
const DURATION = [
  `(?:都|已经|快|有|足足|整整|差不多|将近|前后|这都)?\\s*${NUM}\\s*(?:来)?\\s*(?:${UNIT})(?:多|半)?(?:了|以来|之久|过去了)?`,
  '(?:这么|那么|好)久(?:了)?|好长时间(?:了)?|很长时间(?:了)?|大半天',
  '(?:一直|老是|总是|天天|每天|每次|回回|经常)(?:都)?(?:这样|是这样|如此)',
  `三番五次|反反复复|(?:好|很多|无数)次了|不止一次(?:了)?|第${NUM}次(?:了)?`,
  '(?:还是|到现在|至今|到今天)?(?:还|也|都)?没(?:有)?(?:好|修好|弄好|搞好|解决|处理|人管|人理|人来|回复|回音|消息|动静|下文|结果)(?:呢)?',
].join('|');
/** 气死我了, 什么玩意, 太过分了: anger without an object. */
const FEELING = [
  '气死(?:我|人)?了?|(?:太|真|好)?气人|(?:也?太|真|实在)?过分(?:了)?',
  '什么玩意(?:儿)?|搞什么(?:鬼|名堂|飞机)?|有没有搞错|岂有此理|像话吗|忍无可忍|欺人太甚',
  '(?:真的?|很|非常|特别|太|好)?(?:生气|愤怒|火大|无语|崩溃|郁闷|失望|心累|恼火|无奈|寒心|伤心|着急|急死(?:了)?)(?:了)?',
  '服了|醉了|绝了|够了|烦死(?:了)?|受不了(?:了)?|(?:太|真)?离谱|坑(?:人|爹)|(?:太|真)?垃圾|恶心|呵呵|唉|哎+|天哪|我的天|晕',
].join('|');
/** 我是十年的老用户, 我是个老人, 我今年七十了: who is speaking. */
const IDENTITY = [
  '(?:我|我们家?)(?:可)?是(?:你们的?)?(?:老|多年的?|十几?年的?|\\d+年的?|忠实|VIP|vip|金卡|钻石|高级)?(?:的)?(?:老)?(?:用户|客户|会员)',
  '(?:我|我们家?)(?:是|家是)?(?:个|一个)?(?:老人|老年人|残疾人|孕妇|学生|退休的|外地人)(?:家)?',
  `我(?:今年|都)?${NUM}(?:多)?岁(?:了)?`,
].join('|');
/** 我跟你说, 说实话, 麻烦了: turns of speech. */
const SPEECH = [
  '我跟你们?说|跟你们?讲|说实话|老实说|说真的|讲真|你们(?:自己)?(?:看看|评评理|说说)|你说说?',
  '麻烦(?:你们?)?(?:了)?|拜托(?:了)?|求求你们|谢谢(?:了)?|请问|快点|赶紧(?:的)?',
].join('|');

const EXPRESSIONS = new RegExp(`${DURATION}|${FEELING}|${IDENTITY}|${SPEECH}`, 'g');
/** Particles, pronouns and intensifiers: what is left of a fragment. */
const FILLER =
  /[我你您们他她它的了啊呀吧呢嘛哦哈呵都就还也又再真太好很这那是个一吗么呐啦哇嗯喔噢诶欸，,。.!！?？;；:：、~…"“”'‘’()（）\s]/g;

export function isFragment(clause: string): boolean {
  const rest = clause.replace(EXPRESSIONS, '').replace(FILLER, '');
  return rest.length === 0 && clause.replace(FILLER, '').length > 0;
}
