import type { Case, CaseIssue, TranscriptEntry } from '../../src/domain/case';
import type { CategoryId } from '../../src/domain/category';

export const ISSUE_TEXT: Record<CategoryId, string> = {
  product_quality: '家里手机信号特别差，打电话老是掉线',
  billing_dispute: '话费账单里多了一笔不知道是什么的费用',
  service_attitude: '营业厅的工作人员态度很差，爱理不理的',
  business_handling: '改套餐改了一个星期了还没生效',
  after_sales: '光猫坏了，报修好几天了',
};

/** A case as intake stores it; accepted 2026-11-21 10:00 Beijing time, first answer due 11:00 the next day. */
export function makeCase(category: CategoryId | undefined, overrides: Partial<Case> = {}): Case {
  const issues: CaseIssue[] = category ? [{ category, text: ISSUE_TEXT[category], answers: {} }] : [];
  return {
    id: `case-${category ?? 'none'}`,
    ticketId: 'TS-20261121-0042',
    channel: 'web',
    customerId: 'user-1',
    conversationId: 'conv-1',
    status: 'active',
    category,
    issues,
    slots: {},
    anger: 0.2,
    signals: [],
    escalationRisk: false,
    wantsHuman: true,
    summary: '',
    acceptedAt: '2026-11-21T02:00:00.000Z',
    responseDueAt: '2026-11-22T03:00:00.000Z',
    attachments: [],
    transcript: [],
    updatedAt: '2026-11-21T02:00:00.000Z',
    ...overrides,
  };
}

export function line(from: TranscriptEntry['from'], text: string): TranscriptEntry {
  return { from, text, at: '2026-11-21T02:05:00.000Z' };
}

/** The first-response deadline of makeCase() as shown to customers (Asia/Shanghai). */
export const DUE_TEXT = '11月22日 11:00';
