/**
 * Synthetic agent-written work orders in the operator's format, for cross-validating the
 * classifier on long texts when the real corpus is not on the machine: 「用户来电反映…要求…」 in the
 * agent's voice, masked numbers (138****2461, ******), service numbers (10086, 1008611), form
 * fields in （） and `@~`, and eight labels that share their vocabulary on purpose
 * (业务使用 / 业务办理 / 不知情定制 all talk of 业务, 开通 and 套餐; 资费争议 and 不知情定制 of 扣费 and
 * 退费; 网络质量 and 宽带装维 of 网速 and 断线). Most orders also carry a context clause taken
 * from another label (服务态度 said while 办理业务), and a few labels are flipped, as agents'
 * labels are not perfectly consistent (the real corpus reports 91% agreement).
 *
 * Written once, before the model was changed, and not tuned since: the figures on it measure
 * the classifier, not the generator.
 *
 *   node dist/bench/syntheticWorkOrders.js [--count 2400] [--seed 11] > orders.tsv
 */
import { parseArgs } from 'util';
import { prng } from '../intents/linearModel';

type Rand = () => number;
type Part = string | string[] | ((r: Rand) => string);

const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const digits = (r: Rand, n: number) => Array.from({ length: n }, () => Math.floor(r() * 10)).join('');

/** One piece of a template: a literal, one of several phrasings, or a generator. */
function render(r: Rand, parts: Part[]): string {
  return parts.map((p) => (typeof p === 'string' ? p : Array.isArray(p) ? pick(r, p) : p(r))).join('');
}

const phone = (r: Rand) =>
  pick(r, ['138', '139', '150', '187', '198', '135', '182'])! + pick(r, ['****', '******', '*****']) + digits(r, 4 - (r() < 0.2 ? 2 : 0));
const money = (r: Rand) =>
  pick(r, ['5', '8', '10', '15', '19.9', '20', '29', '30', '38', '50', '58', '88', '100', '128']) + pick(r, ['元', '块']);
const month = (r: Rand) => `${1 + Math.floor(r() * 11)}月`;
const days = (r: Rand) => pick(r, ['两天', '三天', '一周', '半个月', '一个月', '十多天', '5天', '3天'])!;
const product = (r: Rand) =>
  pick(r, [
    '视频彩铃',
    '咪咕视频会员',
    '和留言',
    '来电提醒',
    '手机报',
    '云盘会员',
    '彩铃',
    '流量加油包',
    '游戏包',
    '阅读包',
    '5G权益包',
    '视频会员',
  ])!;
const plan = (r: Rand) =>
  pick(r, ['58元套餐', '128元5G套餐', '全家享套餐', '畅享套餐', '88元融合套餐', '校园卡套餐', '38元套餐', '不限量套餐'])!;
const channel = ['营业厅', '10086热线', '中国移动APP', '网上营业厅', '1008611', '短信营业厅', '社区代理点', '手机营业厅'];

/** The core of each label: what the customer actually complains about. */
const CORES: Record<string, Part[][]> = {
  业务使用: [
    [
      '已开通的',
      product,
      '无法正常使用，',
      ['点击后提示', '登录后显示', '打开一直提示'],
      ['“业务不存在”', '“暂无权益”', '“系统异常”', '“未订购”'],
      '',
    ],
    ['办理的', plan, '内含的', ['定向流量', '通话分钟数', '流量'], ['无法使用', '使用时仍按标准资费计', '不能共享给副卡']],
    ['国际漫游已开通，但在', ['日本', '泰国', '香港', '新加坡'], '期间', ['无法上网', '打不出电话', '收不到验证码'], '，影响出行'],
    ['家庭网短号', ['拨不通', '无法互打', '提示空号'], '，', ['已重启手机', '已确认家庭网成员在网'], '仍不能使用'],
    ['积分兑换的', ['流量券', '话费券', '视频会员'], '显示已到账但', ['无法使用', '使用时提示已过期', '激活失败']],
    ['副卡', ['无法共享主卡流量', '无法使用主卡通话时长', '显示未绑定'], '，已开通', days, ''],
    ['来电显示', ['时有时无', '不显示号码'], '，业务状态正常，', ['使用中', '开通后一直'], '无法正常使用'],
  ],
  业务办理: [
    [
      '在',
      channel,
      '办理',
      ['套餐变更', '销户', '过户', '补卡', '携号转网', '实名登记', '停机保号', '宽带移机'],
      '时',
      ['提示系统繁忙', '提交后一直显示处理中', '办理失败', '被告知需要本人到场', '被要求补充材料'],
      '，',
      ['已跑了两趟', '等了很久', '排队一个多小时'],
      '',
    ],
    ['申请', ['套餐变更', '降档', '取消副卡', '更换号码'], '已', days, '，', ['仍未生效', '系统未受理', '工单无进展'], ''],
    [
      '办理',
      ['销户', '携号转出', '过户'],
      '时被告知',
      ['有合约未到期', '需结清欠费', '需回原归属地办理'],
      '，',
      ['此前办理时未告知', '客户不认可该解释'],
      '',
    ],
    ['线上申请', ['补换卡', '实名认证', '套餐变更'], '多次', ['上传材料失败', '人脸识别不通过', '提示信息不一致'], '，无法办理'],
    ['营业厅', ['拒绝为其办理', '称无法办理', '让其改日再来'], ['降套餐', '销户', '停机'], '，', ['理由不明确', '未说明原因'], ''],
    ['办理', plan, '变更后', ['次月才生效', '未按约定当月生效', '仍按原套餐收费'], '，', ['办理时未告知', '与营业员所说不符'], ''],
  ],
  不知情定制: [
    ['发现号码被开通', product, '，', ['本人从未订购', '不知道何时开通的', '从未收到确认短信'], '，每月扣费', money, ''],
    ['查询账单发现有', product, '费用', money, '，', ['客户称从未办理该业务', '客户表示未同意开通', '不清楚为何被订购'], ''],
    [
      '称被',
      ['外呼营销', '营业员', '短信链接'],
      '开通',
      product,
      '，',
      ['未经本人同意', '当时明确表示不需要', '只说是免费体验'],
      '，',
      ['免费期后开始扣费', '连续扣费' + '三个月'],
      '',
    ],
    ['家中老人号码被定制', product, '，老人', ['不会用智能手机', '根本不知道该业务'], '，已扣', money, ''],
    ['号码上有不知名', ['增值业务', '包月业务', 'SP业务'], '扣费，', ['已退订', '要求查明订购来源'], ''],
  ],
  资费争议: [
    [
      month,
      '账单',
      ['比平时多出', '异常多扣', '多收'],
      money,
      '，',
      ['客户对', '客户质疑'],
      ['套餐外流量费', '通话费', '漫游费', '月租'],
      ['有异议', '收取不合理'],
      '',
    ],
    ['合约到期后', plan, ['资费上涨', '自动变更为高价套餐'], '，', ['办理时未告知', '短信提醒未收到'], ''],
    ['套餐内流量未用完却产生', ['超出流量费', '套外费用'], money, '，', ['客户认为计费有误', '对扣费明细有异议'], ''],
    ['办理', plan, '时宣传', ['月费打折', '包含不限量流量', '无额外费用'], '，实际', ['按原价收取', '超出后另行收费', '每月多扣'], money],
    ['停机期间仍被收取', ['月租', '功能费', '套餐费'], money, '，客户', ['不认可', '要求核实'], ''],
    ['话费余额', ['莫名减少', '突然扣光', '与充值金额不符'], '，', ['查询详单看不懂', '详单显示有流量费'], ''],
  ],
  网络质量: [
    [
      ['家中', '小区', '单位', '地下车库', '村里'],
      '手机信号',
      ['差', '时有时无', '只有一格'],
      '，',
      ['打电话经常断续', '通话中经常掉线', '4G经常变成2G', '5G信号不稳定'],
      '',
    ],
    ['近', days, ['手机上网很慢', '流量网速慢', '网页打不开'], '，', ['已重启手机和开关飞行模式', '换到别处正常', '附近邻居也一样'], ''],
    ['在', ['地铁', '高铁', '电梯', '商场'], '内', ['手机没有信号', '无法上网', '通话中断'], '，', ['影响工作', '多次出现'], ''],
    ['新建小区', ['没有5G信号', '信号覆盖差', '室内无信号'], '，', ['要求建设基站', '要求优化网络'], ''],
    ['手机显示信号满格但', ['网速很慢', '电话打不出去', '接不到电话'], '，', ['更换手机后仍有问题', '换卡后仍一样'], ''],
  ],
  宽带装维: [
    ['家中宽带', ['经常断线', '网速很慢', '无法上网'], '，', ['光猫红灯闪烁', '光猫LOS灯亮', '机顶盒无信号', '路由器重启后仍不行'], ''],
    ['宽带报修后', ['维修人员未上门', '约定时间未到', '师傅迟到两小时', '修好后又坏了'], '，已等', days, ''],
    ['新装宽带', ['预约后一直无人上门', '装机拖延', '安装后无法上网'], '，', ['催了多次', '已超过承诺时限'], ''],
    ['宽带', ['网速慢', '断线'], '，', ['测速只有几兆', '晚上高峰期几乎用不了'], '，', ['报修后装维人员称线路老化', '上门检测未解决'], ''],
    ['光猫', ['损坏', '发热后断网', '无法开机'], '，', ['要求更换设备', '要求上门维修'], ''],
    ['IPTV', ['卡顿', '花屏', '无信号'], '，宽带', ['断断续续', '时好时坏'], '，报修', days, '未处理'],
  ],
  服务态度: [
    [
      channel,
      ['工作人员', '营业员', '客服', '话务员'],
      ['态度恶劣', '不耐烦', '爱理不理', '语气生硬', '直接挂断电话'],
      '，',
      ['客户很不满', '客户情绪激动'],
      '',
    ],
    [
      '客户',
      ['咨询', '询问'],
      ['资费', '套餐', '宽带', '账单'],
      '时',
      ['客服', '营业员'],
      ['推诿不解决', '敷衍了事', '说“你自己去查”', '多次打断客户'],
      '',
    ],
    ['装维人员上门时', ['态度差', '抽烟', '言语不文明', '与客户争吵'], '，', ['客户要求道歉', '要求处理该员工'], ''],
    [
      '工号',
      (r) => digits(r, 6),
      '的',
      ['客服', '话务员'],
      ['辱骂客户', '嘲讽客户', '答非所问', '态度敷衍'],
      '，客户要求',
      ['调取录音', '给予说法'],
      '',
    ],
    ['营业厅', ['排队时工作人员玩手机', '营业员互相推诿', '经理不出面'], '，', ['服务意识差', '客户不满'], ''],
  ],
  营销活动: [
    [
      '参加',
      ['充值送话费', '存费送机', '合约购机', '积分抽奖', '新用户专享'],
      '活动，',
      ['赠送的话费未到账', '承诺的返还未返', '礼品未发放', '抽中的奖品未兑现'],
      '',
    ],
    [
      '营销人员',
      ['承诺', '宣传'],
      ['办理宽带送手机', '升级套餐送流量', '充一百送五十'],
      '，实际',
      ['没有赠送', '与宣传不符', '附加了其他条件'],
      '',
    ],
    ['频繁接到', ['10086外呼', '营销电话', '推销短信'], '推销', ['套餐', '宽带', '5G升级'], '，', ['要求停止', '影响生活'], ''],
    [
      '活动',
      ['规则', '说明'],
      ['未写明', '与营业员说的不一致'],
      '，',
      ['客户参加后', '办理后'],
      ['被要求补缴', '被扣违约金', '无法享受优惠'],
      '',
    ],
    ['预存话费参加', ['送宽带', '送会员', '送流量'], '活动，', ['赠送内容未开通', '每月返还金额不对', '返还中途停止'], ''],
  ],
};

const OPENERS: Part[][] = [
  ['用户来电反映'],
  ['客户来电称'],
  ['客户', phone, '来电反映'],
  ['客户通过', ['10086热线', '1008611', '在线客服', '中国移动APP'], '反映'],
  ['用户（', phone, '）反映'],
  ['客户到营业厅反映'],
  ['客户再次来电称'],
  [''],
];

const DEMANDS: Record<string, string[]> = {
  业务使用: ['要求尽快恢复使用', '要求核实业务状态', '要求解决使用问题'],
  业务办理: ['要求尽快办理', '要求给出办理结果', '要求说明无法办理原因'],
  不知情定制: ['要求退订并退还费用', '要求查明订购渠道并退费', '要求取消并赔偿'],
  资费争议: ['要求核实费用并退还', '要求解释扣费原因', '要求按原资费收取'],
  网络质量: ['要求尽快处理信号问题', '要求优化网络', '要求派人测试'],
  宽带装维: ['要求尽快上门维修', '要求更换设备', '要求尽快修复'],
  服务态度: ['要求对该员工进行处理', '要求道歉', '要求给予合理解释'],
  营销活动: ['要求兑现活动承诺', '要求按宣传执行', '要求补发赠品'],
};
const GENERIC_DEMANDS = ['要求尽快处理', '要求回电', '要求给予答复', '要求核实处理', '要求专人跟进', '请相关部门核实'];

/** Clauses that set the scene with another label's words but are not the grievance. */
const CONTEXTS: Part[][] = [
  ['客户称此前在营业厅办理过', plan, ''],
  ['客户已多次拨打10086', ['未得到解决', '均称会处理']],
  ['客户称上月已', ['退订过一次', '反映过该问题', '投诉过'], ''],
  ['经查客户号码状态正常，套餐为', plan, ''],
  ['客户表示', ['营业员当时态度很好', '客服态度不好', '已经等了很久'], ''],
  ['客户号码为', phone, '，使用', plan, ''],
  ['客户称', month, '账单', ['已缴清', '扣了', '还没看'], ''],
  ['客户家中宽带为', ['100M', '300M', '500M'], '融合业务'],
  ['客户称在', ['活动期间', '合约期内', '办理业务时'], '已咨询过'],
  ['客户称信号', ['还可以', '一般'], '，主要是', ['费用问题', '使用问题']],
];

const HEADERS: Part[][] = [
  ['工单编号：', (r) => '2026' + digits(r, 10), '@~'],
  ['受理号码：', phone, '@~'],
  ['联系电话：', phone, '@~'],
  ['联系人：', ['王女士', '李先生', '张先生', '刘女士', '陈先生', '赵女士'], '@~'],
  ['归属地市：', ['城区', '开发区', '县城', '新区'], '@~'],
  ['受理渠道：', ['10086热线', '工信部申诉转办', '在线客服', '营业厅'], '@~'],
  ['（客户级别：', ['普通', '金卡', '银卡', '钻石卡'], '）'],
];
const TRAILERS: Part[][] = [
  ['@~预处理：', ['已安抚客户', '已解释未果', '已加急处理', '已记录'], ''],
  ['@~要求回复时限：', ['12小时', '24小时', '48小时'], ''],
  ['@~处理记录：第', ['2', '3', '5'], '天客户再次来电催办', ['，情绪激动', '', '，称如再无结果将继续投诉']],
  ['（已告知客户', ['48小时内回复', '会有专人联系', '耐心等待'], '）'],
  ['@~客户联系电话：', phone, ''],
];

export const WORK_ORDER_LABELS = Object.keys(CORES).sort();

function oneOrder(r: Rand, label: string): string {
  const parts: string[] = [];
  for (const h of HEADERS) if (r() < 0.45) parts.push(render(r, h));
  let body = render(r, pick(r, OPENERS)) + render(r, pick(r, CORES[label]));
  // most orders set a scene with another label's words
  if (r() < 0.75) body = r() < 0.5 ? `${render(r, pick(r, CONTEXTS))}，${body}` : `${body}，${render(r, pick(r, CONTEXTS))}`;
  // some carry a second, lesser point from another label
  if (r() < 0.2) {
    const other = pick(
      r,
      WORK_ORDER_LABELS.filter((l) => l !== label),
    );
    body += `，另外${render(r, pick(r, CORES[other]))}`;
  }
  body += `，${r() < 0.6 ? pick(r, DEMANDS[label]) : pick(r, GENERIC_DEMANDS)}`;
  parts.push(body);
  for (const t of TRAILERS) if (r() < 0.45) parts.push(render(r, t));
  return parts
    .join('')
    .replace(/，，+/g, '，')
    .replace(/，(?=@~|（|$)/g, '');
}

/** `count` orders, balanced over the labels, `flip` of them labelled as another label. */
export function syntheticWorkOrders(count = 2400, seed = 11, flip = 0.04): Array<{ text: string; label: string }> {
  const r = prng(seed);
  const out: Array<{ text: string; label: string }> = [];
  const seen = new Set<string>();
  for (let i = 0; out.length < count && i < count * 20; i++) {
    const label = WORK_ORDER_LABELS[out.length % WORK_ORDER_LABELS.length];
    const text = oneOrder(r, label);
    if (seen.has(text)) continue;
    seen.add(text);
    const written =
      r() < flip
        ? pick(
            r,
            WORK_ORDER_LABELS.filter((l) => l !== label),
          )
        : label;
    out.push({ text, label: written });
  }
  return out;
}

if (require.main === module) {
  const { values } = parseArgs({ options: { count: { type: 'string', default: '2400' }, seed: { type: 'string', default: '11' } } });
  for (const o of syntheticWorkOrders(Number(values.count), Number(values.seed))) process.stdout.write(`${o.text}\t${o.label}\n`);
}
