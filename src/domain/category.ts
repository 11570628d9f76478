/** The five complaint categories (DOMAIN.md) and the label for anything that is not a complaint. */
export const CATEGORY_IDS = ['service_attitude', 'business_handling', 'product_quality', 'billing_dispute', 'after_sales'] as const;

export type CategoryId = (typeof CATEGORY_IDS)[number];
export type Label = CategoryId | 'none';

export const CATEGORY_NAMES: Record<CategoryId, string> = {
  service_attitude: '服务态度',
  business_handling: '业务办理',
  product_quality: '产品质量',
  billing_dispute: '收费争议',
  after_sales: '售后支持',
};

export function isCategoryId(value: string): value is CategoryId {
  return (CATEGORY_IDS as readonly string[]).includes(value);
}
