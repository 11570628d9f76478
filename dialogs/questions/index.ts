import type { CategoryId } from '../../src/domain/category';
import type { FollowUpQuestion } from './followUpQuestion';
import { AFTER_SALES_QUESTIONS } from './afterSales';
import { BILLING_DISPUTE_QUESTIONS } from './billingDispute';
import { BUSINESS_HANDLING_QUESTIONS } from './businessHandling';
import { PRODUCT_QUALITY_QUESTIONS } from './productQuality';
import { SERVICE_ATTITUDE_QUESTIONS } from './serviceAttitude';

export type { FollowUpQuestion } from './followUpQuestion';
export { SELF_CHECK_WORTHY } from './productQuality';
export { namesHomeDevice } from './devices';

/** Ordered by importance: the essentials come first, so a shortened interview keeps them. */
export const FOLLOW_UP_QUESTIONS: Record<CategoryId, FollowUpQuestion[]> = {
  product_quality: PRODUCT_QUALITY_QUESTIONS,
  billing_dispute: BILLING_DISPUTE_QUESTIONS,
  service_attitude: SERVICE_ATTITUDE_QUESTIONS,
  business_handling: BUSINESS_HANDLING_QUESTIONS,
  after_sales: AFTER_SALES_QUESTIONS,
};
