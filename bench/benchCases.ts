import { randomUUID } from 'node:crypto';
import type { Case, CaseStatus } from '../src/domain/case';

/**
 * A case about the size of a real one (a transcript of a dozen lines, a resolution, a survey),
 * for the benchmarks that need many: case `i` of a population with `customers` customers.
 */
export function benchCase(i: number, customers: number, status: CaseStatus, at: Date): Case {
  const iso = at.toISOString();
  const day = iso.slice(0, 10).replace(/-/g, '');
  const line = (from: 'customer' | 'bot' | 'agent', text: string) => ({ from, text, at: iso });
  return {
    id: randomUUID(),
    ticketId: `TS${day}${String(i).padStart(6, '0')}`,
    channel: i % 3 ? 'web' : 'wechat',
    customerId: `bench-customer-${i % customers}`,
    conversationId: `bench-conv-${i}`,
    status,
    category: 'billing_dispute',
    issues: [
      {
        category: 'billing_dispute',
        text: '这个月话费多扣了三十元，我没有订过任何增值业务',
        answers: { 扣费时间: '上个月15号', 金额: '30元' },
      },
    ],
    slots: { phone: `139${String(10_000_000 + i).slice(-8)}` },
    anger: 0.4,
    signals: [],
    escalationRisk: false,
    wantsHuman: false,
    summary: '客户反映本月话费多扣三十元，未订购增值业务，要求核实并退费。',
    acceptedAt: iso,
    responseDueAt: new Date(at.getTime() + 48 * 3600_000).toISOString(),
    attachments: [],
    transcript: [
      line('customer', '你好，我这个月话费怎么多扣了三十块钱？我从来没订过什么业务'),
      line('bot', '收到，多扣费确实让人着急。我这就帮您登记，请问是哪一天扣的费用？'),
      line('customer', '上个月15号，短信通知才看到的'),
      line('bot', '好的，请问您的手机号码是？'),
      line('customer', '13912345678'),
      line('bot', '已为您登记，工单号已发送，我们会在48小时内给您答复。'),
      line('agent', '您好，我是客服07号，已经查到这笔扣费是一个视频会员包，我马上为您退订并退费。'),
      line('customer', '好的，谢谢，以后别再乱扣了'),
      line('agent', '非常抱歉给您带来不便，三十元会在三个工作日内退回原账户。'),
    ],
    updatedAt: iso,
    ...(status === 'resolved'
      ? {
          resolution: { cause: '误订视频会员包', solution: '退订并退费30元', resolvedAt: iso, resolvedBy: 'bench-agent' },
          resultNoticeAt: iso,
          satisfaction: { score: 4, words: '还行', at: iso },
          archivedAt: iso,
          retainUntil: new Date(at.getTime() + 3 * 366 * 24 * 3600_000).toISOString(),
        }
      : {}),
    ...(status === 'active' ? { owner: 'bench-agent', ownerAgentNo: '07', claimedAt: iso } : {}),
    ...(status === 'queued' ? { queuedAt: iso } : {}),
  } as Case;
}
