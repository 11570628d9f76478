import type { CategoryId } from './category';

/**
 * Hours until the first response is due, per category. Defaults follow DOMAIN.md: simple
 * complaints (attitude, signal) within 1 hour, complex ones (billing, technical faults, failed
 * transactions) within 24 hours. Operators override them with DEADLINE_HOURS.
 */
export type DeadlineTable = Record<CategoryId, number>;

export const DEFAULT_RESPONSE_HOURS: DeadlineTable = {
  service_attitude: 1,
  product_quality: 1,
  business_handling: 24,
  billing_dispute: 24,
  after_sales: 24,
};

export function responseDueAt(category: CategoryId, acceptedAt: Date, table: DeadlineTable): Date {
  return new Date(acceptedAt.getTime() + table[category] * 3600_000);
}
