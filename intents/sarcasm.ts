/**
 * Sarcasm and rhetorical questions, which carry no anger word and so used to read as calm:
 * 你们效率可真“高”, 真是谢谢你们了，又多扣我十块, 你们可真行啊, 呵呵，又断网了, 没谁了,
 * 你们是不是觉得我很好骗. Each cue is a noisy-or weight for emotion.ts (≥ ANGER_MID alone).
 *
 * Praise only counts as irony when something makes it so: scare quotes, or a grievance right
 * after it (谢谢你们啊，让我一个月没网用). Plain thanks and plain praise stay calm.
 */
import { RegexGate } from './regexGate';

const PRAISE =
  '高|快|强|稳|准时|好|棒|贴心|周到|优质|专业|给力|靠谱|负责|及时|效率|优惠|实惠|良心|厉害|聪明|热情|便宜|省心|方便|划算|满意|稳定|人性化|暖心|快速|极速|高速|不限量|无限|中奖|免费|福利|贴心服务|用心|诚信|优秀|保障|五星|5星|尊贵|vip|温馨|体贴|智能|省钱|光速|秒回|及时雨';
/** A praise word inside quotation marks of any script: “高”, "快", 「周到」, 『优惠』, ‘专业’. */
const SCARE_QUOTES = new RegExp(`[“"「『‘'](?:[^”"」』’'\\n]{0,4}(?:${PRAISE})[^”"」』’'\\n]{0,4})[”"」』’']`);

/** Said only in irony, whatever follows. */
const IRONY_PHRASES =
  /可真行|真行啊|真行[，,。!！]|^真行|真有你们的|真有你的|真是够了|够可以的|服了你们|真是服了|真服了|佩服佩服|没谁了|真是绝了|这.{0,4}绝了|真是人才|真是个人才|可真是个人才|算你们狠|真会做生意|可真会|真会玩|开了眼了|开眼了|长见识了|大开眼界|厉害了我的|不愧是|好家伙|你们可真厉害|谢谢你们全家|谢谢你全家|八辈祖宗|呵呵|花钱买罪受|一问三不知|蜗牛都比|乌龟都比|终于有人(?:理|接|管|回)|终于(?:想起|舍得|肯)|实在是高|双叒叕|真是一绝|我谢谢你/;
/** 666 written alone (not inside a phone number or an amount). */
const SIX_SIX_SIX = /(?:^|[^\d])666+(?:[^\d]|$)/;

/** Thanks or praise that irony turns around when a grievance follows it. */
const TURNABLE =
  /(?:真是|可真|太|真)?(?:谢谢|感谢|多谢)(?:你们|您们|你|您)?(?:了|啊|呀|哈|哦)?|可以的(?!话)|挺好|太好了|真好|真棒|好的呀|好得很|真快|真及时|真方便|真贴心|哇|哟|好样的|好啊好啊|好好好|行行行|你们厉害|你们真厉害|牛啊|真牛|太牛了|(?:可真|真是|真|太)(?:是)?(?:太)?(?:效率高|高效|快|及时|周到|贴心|专业|负责|给力|靠谱|方便|省心|厉害)(?:啊|呀|了|哈)?/g;
const GRIEVANCE_AFTER =
  /又|还没|(?:用|办|修|打|上)不(?:了|好|通)|要跑|跑了|跑[一两三四五六七八九十几]|凌晨|半夜|深夜|推销|营销|还是没|没网|没信号|就没了|停机|断网|就断|断了|白跑|多扣我|扣我|扣了|一个字都没|连个|连人都|说不清|限速|倒贴|受罪|让我(?:等|一个|白|没)|害我|开了个|乱扣|没人管|没人理|还在|挂了|挂我|挂断|(?:[一两三四五六七八九十几半]|\d+)个?(?:天|月|星期|礼拜|小时)了|继续拖|接着拖|拖吧|(?:去|找|打|上)(?:你们)?(?:工信部|消协|12315|12300|记者|媒体|法院|律师|省公司|总部|领导)|评评理|举报|曝光|走着瞧/;

/** Questions that are accusations: 你们是不是觉得…, 把用户当傻子, 有你们这样做服务的吗, 丢不丢人. */
const RHETORICAL =
  /你们是不是(?:觉得|以为|当|把|就|只会|故意|没人|根本|不想|不会|都|压根|存心|看我|想|欺负|成心)|(?:把|拿)(?:(?:我们?|咱们?)(?:用户|客户|老百姓|消费者|老人)?|用户|客户|老百姓|消费者|老人)当(?:傻子|猴|提款机|冤大头|韭菜|白痴|傻瓜|摇钱树)|当我(?:是)?(?:傻子|白痴|傻瓜)|难道(?:要|我|你们|就|让)|难道.{1,12}吗|不配|负不负责|信不信我|有本事|不想跟你们(?:说|废话|啰嗦)|有你们这样.{0,6}的吗|有这样.{0,6}的吗|这就是你们(?:说的|的|所谓的)|丢不丢人|要不要脸|还好意思|好意思.{0,8}吗|有意思吗|像话吗|合理吗|讲不讲理|讲不讲道理|有没有王法|有没有良心|良心被狗|谁负责|你们负责吗|管不管|还要我怎样|到底想怎样|想干嘛|你们(?:这是)?什么意思|是人干的|逗我|开什么玩笑|搞笑吗|闹着玩|迟早倒闭|别跟我说什么|不想听|废话|懒得跟你们|懒得说|这么大的公司|连个.{1,6}都(?:修不好|说不清|没有|搞不定|办不了)|好欺负|叫你们(?:经理|领导|主管|负责人)|你们领导呢|你们经理呢|气哭|要命|什么破服务|这叫什么服务|什么态度|有这么.{0,6}的吗/;

const GATE = new RegexGate([SCARE_QUOTES, IRONY_PHRASES, SIX_SIX_SIX, TURNABLE, RHETORICAL]);

export function sarcasmCues(text: string): number[] {
  const cues: number[] = [];
  const may = GATE.scan(text);
  if (GATE.may(may, SCARE_QUOTES) && SCARE_QUOTES.test(text)) cues.push(0.35);
  if ((GATE.may(may, IRONY_PHRASES) && IRONY_PHRASES.test(text)) || SIX_SIX_SIX.test(text)) cues.push(0.3);
  // exec on the one TURNABLE rather than matchAll, which copies the expression on every call
  TURNABLE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (GATE.may(may, TURNABLE) && (m = TURNABLE.exec(text))) {
    if (m[0].length === 0) TURNABLE.lastIndex++;
    const rest = text.slice(m.index + m[0].length, m.index + m[0].length + 16);
    if (GRIEVANCE_AFTER.test(rest)) {
      cues.push(0.3);
      break;
    }
  }
  if (GATE.may(may, RHETORICAL) && RHETORICAL.test(text)) cues.push(0.3);
  return cues;
}
