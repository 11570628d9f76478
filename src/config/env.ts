import { z } from 'zod';
import { bootstrapUsersSchema, type AccountSpec } from '../domain/staffAccounts';
import { CATEGORY_IDS, type CategoryId } from '../domain/category';
import { DATA_KEY_ID, type DataKey } from '../privacy/dataCipher';
import { DEFAULT_RESPONSE_HOURS, type DeadlineTable } from '../domain/deadlines';
import type { FollowupSettings } from '../domain/followupSettings';
import { ESCALATION_SIGNALS, type EscalationSignal } from '../domain/understanding';

/**
 * The environment, validated once at startup. Every setting is documented in README.md and
 * .env.example; a bad value stops startup with a message naming the variable.
 */

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

/** DEADLINE_HOURS="billing_dispute=24,product_quality=1": overrides per category, in hours. */
const deadlineHours = z.string().transform((raw, ctx): Partial<DeadlineTable> => {
  const table: Partial<DeadlineTable> = {};
  for (const part of raw
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [key, value] = part.split('=').map((s) => s.trim());
    const hours = Number(value);
    if (!(CATEGORY_IDS as readonly string[]).includes(key) || !Number.isFinite(hours) || hours <= 0) {
      ctx.addIssue({ code: 'custom', message: `"${part}" must be <category>=<hours>, category one of ${CATEGORY_IDS.join(', ')}` });
      return z.NEVER;
    }
    table[key as CategoryId] = hours;
  }
  return table;
});

/** DEADLINE_WARN_MINUTES="30,10": lead times before a deadline, in minutes (fractions allowed), largest first. */
const minutesList = z.string().transform((raw, ctx): number[] => {
  const values = raw
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map(Number);
  if (values.length === 0 || values.some((v) => !Number.isFinite(v) || v <= 0)) {
    ctx.addIssue({ code: 'custom', message: 'must be positive minutes separated by commas, e.g. "30,10"' });
    return z.NEVER;
  }
  return [...new Set(values)].sort((x, y) => y - x);
});

/** A comma-separated list of allowed words, e.g. HANDOFF_CATEGORIES="billing_dispute,after_sales". */
function listOf<T extends string>(allowed: readonly T[]) {
  return z.string().transform((raw, ctx): T[] => {
    const items = raw
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    const bad = items.filter((i) => !(allowed as readonly string[]).includes(i));
    if (bad.length) {
      ctx.addIssue({ code: 'custom', message: `unknown ${bad.map((b) => `"${b}"`).join(', ')}; allowed: ${allowed.join(', ')}` });
      return z.NEVER;
    }
    return [...new Set(items)] as T[];
  });
}

/** CHAT_FRAME_ANCESTORS="https://www.example.com https://m.example.com": sites allowed to embed the chat page. */
const originList = z.string().transform((raw, ctx): string[] => {
  const items = raw.split(/[\s,]+/).filter(Boolean);
  const bad = items.filter((i) => !/^https?:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?$/.test(i));
  if (bad.length) {
    ctx.addIssue({
      code: 'custom',
      message: `${bad.map((b) => `"${b}"`).join(', ')}: each must be an origin like https://www.example.com (no path)`,
    });
    return z.NEVER;
  }
  return [...new Set(items)];
});

/** DATA_KEYS="k2:<base64 of 32 bytes>,k1:<older>": the first encrypts, all decrypt (key rotation). */
const dataKeys = z.string().transform((raw, ctx): DataKey[] => {
  const keys: DataKey[] = [];
  const problems: string[] = [];
  for (const [i, part] of raw
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .entries()) {
    const colon = part.indexOf(':');
    const id = colon > 0 ? part.slice(0, colon) : '';
    const text = part.slice(colon + 1);
    const key = Buffer.from(text, 'base64');
    // The key itself never goes into a message: only its id and what is wrong with it.
    if (!DATA_KEY_ID.test(id)) problems.push(`entry ${i + 1} must be <id>:<base64 key>, id 1-16 letters, digits, _ or -`);
    else if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text) || key.length !== 32)
      problems.push(`key "${id}" must be exactly 32 bytes in base64 (make one with: openssl rand -base64 32)`);
    else if (keys.some((k) => k.id === id)) problems.push(`key id "${id}" is listed twice`);
    else keys.push({ id, key });
  }
  if (keys.length === 0 && problems.length === 0) problems.push('lists no key');
  for (const message of problems) ctx.addIssue({ code: 'custom', message });
  return problems.length ? z.NEVER : keys;
});

export const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: z.string().min(1).default('0.0.0.0'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  // The embedded archive's directory when DATABASE_URL is not set; "none" keeps no archive.
  DATA_DIR: z.string().min(1).max(4096).optional(),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:._-]{1,64}$/, 'must be 1-64 letters, digits or : . _ -')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TIME_ZONE: z.string().min(1).default('Asia/Shanghai'),
  TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  DATA_KEYS: dataKeys.optional(),
  SEARCH_KEY: z.string().min(32, 'must be at least 32 characters (make one with: openssl rand -base64 32)').optional(),
  TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(960, 'must be at least 960: Web Chat refreshes its token every 15 minutes')
    .max(86400)
    .default(1800),
  TRUST_PROXY: bool.default(false),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters (make one with: openssl rand -base64 24)').max(256).optional(),
  HTTP_REQUEST_TIMEOUT_SECONDS: z.coerce.number().min(1).max(300).default(15),
  HTTP_KEEPALIVE_SECONDS: z.coerce.number().min(1).max(120).default(5),
  CHAT_FRAME_ANCESTORS: originList.optional(),
  TOKEN_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(10000).default(60),
  MESSAGES_PER_CONVERSATION_PER_MINUTE: z.coerce.number().int().min(1).max(10000).default(20),
  MESSAGES_PER_ADDRESS_PER_MINUTE: z.coerce.number().int().min(1).max(100000).default(600),
  CASES_PER_CONVERSATION_PER_HOUR: z.coerce.number().int().min(1).max(10000).default(3),
  CASES_PER_CUSTOMER_PER_HOUR: z.coerce.number().int().min(1).max(10000).default(5),
  CASES_PER_ADDRESS_PER_HOUR: z.coerce.number().int().min(1).max(100000).default(60),
  LOGIN_LOCK_FAILURES: z.coerce.number().int().min(3).max(1000).default(10),
  LOGIN_LOCK_WINDOW_MINUTES: z.coerce
    .number()
    .min(1)
    .max(24 * 60)
    .default(15),
  LOGIN_LOCK_MINUTES: z.coerce
    .number()
    .min(1)
    .max(24 * 60)
    .default(15),
  CUSTOMER_COOKIE_DAYS: z.coerce.number().min(1).max(730).default(180),
  MAX_MESSAGE_CHARS: z.coerce.number().int().min(100).max(100000).default(4000),
  DEADLINE_HOURS: deadlineHours.optional(),
  CLASSIFIER_MODEL: z.string().min(1).optional(),
  HOURS_TEXT: z.string().min(1).max(500).optional(),
  QUESTION_TEXT: z.string().min(1).max(500).optional(),
  WECHATY_PUPPET: z.string().min(1).optional(),
  WECHAT_GROUPS: bool.default(false),
  WECHAT_CONTACT_PER_MINUTE: z.coerce.number().int().min(1).max(600).default(20),
  WECHAT_GLOBAL_PER_MINUTE: z.coerce.number().int().min(1).max(6000).default(60),
  WECHAT_TYPING_CHARS_PER_SECOND: z.coerce.number().min(1).max(1000).default(15),
  WECHAT_MESSAGE_CHARS: z.coerce.number().int().min(50).max(2000).default(600),
  // WeCom customer service (企业微信 · 微信客服): on when the five required settings are all set.
  WECOM_CORP_ID: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be the CorpID from 我的企业 → 企业信息')
    .optional(),
  WECOM_KF_SECRET: z.string().min(8).max(256).optional(),
  WECOM_TOKEN: z
    .string()
    .regex(/^[A-Za-z0-9]{1,32}$/, 'must be the callback Token (letters and digits, at most 32)')
    .optional(),
  WECOM_ENCODING_AES_KEY: z
    .string()
    .regex(/^[A-Za-z0-9]{43}$/, 'must be the 43-character EncodingAESKey')
    .optional(),
  WECOM_OPEN_KFID: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be the open_kfid of the customer-service account')
    .optional(),
  WECOM_API_BASE: z
    .string()
    .regex(/^https?:\/\/[^\s]+[^/\s]$/, 'must be an http(s) URL without a trailing slash')
    .default('https://qyapi.weixin.qq.com/cgi-bin'),
  HANDOFF_CATEGORIES: listOf(CATEGORY_IDS).optional(),
  HANDOFF_ANGER: z.coerce.number().min(0).max(1).optional(),
  HANDOFF_SIGNALS: listOf(ESCALATION_SIGNALS).optional(),
  HANDOFF_WAIT_MINUTES: z.coerce.number().min(0.5).max(120).default(3),
  BOOTSTRAP_USERS: bootstrapUsersSchema.optional(),
  STAFF_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(7 * 24 * 3600)
    .default(8 * 3600),
  STALL_AFTER_SECONDS: z.coerce.number().min(1).max(86400).default(300),
  STALL_WAIT_SECONDS: z.coerce.number().min(1).max(86400).default(300),
  STALL_DEADLINE_MINUTES: z.coerce
    .number()
    .min(0)
    .max(7 * 24 * 60)
    .default(10),
  STALL_SCAN_SECONDS: z.coerce.number().min(0.2).max(3600).default(15),
  AUTO_ASSIGN: bool.default(true),
  AGENT_MAX_CASES: z.coerce.number().int().min(1).max(50).default(3),
  ASSIGN_ACCEPT_SECONDS: z.coerce.number().min(1).max(3600).default(60),
  ASSIGN_SCAN_SECONDS: z.coerce.number().min(0.2).max(600).default(2),
  SOLUTION_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 365)
    .default(24),
  RESULT_NOTICE_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 365)
    .default(24),
  REOPEN_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 365)
    .default(48),
  DEADLINE_WARN_MINUTES: minutesList.default([30, 10]),
  REPEAT_DAYS: z.coerce.number().positive().max(3650).default(30),
  // Complaint records are archived for at least three years (DOMAIN.md, 归档): a typo must not delete them early.
  RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(1095, 'must be at least 1095 days: complaints are archived for three years')
    .max(36500)
    .default(1095),
  DEADLINE_SCAN_SECONDS: z.coerce.number().min(0.05).max(3600).default(60),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  port: number;
  host: string;
  redisUrl?: string;
  /** PostgreSQL, the case archive (system of record). */
  databaseUrl?: string;
  /**
   * The embedded default's data directory (PGlite archive, its keys), used when DATABASE_URL is
   * not set; `npm start` with no servers sets ./data. Absent or "none": no archive.
   */
  dataDir?: string;
  /** Key namespace in Redis (default "cd:"), so two desks or test runs can share one server. */
  redisPrefix?: string;
  logLevel: Env['LOG_LEVEL'];
  timeZone: string;
  /** Signs web chat and (derived) staff tokens; required on Redis, generated per process in memory. */
  tokenSecret?: string;
  /** Keys that encrypt personal data in Redis, newest first; required on Redis. */
  dataKeys?: DataKey[];
  /** Key of the phone-number search index (HMAC) in Redis; required on Redis. */
  searchKey?: string;
  tokenTtlSeconds: number;
  tokenRatePerMinute: number;
  /** Limits counted in the store, so they hold across every instance (src/limits). */
  limits: LimitSettings;
  /** How long a browser's signed customer cookie lives: within it, a returning customer is the same customer. */
  customerCookieDays: number;
  /** Behind a reverse proxy: take the client address from X-Forwarded-For (rate limits). */
  trustProxy: boolean;
  /** Bearer token for GET /metrics; unset, only loopback clients may read it. */
  metricsToken?: string;
  /** Slow clients: headers and body must arrive within requestMs; idle kept-alive connections close after keepAliveMs. */
  http: { requestMs: number; keepAliveMs: number };
  /** Origins (besides our own) whose pages may embed the customer chat at `/` in a frame. */
  chatFrameAncestors: string[];
  maxMessageChars: number;
  responseHours: DeadlineTable;
  classifierModel?: string;
  /** The bot's answer to «when are you open?»; the dialogs have a default. */
  hoursText?: string;
  /** The bot's answer to a how-to or pre-sales question; the dialogs have a default. */
  questionText?: string;
  /** Staff accounts created or updated at startup (demos, tests). */
  bootstrapUsers: AccountSpec[];
  /** Lifetime of a staff (agent/supervisor) bearer token. */
  staffTokenTtlSeconds: number;
  /** Handoff rules beyond the five built in, and the queue's rough-wait fallback. */
  handoff: {
    categories: CategoryId[];
    anger?: number;
    signals: EscalationSignal[];
    waitMinutesPerPlace: number;
  };
  /** Auto-assignment of queued cases to online agents (src/assignment). */
  assignment: {
    enabled: boolean;
    /** Cases an agent may hold at once unless a supervisor set their own limit. */
    maxCases: number;
    /** An offer not claimed within this long moves to the next agent. */
    acceptSeconds: number;
    scanSeconds: number;
  };
  /** Stall detection for supervisors (src/supervision). */
  stall: {
    /** How long the owner of an active case may stay silent. */
    agentSilentSeconds: number;
    /** How long a customer may wait for a person (in the queue, or for an answer) before it counts. */
    customerWaitSeconds: number;
    /** Warn when this little time is left before the first-response deadline. */
    deadlineMinutes: number;
    /** How often the scanner looks for stalls and pushes alerts. */
    scanSeconds: number;
  };
  /** Follow-up after intake (src/followup): 回访, deadline watch, repeat complaints, archive. */
  followup: FollowupSettings;
  wechat: {
    puppet?: string;
    groups: boolean;
    contactPerMinute: number;
    globalPerMinute: number;
    typingCharsPerSecond: number;
    messageChars: number;
    /** Messages one chat may send per minute (the web chat's per-conversation limit too). */
    messagesPerConversationPerMinute: number;
  };
  /** WeCom customer service; absent when the channel is off. */
  wecom?: WecomSettings;
}

export interface WecomSettings {
  corpId: string;
  kfSecret: string;
  token: string;
  encodingAesKey: string;
  openKfId: string;
  apiBase: string;
}

const WECOM_REQUIRED = ['WECOM_CORP_ID', 'WECOM_KF_SECRET', 'WECOM_TOKEN', 'WECOM_ENCODING_AES_KEY', 'WECOM_OPEN_KFID'] as const;

/** All five required WeCom settings, or none (the channel is off); a partial set is a start-up error. */
function wecomSettingsOf(e: Env): WecomSettings | undefined {
  const missing = WECOM_REQUIRED.filter((name) => e[name] === undefined);
  if (missing.length === WECOM_REQUIRED.length) return undefined;
  if (missing.length) {
    throw new ConfigError(
      `Invalid configuration:\n${missing.map((m) => `  ${m}: required when any WECOM_ setting is set (the WeCom channel needs all of ${WECOM_REQUIRED.join(', ')})`).join('\n')}`,
    );
  }
  return {
    corpId: e.WECOM_CORP_ID!,
    kfSecret: e.WECOM_KF_SECRET!,
    token: e.WECOM_TOKEN!,
    encodingAesKey: e.WECOM_ENCODING_AES_KEY!,
    openKfId: e.WECOM_OPEN_KFID!,
    apiBase: e.WECOM_API_BASE,
  };
}

export interface LimitSettings {
  messagesPerConversationPerMinute: number;
  messagesPerAddressPerMinute: number;
  casesPerConversationPerHour: number;
  casesPerCustomerPerHour: number;
  casesPerAddressPerHour: number;
  /** Failed logins for one account, from any address, within loginLockWindowMs, that lock it. */
  loginLockFailures: number;
  loginLockWindowMs: number;
  loginLockMs: number;
}

export class ConfigError extends Error {}

/** Parses an environment (process.env by default) into a Config, or throws ConfigError naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings in .env files mean "not set".
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    redisUrl: e.REDIS_URL,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR === 'none' ? undefined : e.DATA_DIR,
    redisPrefix: e.REDIS_PREFIX,
    logLevel: e.LOG_LEVEL,
    timeZone: e.TIME_ZONE,
    tokenSecret: e.TOKEN_SECRET,
    dataKeys: e.DATA_KEYS,
    searchKey: e.SEARCH_KEY,
    tokenTtlSeconds: e.TOKEN_TTL_SECONDS,
    tokenRatePerMinute: e.TOKEN_RATE_PER_MINUTE,
    limits: {
      messagesPerConversationPerMinute: e.MESSAGES_PER_CONVERSATION_PER_MINUTE,
      messagesPerAddressPerMinute: e.MESSAGES_PER_ADDRESS_PER_MINUTE,
      casesPerConversationPerHour: e.CASES_PER_CONVERSATION_PER_HOUR,
      casesPerCustomerPerHour: e.CASES_PER_CUSTOMER_PER_HOUR,
      casesPerAddressPerHour: e.CASES_PER_ADDRESS_PER_HOUR,
      loginLockFailures: e.LOGIN_LOCK_FAILURES,
      loginLockWindowMs: e.LOGIN_LOCK_WINDOW_MINUTES * 60_000,
      loginLockMs: e.LOGIN_LOCK_MINUTES * 60_000,
    },
    customerCookieDays: e.CUSTOMER_COOKIE_DAYS,
    trustProxy: e.TRUST_PROXY,
    metricsToken: e.METRICS_TOKEN,
    http: { requestMs: e.HTTP_REQUEST_TIMEOUT_SECONDS * 1000, keepAliveMs: e.HTTP_KEEPALIVE_SECONDS * 1000 },
    chatFrameAncestors: e.CHAT_FRAME_ANCESTORS ?? [],
    maxMessageChars: e.MAX_MESSAGE_CHARS,
    responseHours: { ...DEFAULT_RESPONSE_HOURS, ...(e.DEADLINE_HOURS ?? {}) },
    classifierModel: e.CLASSIFIER_MODEL,
    hoursText: e.HOURS_TEXT,
    questionText: e.QUESTION_TEXT,
    bootstrapUsers: e.BOOTSTRAP_USERS ?? [],
    staffTokenTtlSeconds: e.STAFF_TOKEN_TTL_SECONDS,
    handoff: {
      categories: e.HANDOFF_CATEGORIES ?? [],
      anger: e.HANDOFF_ANGER,
      signals: e.HANDOFF_SIGNALS ?? [],
      waitMinutesPerPlace: e.HANDOFF_WAIT_MINUTES,
    },
    assignment: {
      enabled: e.AUTO_ASSIGN,
      maxCases: e.AGENT_MAX_CASES,
      acceptSeconds: e.ASSIGN_ACCEPT_SECONDS,
      scanSeconds: e.ASSIGN_SCAN_SECONDS,
    },
    stall: {
      agentSilentSeconds: e.STALL_AFTER_SECONDS,
      customerWaitSeconds: e.STALL_WAIT_SECONDS,
      deadlineMinutes: e.STALL_DEADLINE_MINUTES,
      scanSeconds: e.STALL_SCAN_SECONDS,
    },
    followup: {
      solutionHours: e.SOLUTION_HOURS,
      resultNoticeHours: e.RESULT_NOTICE_HOURS,
      reopenHours: e.REOPEN_HOURS,
      warnMinutes: e.DEADLINE_WARN_MINUTES,
      repeatDays: e.REPEAT_DAYS,
      retentionDays: e.RETENTION_DAYS,
      scanSeconds: e.DEADLINE_SCAN_SECONDS,
    },
    wechat: {
      puppet: e.WECHATY_PUPPET,
      groups: e.WECHAT_GROUPS,
      contactPerMinute: e.WECHAT_CONTACT_PER_MINUTE,
      globalPerMinute: e.WECHAT_GLOBAL_PER_MINUTE,
      typingCharsPerSecond: e.WECHAT_TYPING_CHARS_PER_SECOND,
      messageChars: e.WECHAT_MESSAGE_CHARS,
      messagesPerConversationPerMinute: e.MESSAGES_PER_CONVERSATION_PER_MINUTE,
    },
    wecom: wecomSettingsOf(e),
  };
}
