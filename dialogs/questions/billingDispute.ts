import type { FollowUpQuestion } from './followUpQuestion';

export const BILLING_DISPUTE_QUESTIONS: FollowUpQuestion[] = [
  {
    id: 'item',
    label: '费用项目',
    essential: true,
    // 话费 alone is the whole bill («话费多了38块»): which item on it is still to be asked.
    answeredBy: /流量费|月租|套餐费|彩铃|会员|增值|短信费|漫游|违约金|宽带费|滞纳金|通话费|功能费|包月|订阅|视频|音乐|游戏/,
    ask: ['账单里您觉得不对的是哪一项费用？比如某个增值业务、流量费或者月租。', '是哪一笔费用有问题？能说说账单上那一项的名字吗？'],
    askSimply: '是哪一项钱扣得不对？',
  },
  {
    id: 'month',
    label: '账单月份',
    essential: true,
    filledBy: ['month'],
    answeredBy: /[0-9一二三四五六七八九十]+\s*月|上个?月|这个?月|本月|上上个?月|这两个月|连续/,
    ask: ['是哪个月的账单有问题？', '这笔费用出现在哪个月的账单上？'],
    askSimply: '是哪个月的话费不对？',
  },
  {
    id: 'amount',
    label: '金额',
    essential: false,
    filledBy: ['amount'],
    answeredBy: /[0-9一二两三四五六七八九十百几]+(\.[0-9]+)?\s*(元|块|毛)/,
    ask: ['这一项大概多收了多少钱？', '有争议的金额大概是多少？'],
    askSimply: '多扣了多少钱？',
  },
  {
    id: 'subscribed',
    yesNo: { yes: '办理过', no: '没办理过' },
    label: '是否办理过',
    essential: false,
    answeredBy: /没订|没有订|没开|没有开|没办|没有办|没申请|不知情|不知道怎么|从来没|从没|订过|开通过|办过|自己开的|莫名其妙/,
    ask: ['这项业务您之前有没有办理或者订过？没印象的话直接说没有就行。', '您记得自己开通过这项业务吗？'],
    askSimply: '这个业务您自己办过吗？',
  },
];
