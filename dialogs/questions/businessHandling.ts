import type { FollowUpQuestion } from './followUpQuestion';

export const BUSINESS_HANDLING_QUESTIONS: FollowUpQuestion[] = [
  {
    id: 'transaction',
    label: '办理业务',
    essential: true,
    answeredBy: /套餐|销户|过户|补卡|换卡|携号转网|转网|实名|宽带|停机|复机|改号|办卡|开户|变更|升级|降档|合约|副卡|亲情号/,
    ask: ['您当时办理的是什么业务？比如改套餐、补卡、销户、携号转网。', '想办的是哪项业务呢？'],
    askSimply: '您想办的是什么业务？',
  },
  {
    id: 'failure',
    label: '问题',
    essential: true,
    answeredBy:
      /失败|没生效|未生效|不生效|[办改换转开退销补升降装迁过]不了|办不成|没办成|没成功|不成功|报错|卡住|没反应|一直在处理|排队|等了|材料|退回|驳回|不给办/,
    ask: ['具体是哪一步没办成？是提示失败，还是办完了一直没生效？', '现在卡在哪儿了？是办不了，还是办了没生效？'],
    askSimply: '是办不了，还是办了没用？',
  },
  {
    id: 'channel',
    label: '办理渠道',
    essential: false,
    answeredBy: /营业厅|门店|网点|app|客户端|小程序|公众号|网上|官网|热线|打电话|10086|10000|10010|短信办理/i,
    ask: ['是在哪里办的？营业厅、手机 App，还是打的客服热线？', '您是通过什么渠道办的？营业厅、App 还是电话？'],
    askSimply: '是在营业厅办的，还是手机上办的？',
  },
  {
    id: 'told',
    label: '得到的答复',
    essential: false,
    // «营业厅说我有合约», «客服说系统问题»: who said it, then what.
    answeredBy:
      /告诉我|跟我说|说要|说是|让我|叫我|提示|答复|回复说|说等|(?:营业厅|营业员|工作人员|客服|店员|经理|他们|对方|系统|app)(?:的人)?(?:还|就|却|居然|竟然)?(?:说|讲|称)/i,
    ask: ['当时工作人员或者系统是怎么答复您的？', '办的时候对方（或者系统提示）是怎么说的？'],
    askSimply: '当时他们怎么跟您说的？',
  },
];
