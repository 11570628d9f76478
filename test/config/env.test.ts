import { ConfigError, loadConfig } from '../../src/config/env';

describe('configuration from the environment', () => {
  it('uses the embedded defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3978);
    expect(config.redisUrl).toBeUndefined();
    expect(config.maxMessageChars).toBe(4000);
    expect(config.responseHours).toEqual({
      service_attitude: 1,
      product_quality: 1,
      business_handling: 24,
      billing_dispute: 24,
      after_sales: 24,
    });
    expect(config.wechat.puppet).toBeUndefined();
  });

  it('reads overrides, and treats empty values as unset', () => {
    const config = loadConfig({ PORT: '8080', REDIS_URL: 'redis://127.0.0.1:6379', DEADLINE_HOURS: 'billing_dispute=48, after_sales=12', WECHAT_GROUPS: 'true', TOKEN_SECRET: '' });
    expect(config.port).toBe(8080);
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.responseHours.billing_dispute).toBe(48);
    expect(config.responseHours.after_sales).toBe(12);
    expect(config.responseHours.service_attitude).toBe(1);
    expect(config.wechat.groups).toBe(true);
    expect(config.tokenSecret).toBeUndefined();
  });

  it.each([
    ['PORT', 'eighty', /PORT/],
    ['PORT', '70000', /PORT/],
    ['REDIS_URL', 'localhost:6379', /REDIS_URL.*redis:\/\//],
    ['DEADLINE_HOURS', 'billing=24', /DEADLINE_HOURS.*billing=24/],
    ['DEADLINE_HOURS', 'billing_dispute=-1', /DEADLINE_HOURS/],
    ['TOKEN_SECRET', 'short', /TOKEN_SECRET.*32/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL/],
    ['WECHAT_GROUPS', 'maybe', /WECHAT_GROUPS/],
    ['RETENTION_DAYS', '30', /RETENTION_DAYS.*1095/],
  ])('rejects %s=%s with a message naming the variable', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });
});
