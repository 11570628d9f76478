/**
 * Where it happened: the whole address as the customer wrote it (province … road, number,
 * community, building, unit, room, floor, a landmark with 附近/对面), read over the readable
 * (half-width, simplified) text. The network team needs the whole chain, not its first part, and
 * a bare 家里 tells them nothing: whether it is indoors, outdoors or underground is
 * placeSetting.ts's business.
 */

export interface Span {
  value: string;
  start: number;
  end: number;
}

/** Characters that end a place name when walking back from its suffix: function words, pronouns, verbs of going, punctuation. */
const STOP_CHARS =
  '\\s,，。.!！?？;；:：、()（）"“”\'‘’《》「」【】\\[\\]~～我你他她它的在到去住是了从说就也很还又被把给让跟与及或但啊吧呢吗么呀们坐乘搭喺嘅咗啦哦嘛噢呃哎唉个来要有离走条得跑问请找想出做';
const STOP = new RegExp(`[${STOP_CHARS}]`);
const NAME_CHAR = `[^${STOP_CHARS}]`;

/** Numbers as they appear in addresses: 88, 三, 十二, B, T3, 负一. */
const NUM = '(?:负?(?:\\d+|[零〇一二两三四五六七八九十百]+)|[A-Za-z]\\d{0,2}|地下[一二三四五\\d])';

/** Parts that name a place by themselves once a name precedes them, longest first. */
const NAMED_SUFFIXES = [
  '营业厅',
  '营业听',
  '营业部',
  '营业点',
  '服务厅',
  '专卖店',
  '小区',
  '花园',
  '家园',
  '公寓',
  '大厦',
  '广场',
  '商场',
  '购物中心',
  '超市',
  '市场',
  '地铁站',
  '火车站',
  '高铁站',
  '汽车站',
  '客运站',
  '车站',
  '机场',
  '航站楼',
  '候车室',
  '候车厅',
  '医院',
  '住院部',
  '门诊楼',
  '卫生院',
  '学校',
  '大学',
  '学院',
  '中学',
  '小学',
  '幼儿园',
  '教学楼',
  '宿舍楼',
  '办公楼',
  '写字楼',
  '园区',
  '工业园',
  '产业园',
  '科技园',
  '街道',
  '大街',
  '大道',
  '步行街',
  '胡同',
  '社区',
  '新村',
  '公园',
  '大楼',
  '酒店',
  '宾馆',
  '电影院',
  '影院',
  '体育馆',
  '图书馆',
  '景区',
  '高速',
  '十字',
  '交叉口',
  '路口',
  '路',
  '街',
  '道',
  '巷',
  '村',
  '镇',
  '乡',
  '区',
  '县',
  '市',
  '省',
  '州',
  '旗',
  '店',
  '站',
  '城',
  '园',
  '苑',
  '庄',
  '屯',
  '厂',
];
/** One-character suffixes: too common in ordinary words to stand with a one-character name (走路, 网站, 超市). */
const SINGLE = new Set(NAMED_SUFFIXES.filter((s) => s.length === 1));
/** Places that are an answer on their own («你们营业厅»: it was a hall, not the hotline). */
const BARE_OK = new Set(['营业厅', '营业听', '营业部', '服务厅', '火车站', '高铁站', '汽车站', '机场']);
/** Chain parts that may follow a named part without a name of their own (人民路 + 营业厅, 花园 + 路). */
const CHAIN_ONLY = ['地下停车场', '地下车库', '地下室', '停车场', '车库', '电梯', '楼道', '东门', '西门', '南门', '北门', '正门'];
/** A well-known name with one of these is a place even without a place word (东方明珠附近, 万达对面). */
const LANDMARK_MODIFIERS = ['附近', '对面', '旁边', '隔壁'];
const MODIFIERS = ['附近', '对面', '旁边', '周边', '周围', '一带', '边上', '隔壁', '东南角', '西南角', '东北角', '西北角'];
/** Numbered parts: 88号, 3号楼, 2单元, 1101室, 负一层, 四段, 3组, A出口. */
const NUMBERED = /^(NUM)(号院|号楼|号门|号线|号|栋|幢|座|单元|室|层|楼|期|组|段|弄|出口|区)/.source.replace('NUM', NUM);
/** Names before 区 or 道 that make an ordinary word, not a district or a road (服务区, 知道). */
const NOT_DISTRICT = /(?:服务|覆盖|漫游|信号|营业|无人)$/;
/** …and one-character ones, which also end real names (天山区, 蜀山区): only in a short head (偏远山区). */
const NOT_DISTRICT_SHORT = /(?:盲|景|校|社|片|城|市|郊|山|禁)$/;
/** …except a two-character name in 城 or 山 that is no description: 鹿城区, 东城区, 天山区, but 老城区, 深山区. */
const DISTRICT_NAME_SHORT = /^[^老主新旧县市古内外深大荒高偏远郊近整片这那][城山]$/;
const NOT_WAY = /(?:知|频|味|报|渠|管|轨|通|赛|跑|车|难|说|航|隧|地|人|坑|弯|古|厚|公|霸|门|街|交|讲|话|服)$/;
/** Names before 路 that make 线路, 套路, 原路, 上班路…: no road. */
const NOT_ROAD = /(?:线|套|原|连|思|电|网|门|半|回|马|水|铁|公|岔|迷|绕|让|带|引|赶|近|远|歪|活|勤|班|学|家|怨|一|道|陆|后|前)$/;
/** A single-character suffix that is really the start of another word: 区别, 道歉, 路由器, 站到, 市民. */
const WORD_AFTER: Record<string, RegExp> = {
  厂: /^[家商]/,
  旗: /^[舰下帜]/,
  区: /^[别分域间]/,
  道: /^[歉理谢德具别]/,
  路: /^[由费况线径人]/,
  站: /^[到起着在了住稳长]/,
  市: /^[民值面场]/,
  街: /^[坊]/,
};
const NOT_NAME_BEFORE: Record<string, RegExp> = {
  站: /[基网电]$/,
  厂: /[原回返出进工]$/,
  市: /[门超城股夜菜集花上黑楼]$/,
  城: /^.{0,3}商$|[出进]$/,
  村: /(?:农|发现|同|本|邻|全|隔壁)$/,
  街: /[骂逛上扫临沿]$/,
  大学: /[上考读]$/,
  中学: /[上考读]$/,
  小学: /[上考读]$/,
  店: /旗舰$/,
};
const PROVINCE =
  /(?:河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|台湾)$/;
/** A one-character word before a place type is a description, not a name (老小区, 同小区, 过营业厅). */
const DESCRIPTION = /^[老新旧大小整我家本同别过跑问去来到在找打进出回某该此]$/;
/** A generic word before a building is no address (学校宿舍楼, 公司办公楼). */
const GENERIC_HEAD = /^(?:学校|公司|单位|我们|小区|医院|工厂|厂里|村里)$/;
/** What a road-like part is: after it, a bare 号 is a house number, not a date. */
const ROAD_LIKE = /(?:路|街|道|巷|弄|胡同|大街|大道|里|村|段|组)$/;

/** Leading words the walk back picks up that are not part of the place (老家, 那个, a time). */
const LEADING_TIME =
  /^(?:大前天|前天|昨天|今天|明天|今早|昨晚|今晚|上上?个?(?:周|星期|礼拜)[一二三四五六日天]?|(?:周|星期|礼拜)[一二三四五六日天]|凌晨|早上|早晨|上午|中午|下午|傍晚|晚上|半夜|\d{1,2}月(?:\d{1,2}[号日])?|\d{1,2}[号日]|\d{1,2}点(?:半|多)?|过年|春节(?:期间)?|国庆节?|当时|那时|之前|以前|后来|周末|每天|每次|最近)/;
const LEADING_CLUTTER =
  /^(?:那天|当天|那几天|结果|整个|这片|那片|片|贵司|贵公司|某|另外一家|另一家|同|非得|第[一二三四五六七八九十\d]{1,3}次|[一二两三四五六七八九十几\d]{1,2}次|老家(?:在|是)?|家住|家在|住址|地址|位置|位于|就是|那个|这个|那边|这边|附近的|咱们|咱|俺|那|这)/;

const SUFFIX_SCAN = new RegExp(
  [...NAMED_SUFFIXES, ...LANDMARK_MODIFIERS].sort((a, b) => b.length - a.length).join('|') + '|号楼|号院|号线|栋|幢|单元',
  'g',
);

function trimHead(head: string): string {
  let h = head;
  for (let prev = ''; prev !== h;) {
    prev = h;
    h = h
      .replace(LEADING_TIME, '')
      .replace(LEADING_CLUTTER, '')
      .replace(/^.*(?:以后|之后|以前|时候)/, '');
  }
  return h;
}

/** The longest run of name characters (no stop character) ending at `end`, at most `max` long. */
function nameBefore(text: string, end: number, max: number): string {
  let start = end;
  while (start > 0 && end - start < max && !STOP.test(text[start - 1])) start--;
  return text.slice(start, end);
}

const NUM_AT_END = new RegExp(`${NUM}$`);

/** Whether `head` + `suffix` makes the first part of an address. */
function firstPartOk(head: string, suffix: string, after: string): boolean {
  if (/^(?:号楼|号院|号线|栋|幢|单元)$/.test(suffix)) return NUM_AT_END.test(head);
  if (head.length === 0) return BARE_OK.has(suffix);
  if (/^\d+$/.test(head) || GENERIC_HEAD.test(head)) return false;
  if (SINGLE.has(suffix) && head.length < 2) return false;
  // a bare name with 附近/对面 must look like a landmark, not «电话那头对面» or «比隔壁»
  if (LANDMARK_MODIFIERS.includes(suffix) && (head.length < 2 || head.length > 5 || /[比知接机话网号家里信通道样边]/.test(head)))
    return false;
  if (
    suffix === '区' &&
    (NOT_DISTRICT.test(head) || (head.length <= 3 && NOT_DISTRICT_SHORT.test(head) && !DISTRICT_NAME_SHORT.test(head)))
  )
    return false;
  if (suffix === '道' && NOT_WAY.test(head)) return false;
  if (suffix === '路' && NOT_ROAD.test(head)) return false;
  if (suffix === '省' && !PROVINCE.test(head)) return false;
  if (NOT_NAME_BEFORE[suffix]?.test(head)) return false;
  if ((head.length === 1 && DESCRIPTION.test(head)) || /[\d一二三四五六七八九十几]年$/.test(head)) return false;
  return !WORD_AFTER[suffix]?.test(after);
}

const CHAIN_SUFFIX = new RegExp(`^(?:${[...NAMED_SUFFIXES, ...CHAIN_ONLY, ...MODIFIERS].sort((a, b) => b.length - a.length).join('|')})`);
const NAME_RUN = new RegExp(`^${NAME_CHAR}{0,6}`);

/** A name (maybe empty) and a suffix starting the text; of several readings the one reaching furthest (T3 + 航站楼, not T3航 + 站). */
function chainNamed(rest: string): [string, string, string] | null {
  const run = NAME_RUN.exec(rest)?.[0] ?? '';
  let best: [string, string, string] | null = null;
  for (let n = 0; n <= run.length; n++) {
    const suffix = CHAIN_SUFFIX.exec(rest.slice(n));
    if (
      suffix &&
      !GENERIC_HEAD.test(rest.slice(0, n)) &&
      !/^[这那哪]/.test(rest.slice(0, n)) &&
      (!best || n + suffix[0].length > best[0].length)
    )
      best = [rest.slice(0, n) + suffix[0], rest.slice(0, n), suffix[0]];
  }
  return best;
}
const CHAIN_NUMBERED = new RegExp(NUMBERED);
/** Room numbers written bare after a building: 5栋1802, 紫荆花园11-2-301. */
const ROOM_DIGITS = /^(?:\d{1,3}-\d{1,3}(?:-\d{1,4})?|\d{3,4})(?![\d号元块])(?:室|房)?/;
/** Two roads that meet: 花园路与农业路交叉口. */
const CROSSING = new RegExp(`^[与和跟及](${NAME_CHAR}{1,6}?(?:路|街|大道|大街|道))(?:的?(?:交叉口|十字路口|路口|交汇处)|(?=十字|口))`);

const NAME_IN_LI = new RegExp(`^(${NAME_CHAR}{1,4}?)里`);

interface Part {
  text: string;
  suffix: string;
}

/** The next part of an address starting at `at`, if the text goes on with one. */
function nextPart(text: string, at: number, previous: Part): Part | undefined {
  const rest = text.slice(at);
  const crossing = CROSSING.exec(rest);
  if (crossing) return { text: crossing[0], suffix: '路' };
  // 天府大道北段: a road's section by direction
  const section = /^[东南西北中]段/.exec(rest);
  if (section) return { text: section[0], suffix: '段' };
  const numbered = CHAIN_NUMBERED.exec(rest);
  if (numbered) {
    const [whole, n, suffix] = numbered;
    // a bare 号 is a house number only after a road (文三路88号) or when no day has that number
    const houseNumber = suffix !== '号' || ROAD_LIKE.test(previous.suffix) || Number(n) > 31;
    if (houseNumber) return { text: whole, suffix };
  }
  if (/(?:栋|幢|单元|座|花园|家园|小区|公寓|苑)$/.test(previous.suffix)) {
    const room = ROOM_DIGITS.exec(rest);
    if (room) return { text: room[0], suffix: '室' };
  }
  const named = chainNamed(rest);
  if (named) {
    const [whole, name, suffix] = named;
    // 温州 + 鹿城 + 区: a name in 城, read as a part of its own, still takes the district after it
    const district = name === '' && /^[区县]$/.test(suffix) && previous.suffix === '城';
    if (name === '' && SINGLE.has(suffix) && !/^[店路街道巷城]$/.test(suffix) && !district) return undefined;
    return { text: whole, suffix };
  }
  // community names in 里 (太古里, 和平里) only continue an address, never start one
  const li = NAME_IN_LI.exec(rest);
  if (li && !/[家屋房这那哪心夜城村店楼厅车站子头]$/.test(li[1]) && /路|街/.test(previous.suffix)) return { text: li[0], suffix: '里' };
  return undefined;
}

/** The first address in the text, whole. */
export function findAddress(text: string): Span | undefined {
  SUFFIX_SCAN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SUFFIX_SCAN.exec(text))) {
    const suffix = m[0];
    const head = trimHead(nameBefore(text, m.index, 12));
    if (!firstPartOk(head, suffix, text.slice(m.index + suffix.length, m.index + suffix.length + 2))) continue;
    const start = m.index - head.length;
    let end = m.index + suffix.length;
    let previous: Part = { text: head + suffix, suffix };
    for (let guard = 0; guard < 16 && !MODIFIERS.includes(previous.suffix); guard++) {
      const part = nextPart(text, end, previous);
      if (!part) break;
      end += part.text.length;
      previous = part;
    }
    return { value: text.slice(start, end), start, end };
  }
  return undefined;
}
