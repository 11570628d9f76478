import { namesHandset, PHONE_MODEL_WORDS } from './devices';
import type { FollowUpQuestion } from './followUpQuestion';

export const AFTER_SALES_QUESTIONS: FollowUpQuestion[] = [
  {
    id: 'device',
    label: '设备/线路',
    essential: true,
    filledBy: ['phoneModel'],
    answeredBy: /光猫|机顶盒|路由器?|宽带|网线|座机|固话|电视|iptv|手机|合约机|终端|wifi|无线/i,
    ask: ['出问题的是哪台设备或哪条线路？比如光猫、机顶盒、宽带，或者在我们这儿买的手机。', '是哪个设备坏了，还是哪条宽带线路出了问题？'],
    askSimply: '是哪个东西坏了？光猫、电视盒子还是手机？',
  },
  {
    id: 'symptom',
    label: '故障现象',
    essential: true,
    answeredBy:
      /坏了|不亮|红灯|闪|不能用|用不了|没网|上不了网|断网|断线|断开|断了|老断|总断|经常断|时断时续|连不上|掉线|黑屏|没画面|没信号|开不了机|死机|重启|卡|没有?声音|很慢|打不出|打不进|打不通|没有?拨号音|杂音|串线/,
    ask: ['它现在是什么情况？比如指示灯不亮、上不了网、电视没画面。', '具体是什么故障？能说说现在的表现吗？'],
    askSimply: '现在是什么毛病？',
  },
  {
    // A handset bought from us: the repair desk needs the brand and model, as DOMAIN.md asks for network faults.
    id: 'handsetModel',
    label: '手机型号',
    essential: false,
    filledBy: ['phoneModel'],
    answeredBy: PHONE_MODEL_WORDS,
    askedAbout: namesHandset,
    ask: ['这台手机是什么牌子、什么型号的？', '方便说一下手机的品牌和型号吗？比如华为 Mate 60、iPhone 15 这样。'],
    askSimply: '是什么牌子的手机？',
  },
  {
    id: 'tried',
    yesNo: { yes: '试过了', no: '还没试过' },
    label: '已尝试',
    essential: false,
    answeredBy: /重启|拔|插|断电|复位|重置|试过|试了|换过|换了|检查过/,
    ask: ['您已经试过哪些办法了？比如重启、重新插拔网线。', '自己有没有试着处理过，比如断电重启？'],
    askSimply: '您试过关了再开吗？',
  },
  {
    id: 'ticket',
    yesNo: { yes: '报修过，没说单号', no: '没报修过' },
    label: '报修单号',
    essential: false,
    filledBy: ['ticketId'],
    answeredBy: /单号|工单|报修单|没报修|没有报修|还没报/,
    // «没报修过» and «第一次» answer the question too: there is no number to give.
    fits: /[a-z]*\d{3,}|[a-z]{2,}\d+|没报修|没有报修|还没报|没报过|第一次/i,
    ask: ['之前报修过吗？有报修单号的话发给我，能帮我们更快查到记录。', '这个问题之前报修过吗？记得单号的话告诉我一下。'],
    askSimply: '之前报修过吗？',
    partlyToldBy: {
      // Reported, or repaired before («修了一个月还没修好», «师傅来过两次»): a repair was on record.
      told: /(?<!没|没有|还没|未)(?:报修|报过修|报了修|报障)(?:过|了)|(?:报修|报过修|报了)(?:过)?\s*(?:[一两二三四五六七八九十几\d]+|好几)\s*(?:次|回|遍)|(?<!报|没人?|没有人?|还没人?|没来)(?:修了|修过|来修过|上门修过)|师傅(?:来过|上过门|上门过)/,
      ask: '报修单号还记得吗？有的话发给我，能帮我们更快查到记录。',
      askSimply: '报修单号还记得吗？',
    },
  },
  {
    id: 'missed',
    unlessNoTo: 'ticket',
    yesNo: { yes: '有约了没上门的', no: '没有' },
    label: '上门情况',
    essential: false,
    answeredBy: /没来|没人来|没人上门|没上门|不上门|爽约|放鸽子|等了|约好|预约|师傅/,
    ask: ['维修人员有没有约好了却没上门的情况？', '之前有没有约了维修师傅，结果没来的？'],
    askSimply: '修理师傅来过没有？',
  },
];
