import type { FollowUpQuestion } from './followUpQuestion';

export const SERVICE_ATTITUDE_QUESTIONS: FollowUpQuestion[] = [
  {
    id: 'where',
    label: '地点/渠道',
    essential: true,
    filledBy: ['place'],
    answeredBy: /营业厅|门店|网点|热线|客服电话|打客服|打电话|电话里|10086|10000|10010|app|在线客服/i,
    ask: ['这件事是在哪个营业厅，还是打客服热线时遇到的？', '当时是在营业厅，还是在电话、网上和客服沟通的？是哪个营业厅呢？'],
    askSimply: '是在哪个营业厅，还是打电话遇到的？',
  },
  {
    id: 'when',
    label: '时间',
    essential: true,
    filledBy: ['date', 'time'],
    answeredBy: /昨天|前天|今天|上午|下午|中午|晚上|早上|上周|上个?星期|[0-9一二三四五六七八九十]+\s*(月|号|日|点)|刚才|刚刚/,
    // «就是那个接电话的态度很差» is no time: kept as a note, and the time told next still counts.
    fits: /昨天|前天|今天|大前天|上午|下午|中午|晚上|早上|凌晨|傍晚|周[一二三四五六日天末]|星期|礼拜|上周|上个?月|这个?月|月初|月底|[0-9一二三四五六七八九十两几]+\s*(月|号|日|点|天前|天之前)|刚才|刚刚|前几天|前两天|这几天|最近|当天|那天|不久前|一会儿前|\d{1,2}[:：]\d{2}/,
    ask: ['大概是什么时候的事？记得日期和时间段就更好了。', '这是哪天、大概几点发生的？'],
    askSimply: '这是哪天的事？',
  },
  {
    id: 'staff',
    label: '工作人员',
    essential: false,
    filledBy: ['staffId'],
    answeredBy: /工号|姓[\u4e00-\u9fa5]|叫[\u4e00-\u9fa5]{1,3}的|胸牌|不记得名字|不知道名字|没看到工号/,
    ask: ['您还记得那位工作人员的名字或者工号吗？不记得也没关系。', '对方有没有报工号，或者您留意到他的名字吗？不记得也不要紧。'],
    askSimply: '记得那个工作人员叫什么吗？不记得也没事。',
  },
  {
    id: 'said',
    label: '经过',
    essential: false,
    answeredBy: /说我|骂|吼|凶|嘲笑|讽刺|挂了?电话|挂断|不理|爱理不理|翻白眼|赶我|冷冰冰|推来推去|踢皮球|他说|她说|对方说/,
    ask: ['当时对方具体说了什么、做了什么，让您不舒服？', '能说说当时的经过吗？对方是怎么说、怎么做的？'],
    askSimply: '当时他是怎么跟您说的？',
  },
];
