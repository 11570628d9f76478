import { randomUUID } from 'node:crypto';
import { ConversationState, UserState } from 'botbuilder';
import type { Server } from 'restify';
import { MainDialog } from '../dialogs';
import { loadRecognizer } from '../intents';
import { CATEGORY_IDS, isCategoryId } from './domain/category';
import { createStaffAccess, type StaffAccess } from './http/staffAccess';
import type { BotLogic } from './bot/botLogic';
import { createComplaintBotLogic } from './bot/complaintBot';
import { stampCaseChannel } from './bot/caseChannelStamp';
import { ConversationActivityRecorder } from './bot/conversationActivityRecorder';
import type { HumanHandoffHook } from './bot/humanHandoffHook';
import { mountWebChannel, WEB_CHANNEL, webConversationAddress, type WebChannel } from './channels/web';
import { createWechatChannel, WECHAT_CHANNEL, type WechatChannel, type WechatChannelOptions, type WechatyPuppet } from './channels/wechat';
import { mountWecomStaffRoutes, WECOM_CHANNEL, WecomChannel, type WecomChannelDeps } from './channels/wecom';
import { ChannelRegistry } from './domain/channels';
import type { ChannelPlugin, StartedChannel } from './channels/channelPlugin';
import { CaseAdmission } from './cases/caseAdmission';
import { ComplimentLog } from './compliments/complimentLog';
import { CaseService } from './cases/caseService';
import { Limiter } from './limits/limiter';
import { ConfigError, loadConfig, type Config } from './config/env';
import { requireSecrets, storeProtection } from './config/secrets';
import type { CaseIntake } from './domain/caseIntake';
import { createHandoffService, type HandoffService } from './handoff';
import { DeadlineWatch, FollowupService } from './followup';
import { CASE_API_PATHS, mountCaseApi } from './http/api/caseRoutes';
import { mountSupervisorApi, SUPERVISOR_API_PATHS } from './http/api/supervisorRoutes';
import { mountReportApi, REPORT_API_PATHS } from './http/api/reportRoutes';
import { mountQuickReplyRoutes, QUICK_REPLY_API_PATHS } from './http/api/quickReplyRoutes';
import { QuickReplyRepository } from './quickReplies/quickReplyRepository';
import { ASSIGNMENT_API_PATHS, mountAssignmentRoutes } from './http/api/assignmentRoutes';
import { AgentRoster } from './assignment/agentRoster';
import { AutoAssigner } from './assignment/autoAssigner';
import { createHttpServer } from './http/httpServer';
import { mountAgentPage, mountBuiltPage } from './http/pages/agentPage';
import { createLogger, type Logger } from './logging/logger';
import { AppMetrics } from './metrics/appMetrics';
import { mountMetricsRoute } from './http/metricsRoute';
import { LIVE_CONVERSATION_KIND } from './domain/liveConversation';
import { MemoryStore } from './store/memoryStore';
import { RedisStore } from './store/redisStore';
import { ArchivedStore } from './archive/archivedStore';
import { ReportDaysUpkeep } from './archive/reportDaysUpkeep';
import { CaseArchive } from './archive/caseArchive';
import { pgClient } from './archive/sqlClient';
import { pgliteClient } from './archive/pgliteClient';
import { embeddedKeys, openEmbeddedDataDir, type EmbeddedDataDir } from './archive/embeddedDataDir';
import { STORE_RETRY_AFTER_SECONDS, type Store } from './store/store';
import { createSupervision, type Supervision } from './supervision';

export type { Config } from './config/env';
export type { Store } from './store/store';
export type { ChannelHost, ChannelPlugin, StartedChannel } from './channels/channelPlugin';
export type { ChannelDescriptor } from './domain/channels';

export interface AppOptions {
  port?: number;
  host?: string;
  /** A ready-made store (tests, embedders). Otherwise Redis when redisUrl/REDIS_URL is set, else memory. */
  store?: Store;
  redisUrl?: string;
  /** Key namespace in Redis, so two desks (or test runs) can share one server. */
  redisPrefix?: string;
  /** Environment to read settings from; process.env by default. */
  env?: Record<string, string | undefined>;
  /** Settings that win over the environment. */
  config?: Partial<Config>;
  logger?: Logger;
  /** Identifies this instance among several sharing one Redis (leases, logs). */
  instanceId?: string;
  /**
   * WeChat: a ready wechaty puppet instance (e.g. wechaty-puppet-mock's PuppetMock); otherwise
   * WECHATY_PUPPET names one. `options` overrides the channel's pacing and lease timings, which
   * have no settings of their own (tests and benchmarks run them faster than a person types).
   */
  wechaty?: { puppet?: WechatyPuppet; options?: Partial<WechatChannelOptions> };
  /** WeCom (on with the WECOM_* settings): test knobs for sweeps, idle pulls and the 48-hour clock. */
  wecom?: Pick<WecomChannelDeps, 'sweepMs' | 'idlePullMs' | 'now'>;
  /**
   * Further customer channels, each one folder of its own (src/channels/channelPlugin.ts): described
   * with the built-in ones, started on the same bot core, listed by GET /api/channels.
   */
  channels?: ChannelPlugin[];
}

export interface App {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The listening port (the real one once started, also when 0 was asked for). */
  readonly port: number;
  readonly store: Store;
  readonly config: Config;
  /** WeChat login state, for staff pages. */
  readonly wechat: WechatChannel;
  /** The WeCom customer-service channel, when WECOM_* is configured. */
  readonly wecom?: WecomChannel;
  /** Staff accounts, tokens and roles (`staff.auth`), the audit log (`staff.audit`), the staff stream. */
  readonly staff: StaffAccess;
  /** The human handoff: queue, claims, relay (the case API is mounted on it). */
  readonly handoff: HandoffService;
  /** Supervisors: live conversations, stall detection and alerts, takeover/assign/notes. */
  readonly supervision: Supervision;
  /** The restify server every route is mounted on (the fuzz suite enumerates its routes). */
  readonly server: Server;
  /** This app's Prometheus metrics (its own Registry), served at GET /metrics. */
  readonly metrics: AppMetrics;
}

/** The composition root: builds the whole service from options. The only place that knows every part. */
export function createApp(options: AppOptions = {}): App {
  const config: Config = { ...loadConfig(options.env ?? process.env), ...options.config };
  if (options.port !== undefined) config.port = options.port;
  if (options.host !== undefined) config.host = options.host;
  if (options.redisUrl !== undefined) config.redisUrl = options.redisUrl;

  const logger = options.logger ?? createLogger(config.logLevel);
  const instanceId = options.instanceId ?? randomUUID().slice(0, 8);
  // Refuses to start on Redis without TOKEN_SECRET, DATA_KEYS and SEARCH_KEY (src/config/secrets.ts).
  // Without DATABASE_URL, DATA_DIR holds an embedded archive for one instance (src/archive/embeddedDataDir.ts).
  const liveKind: Store['kind'] = options.store?.kind ?? (config.redisUrl ? 'redis' : 'memory');
  const embedded = !config.databaseUrl && config.dataDir ? openEmbedded(config, liveKind, logger) : undefined;
  const tokenSecret = requireSecrets(config, liveKind, logger);
  config.tokenSecret = tokenSecret;
  // Read on each scrape only. The queue is the store's set of queued cases (on Redis an index,
  // not the archive); live conversations are the bot's expiring live records.
  const metrics = new AppMetrics({
    queueLength: async () => (await store.listCases({ status: 'queued' })).length,
    liveConversations: async () => (await store.listRecords(LIVE_CONVERSATION_KIND)).length,
  });
  const liveStore: Store =
    options.store ??
    (config.redisUrl
      ? new RedisStore({
          url: config.redisUrl,
          prefix: options.redisPrefix ?? config.redisPrefix,
          logger,
          onUnavailable: () => metrics.storeUnavailable('redis'),
          ...storeProtection(config),
        })
      : new MemoryStore());
  // With DATABASE_URL the cases (the archive, kept for years) live in PostgreSQL, the rest stays live.
  const archiveSql = config.databaseUrl
    ? pgClient({ url: config.databaseUrl, onUnavailable: () => metrics.storeUnavailable('postgres') })
    : embedded
      ? pgliteClient({ dataDir: embedded.archiveDir })
      : undefined;
  const archive = archiveSql ? new CaseArchive(archiveSql, storeProtection(config)) : undefined;
  // Reports over the archive add up per-day figures, kept in the background as days settle.
  const reportDays =
    archive && archiveSql
      ? new ReportDaysUpkeep({ db: archiveSql, ready: () => archive.open(), timeZone: config.timeZone, logger })
      : undefined;
  const store: Store = archive ? new ArchivedStore(liveStore, archive) : liveStore;
  // The desk's channels, described once: the bot, the case API and the pages read them here. The
  // built-in ones are described even while switched off (GET /api/channels shows them as not
  // connected), so the cases they took earlier keep their label and can still be filtered.
  const channels = new ChannelRegistry();
  channels.describe(WEB_CHANNEL);
  channels.describe(WECHAT_CHANNEL);
  channels.describe(WECOM_CHANNEL);
  for (const plugin of options.channels ?? []) channels.describe(plugin.descriptor);
  const handoff = createHandoffService({
    store,
    channels,
    logger,
    rules: config.handoff,
    waitMinutesPerPlace: config.handoff.waitMinutesPerPlace,
    maxMessageChars: config.maxMessageChars,
    timeZone: config.timeZone,
    onRelayed: (seconds) => metrics.relayed(seconds),
  });
  // Ticket limits, counted in the store (every instance); the web's per-address one uses the conversation's start address.
  const admission = new CaseAdmission(new Limiter(store), config.limits, (draft) =>
    draft.channel === WEB_CHANNEL.id ? webConversationAddress(store, draft.conversationId) : Promise.resolve(undefined),
  );
  const cases = new CaseService({
    store,
    responseHours: config.responseHours,
    timeZone: config.timeZone,
    followup: config.followup,
    admission,
    logger,
  });
  // 回访 after each resolution, the same-matter window, archive stamps; the watch scans deadlines and retention.
  const followup = new FollowupService({ store, logger, handoff, settings: config.followup });
  handoff.setResolveFollowup(followup);
  const deadlineWatch = new DeadlineWatch({ store, logger, settings: config.followup, instanceId });
  // The handoff rules see every accepted case; its turn scope says the queue notice after the bot's replies.
  // Counted and timed outermost, so a turn's figure includes the handoff's and follow-up's notices; every channel calls this.
  // The case channel is read once per turn, before anything else looks at it.
  const bot = stampCaseChannel(
    channels,
    metrics.timeTurns(
      handoff.wrapBot(followup.wrapBot(buildBot(config, store, followup.intakeFor(handoff.intakeFor(cases)), logger, handoff))),
    ),
  );
  const wechat: WechatChannel = createWechatChannel({
    bot,
    store,
    logger,
    instanceId,
    puppet: options.wechaty?.puppet,
    puppetName: config.wechat.puppet,
    options: { ...config.wechat, ...options.wechaty?.options },
  });
  // Agent messages to WeChat customers: the adapter hands them to the instance that runs the login.
  channels.connect(WECHAT_CHANNEL.id, { delivery: wechat.adapter, attachments: wechat });
  // WeCom customer service (WECOM_* settings): pulled messages, replies and agent messages within its 48 h / 5-message budget.
  const wecom = config.wecom ? new WecomChannel({ bot, store, logger, instanceId, settings: config.wecom, ...options.wecom }) : undefined;
  if (wecom) channels.connect(WECOM_CHANNEL.id, { delivery: wecom.adapter, attachments: wecom });

  const staff = createStaffAccess({ store, logger, config });
  // Presence and capacity of each agent; the assigner offers queued cases to free agents (one instance leads).
  const roster = new AgentRoster(store, staff.users, config.assignment.maxCases);
  const assigner = new AutoAssigner({
    store,
    roster,
    cases: (filter) => handoff.list(filter),
    logger,
    instanceId,
    intervalMs: config.assignment.scanSeconds * 1000,
    acceptMs: config.assignment.acceptSeconds * 1000,
  });
  // Stall detection for supervisors; the scanner runs on whichever instance holds its lease.
  const supervision = createSupervision({ store, handoff, staff: staff.users, logger, instanceId, settings: config.stall });

  const server: Server = createHttpServer({ logger, timeouts: config.http });
  // The agent console (/agent): the front-end bundle `npm run build:web` puts in dist/web/agent.
  mountAgentPage(server, { logger });
  // The supervisor view (/supervisor): dist/web/supervisor, from the same build.
  mountBuiltPage(server, { name: 'supervisor', title: '值班监控台', logger });
  // The reports page (/reports): dist/web/reports, from the same build.
  mountBuiltPage(server, { name: 'reports', title: '投诉报表', logger });
  // Prometheus: a bearer token (METRICS_TOKEN), or loopback clients only.
  mountMetricsRoute(server, { metrics, logger, token: config.metricsToken, trustProxy: config.trustProxy });
  server.get('/healthz', async (_req, res) => {
    // The raw login QR value stays off this unauthenticated page: whoever sees it can log in.
    const { qrcodeUrl: _qr, ...wechatStatus } = wechat.status();
    const health = await store.checkHealth();
    if (health.ok) {
      res.send(200, { status: 'ok', store: store.kind, instance: instanceId, wechat: wechatStatus });
      return;
    }
    // Degraded, not dead: load balancers take this instance out until the store is back.
    res.header('Retry-After', String(STORE_RETRY_AFTER_SECONDS));
    res.send(503, { status: 'degraded', store: store.kind, reason: health.reason, instance: instanceId, wechat: wechatStatus });
  });

  let web: WebChannel | undefined;
  let listening = false;
  const started: { id: string; channel: StartedChannel; disconnect: () => void }[] = [];
  return {
    config,
    store,
    wechat,
    wecom,
    staff,
    handoff,
    supervision,
    server,
    metrics,
    get port() {
      const address = server.address();
      return listening && address && typeof address === 'object' ? address.port : config.port;
    },
    async start() {
      if (liveStore instanceof RedisStore) await liveStore.ready();
      // The archive's schema is brought up to date before the first case can arrive.
      if (store instanceof ArchivedStore) await store.open();
      web = mountWebChannel(server, {
        store,
        bot,
        logger,
        tokenSecret,
        tokenTtlSeconds: config.tokenTtlSeconds,
        tokenRatePerMinute: config.tokenRatePerMinute,
        messagesPerConversationPerMinute: config.limits.messagesPerConversationPerMinute,
        messagesPerAddressPerMinute: config.limits.messagesPerAddressPerMinute,
        customerCookieDays: config.customerCookieDays,
        maxMessageChars: config.maxMessageChars,
        trustForwardedFor: config.trustProxy,
        chatFrameAncestors: config.chatFrameAncestors,
        onCustomerTyping: (conversationId) => handoff.typing.fromCustomer(conversationId),
      });
      // Agent messages to web customers: written to the conversation's log in the store, from any instance.
      channels.connect(WEB_CHANNEL.id, { delivery: web.adapter });
      mountCaseApi(server, {
        handoff,
        auth: staff.auth,
        audit: staff.audit,
        staff: staff.users,
        logger,
        timeZone: config.timeZone,
      });
      mountSupervisorApi(server, {
        supervision: supervision.service,
        handoff,
        auth: staff.auth,
        audit: staff.audit,
        logger,
        wechatStatus: () => wechat.status(),
      });
      // Reports (/api/reports/…): summary and CSV export over every case.
      mountReportApi(server, {
        cases: handoff,
        source: archive?.reports(),
        auth: staff.auth,
        audit: staff.audit,
        compliments: new ComplimentLog(store),
        logger,
        timeZone: config.timeZone,
        channels: handoff.channels,
      });
      // 快捷回复: the shared library and agents' own, rendered for a case when inserted.
      mountQuickReplyRoutes(server, {
        replies: new QuickReplyRepository(store),
        handoff,
        auth: staff.auth,
        audit: staff.audit,
        logger,
        timeZone: config.timeZone,
      });
      if (wecom) {
        wecom.mount(server);
        mountWecomStaffRoutes(server, { channel: wecom, handoff, auth: staff.auth, logger });
      }
      mountAssignmentRoutes(server, {
        roster,
        handoff,
        staff: staff.users,
        auth: staff.auth,
        audit: staff.audit,
        logger,
        autoAssign: config.assignment.enabled,
      });
      // Staff API: login, audit, /api/stream, /api/openapi.json (add other modules' OpenAPI paths here).
      await staff.mount(server, {
        openApiPaths: [CASE_API_PATHS, REPORT_API_PATHS, SUPERVISOR_API_PATHS, QUICK_REPLY_API_PATHS, ASSIGNMENT_API_PATHS],
      });
      // Plugged-in channels mount their routes before the server listens, like the built-in ones.
      for (const plugin of options.channels ?? []) {
        const channel = await plugin.start({ bot, store, logger, server, instanceId });
        started.push({ id: plugin.descriptor.id, channel, disconnect: channels.connect(plugin.descriptor.id, channel) });
      }
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      listening = true;
      supervision.scanner.start();
      if (config.assignment.enabled) assigner.start();
      deadlineWatch.start();
      reportDays?.start();
      await wechat.start();
      wecom?.start();
      logger.info({ port: this.port, store: store.kind, instance: instanceId }, 'complaint-desk listening');
    },
    async stop() {
      // Every step is bounded, so a store that hangs or is gone cannot hold shutdown open;
      // a step that overruns is logged and the next one runs.
      const step = (name: string, work: () => Promise<unknown> | undefined) => boundedStep(logger, name, work);
      await step('deadline watch', () => deadlineWatch.stop());
      await step('report days', () => reportDays?.stop());
      await step('stall scanner', () => supervision.scanner.stop());
      await step('auto-assigner', () => assigner.stop());
      await step('wechat', () => wechat.stop());
      await step('wecom', () => wecom?.stop());
      for (const { id, channel, disconnect } of started.splice(0)) {
        disconnect();
        await step(`channel ${id}`, () => channel.stop?.());
      }
      await step('staff access', () => staff.close());
      await step('web channel', () => web?.close());
      if (listening) {
        await step('http server', () => {
          const closed = new Promise<void>((resolve) => server.close(() => resolve()));
          // Idle keep-alive sockets would otherwise hold close() open for minutes.
          server.server.closeAllConnections();
          return closed;
        });
        listening = false;
      }
      if (!options.store) await step('store', () => store.close());
      // A store handed in is the caller's to close; the archive beside it is this app's.
      else if (store instanceof ArchivedStore) await step('archive', () => store.closeArchive());
      embedded?.release();
    },
  };
}

/** Claims DATA_DIR and fills the keys the environment leaves unset (they must outlive the process). */
function openEmbedded(config: Config, storeKind: Store['kind'], logger: Logger): EmbeddedDataDir {
  if (storeKind === 'redis') {
    throw new ConfigError(
      'Invalid configuration:\n  DATA_DIR: the embedded archive belongs to one instance; with REDIS_URL set DATABASE_URL (or DATA_DIR=none)',
    );
  }
  const dir = openEmbeddedDataDir(config.dataDir!);
  try {
    Object.assign(config, embeddedKeys(config.dataDir!, config, logger));
  } catch (err) {
    dir.release();
    throw err;
  }
  return dir;
}

/** Longest one shutdown step may take; the whole stop() stays well under server.ts's hard deadline. */
const STOP_STEP_TIMEOUT_MS = 1500;

async function boundedStep(logger: Logger, name: string, work: () => Promise<unknown> | undefined): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const overrun = new Promise<'overrun'>((resolve) => (timer = setTimeout(() => resolve('overrun'), STOP_STEP_TIMEOUT_MS)));
  try {
    const outcome = await Promise.race([Promise.resolve(work()).then(() => 'done' as const), overrun]);
    if (outcome === 'overrun')
      logger.warn({ step: name, timeoutMs: STOP_STEP_TIMEOUT_MS }, 'shutdown: step did not finish in time; going on');
  } catch (err) {
    logger.warn({ err, step: name }, 'shutdown: step failed; going on');
  } finally {
    clearTimeout(timer);
  }
}

/** The one bot core: the intake dialogs over the recognizer, with state in the store. */
function buildBot(config: Config, store: Store, cases: CaseIntake, logger: Logger, humanHandoff: HumanHandoffHook): BotLogic {
  const conversationState = new ConversationState(store.botStorage);
  const userState = new UserState(store.botStorage);
  const recognizer = loadRecognizer({ modelPath: config.classifierModel });
  // One line read now: the word segmenter loads its dictionaries on first use (a third of a
  // second, seen as the slowest turn of a fresh desk), and the first customer should not wait.
  recognizer.understand('你好，我家宽带断网了');
  // The dialogs ask the five categories' questions: a model of another taxonomy (fine for the
  // classify/evaluate CLI) cannot drive them.
  const foreign = recognizer.classifier.labels.filter((l) => l !== 'none' && !isCategoryId(l));
  if (foreign.length) {
    throw new ConfigError(
      `Invalid configuration:\n  CLASSIFIER_MODEL: the bot needs a model over ${CATEGORY_IDS.join(', ')} and none; this one has ${foreign.join(', ')}`,
    );
  }
  const mainDialog = new MainDialog({
    recognizer,
    caseIntake: cases,
    conversationState,
    deadlines: config.responseHours,
    timeZone: config.timeZone,
    hoursText: config.hoursText,
    questionText: config.questionText,
  });
  return createComplaintBotLogic(conversationState, userState, mainDialog, {
    maxMessageChars: config.maxMessageChars,
    humanHandoff,
    onTurnError: (err, ctx) => logger.error({ err, conversation: ctx.activity.conversation?.id }, 'turn failed'),
    activityRecorder: new ConversationActivityRecorder(store, {
      onError: (err, conversation) => logger.warn({ err, conversation }, 'live-conversation record not written'),
    }),
  });
}
