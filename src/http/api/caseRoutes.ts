import { pipeline } from 'node:stream/promises';
import type { Server } from 'restify';
import { z } from 'zod';
import { channelDescriptorSchema } from '../../domain/channels';
import { checkDraft, nextSteps, suggestReplies } from '../../assist';
import { canSee } from '../../auth/caseAccess';
import type { AuditLog, StaffAuth } from '../../auth/staffAuth';
import { customerHistory } from '../../cases/caseHistory';
import { matches, storeFilter } from '../../cases/caseSearch';
import { earlierCaseView, historyItem, toListItem } from '../../cases/caseView';
import {
  caseActionResultSchema,
  caseDetailSchema,
  caseHistoryItemSchema,
  caseListItemSchema,
  earlierCaseSchema,
} from '../../cases/caseShapes';
import { dayKey } from '../../domain/calendar';
import type { HandoffService, TransferTarget } from '../../handoff/handoffService';
import { TYPING_WINDOW_MS } from '../../handoff/typingRelay';
import type { Logger } from '../../logging/logger';
import { HttpError, route, type RouteHandler } from '../httpError';
import { validate, validateBody } from '../validate';
import { caseActionHelpers, mapCaseActionErrors } from './auditedAction';
import {
  actionBody,
  checkChannelFilter,
  attachmentParams,
  caseListQuery,
  earlierCaseParams,
  draftCheckBody,
  messageBody,
  resolveBody,
  revealBody,
  transferBody,
  typingBody,
} from './caseSchemas';
import { jsonSchema, type OpenApiPaths } from './openapi';
import { pageAt } from './paging';

/**
 * The agents' case API (routes → HandoffService → CaseRepository). Every route needs a staff
 * token; bodies and ids are checked with zod (400 with the reason); the service's refusals
 * become 403 (not yours), 404 (no such case) or 409 (not possible now). Claims, releases,
 * transfers, resolves, messages and reveals are written to the audit log.
 */

/** Who a transfer may go to: the staff accounts (src/auth UserRepository has this method). */
export interface StaffDirectory {
  get(username: string): Promise<{ username: string; agentNo: string } | undefined>;
}

export interface CaseApiDeps {
  handoff: HandoffService;
  auth: StaffAuth;
  audit: AuditLog;
  logger: Logger;
  /** Without it a transfer goes to any well-formed name, and the customer is not told a 工号. */
  staff?: StaffDirectory;
  /** Time zone of deadlines in assist replies. */
  timeZone?: string;
  now?: () => Date;
}

export const CASES_PATH = '/api/cases';
export const ASSIST_CHECK_PATH = '/api/assist/check';
export const CHANNELS_PATH = '/api/channels';

/** A channel as the staff pages read it: its label and what it can show, and whether it runs on this instance. */
const channelInfoSchema = channelDescriptorSchema
  .pick({ id: true, label: true, capabilities: true })
  .extend({ connected: z.boolean().describe('false: this instance cannot reach its customers right now') });

export function mountCaseApi(server: Server, deps: CaseApiDeps): void {
  const { handoff, auth, logger } = deps;
  const now = deps.now ?? (() => new Date());
  const log = logger.child({ component: 'case-api' });
  const handle = (handler: RouteHandler) => route(log, mapCaseActionErrors(handler));
  const { audited, caseOf, detail } = caseActionHelpers({ handoff, audit: deps.audit, log, now });
  const timeZone = deps.timeZone ?? 'Asia/Shanghai';
  const dayOf = (iso: string) => dayKey(iso, timeZone) ?? '';

  server.get(
    CASES_PATH,
    handle(async (req, res) => {
      const staff = await auth.authenticate(req);
      const { limit, cursor, ...search } = validate(caseListQuery, req.query ?? {}, 'query');
      checkChannelFilter(deps.handoff.channels, search.channel);
      const at = now();
      // An agent's list: its own cases and the queue (canSee); a supervisor's: every case.
      const rows = (await handoff.list(storeFilter(search)))
        .filter((c) => canSee(staff, c))
        .map((c) => ({ c, row: toListItem(c, at) }))
        .filter(({ c, row }) => matches(c, search, dayOf, row.preview))
        .map(({ row }) => row);
      const { page, next } = pageAt(rows, limit, cursor);
      if (next) res.header('X-Next-Cursor', next);
      res.send(200, page);
    }),
  );

  // The same customer's other cases, newest first: on the same channel by customer id, and on
  // any channel by the phone number (through the keyed index). Rows are masked like the list,
  // and anyone who may see this case sees them: an agent needs the history to serve well.
  server.get(
    `${CASES_PATH}/:id/history`,
    handle(async (req, res) => {
      const staff = await auth.authenticate(req);
      const c = await caseOf(req, staff);
      const at = now();
      const others = await customerHistory(handoff.cases, c);
      res.send(
        200,
        others.map((earlier) => historyItem(earlier, at, c)),
      );
    }),
  );

  // One case of that history, read-only: the agent may read it because it may see the case it
  // came from (the rule of the list above), and only through it. The earlier case itself stays
  // out of the agent's reach: every action route asks canSee of that case and answers 404.
  server.get(
    `${CASES_PATH}/:id/history/:earlierId`,
    handle(async (req, res) => {
      const staff = await auth.authenticate(req);
      const { earlierId } = validate(earlierCaseParams, req.params, 'path');
      const c = await caseOf(req, staff);
      const earlier = (await customerHistory(handoff.cases, c)).find((other) => other.id === earlierId);
      if (!earlier) throw new HttpError(404, 'CaseNotFound', `case ${c.id} has no earlier case ${earlierId} in its history`);
      res.send(200, earlierCaseView(earlier, now(), c));
    }),
  );

  server.get(
    `${CASES_PATH}/:id`,
    handle(async (req, res) => {
      const staff = await auth.authenticate(req);
      res.send(200, await detail(await caseOf(req, staff)));
    }),
  );

  server.post(
    `${CASES_PATH}/:id/claim`,
    handle(async (req, res) => {
      const staff = await auth.authenticate(req);
      const { id } = await caseOf(req, staff);
      const { note } = validateBody(actionBody, req);
      const outcome = await handoff.claim(id, staff);
      await audited({ actor: staff.username, action: 'claim', caseId: id, detail: { ...(note ? { note } : {}) } });
      res.send(200, { ...(await detail(outcome.case)), customerNotified: outcome.customerNotified });
    }),
  );

  server.post(
    `${CASES_PATH}/:id/release`,
    handle(async (req, res) => {
      const staff = await auth.authenticate(req);
      const { id } = await caseOf(req, staff);
      const { note } = validateBody(actionBody, req);
      const outcome = await handoff.release(id, staff);
      await audited({ actor: staff.username, action: 'release', caseId: id, detail: { ...(note ? { note } : {}) } });
      res.send(200, { ...(await detail(outcome.case)), customerNotified: outcome.customerNotified });
    }),
  );

  server.post(
    `${CASES_PATH}/:id/transfer`,
    handle(async (req, res) => {
      const staff = await auth.authenticate(req);
      const c = await caseOf(req, staff);
      const { to, note } = validateBody(transferBody, req);
      const target = await transferTarget(to);
      const outcome = await handoff.transfer(c.id, staff, target);
      await audited({
        actor: staff.username,
        action: 'transfer',
        caseId: c.id,
        detail: { from: c.owner ?? null, to: target.username, ...(note ? { note } : {}) },
      });
      res.send(200, { ...(await detail(outcome.case)), customerNotified: outcome.customerNotified });
    }),
  );

  server.post(
    `${CASES_PATH}/:id/resolve`,
    handle(async (req, res) => {
      const staff = await auth.authenticate(req);
      const { id } = await caseOf(req, staff);
      const body = validateBody(resolveBody, req);
      const outcome = await handoff.resolve(id, staff, body);
      await audited({ actor: staff.username, action: 'resolve', caseId: id, detail: { compensation: Boolean(body.compensation) } });
      res.send(200, { ...(await detail(outcome.case)), customerNotified: outcome.customerNotified });
    }),
  );

  server.post(
    `${CASES_PATH}/:id/messages`,
    handle(async (req, res) => {
      const staff = await auth.authenticate(req);
      const { id } = await caseOf(req, staff);
      const { text } = validateBody(messageBody, req);
      const { case: c, entry } = await handoff.sendMessage(id, staff, text);
      await audited({ actor: staff.username, action: 'message', caseId: id, detail: { chars: text.length, channel: c.channel } });
      res.send(201, { caseId: id, from: entry.from, text: entry.text, at: entry.at, channel: c.channel });
    }),
  );

  // Not audited: a typing indicator is a passing hint, not a write of record (nothing is kept on
  // the case), and a held key would fill the audit log with entries nobody needs.
  server.post(
    `${CASES_PATH}/:id/typing`,
    handle(async (req, res) => {
      const staff = await auth.authenticate(req);
      const { id } = await caseOf(req, staff);
      validateBody(typingBody, req);
      await handoff.typing.fromAgent(id, staff);
      res.send(204);
    }),
  );

  server.post(
    `${CASES_PATH}/:id/reveal`,
    handle(async (req, res) => {
      const staff = await auth.authenticate(req);
      const { id } = await caseOf(req, staff);
      const { field } = validateBody(revealBody, req);
      const value = await handoff.reveal(id, staff, field);
      // Recorded before the value leaves: no audit entry, no reveal.
      await deps.audit.record({ actor: staff.username, action: 'reveal', caseId: id, detail: { field } });
      res.setHeader('Cache-Control', 'no-store');
      res.send(200, { field, value });
    }),
  );

  server.get(
    `${CASES_PATH}/:id/attachments/:index`,
    handle(async (req, res) => {
      const staff = await auth.authenticate(req);
      const c = await caseOf(req, staff);
      const parsed = attachmentParams.safeParse(req.params);
      const index = parsed.success ? parsed.data.index : -1;
      const attachment = c.attachments[index];
      if (!attachment) throw new HttpError(404, 'NoSuchAttachment', `case ${c.id} has no attachment ${String(req.params?.index)}`);
      if (c.owner !== staff.username && staff.role !== 'supervisor') {
        throw new HttpError(403, 'NotOwner', 'only the owner of the case or a supervisor can open what the customer sent');
      }
      const channels = deps.handoff.channels;
      const source = channels.attachmentSource(attachment.ref);
      if (source.type === 'none') {
        const label = channels.get(c.channel)?.label;
        const why =
          label && !channels.capabilities(c.channel)?.attachments
            ? `${label}渠道暂不支持附件上传`
            : '这份附件只留下了名称，没有可打开的文件';
        throw new HttpError(404, 'AttachmentNotStored', why);
      }
      const reveal = () => deps.audit.record({ actor: staff.username, action: 'reveal', caseId: c.id, detail: { attachment: index } });
      res.setHeader('Cache-Control', 'no-store');
      if (source.type === 'url') {
        // Recorded before the reference leaves, as with any reveal.
        await reveal();
        res.send(200, { url: source.url });
        return;
      }
      // The channel whose reference it is loads it (WeChat only on the instance with the login).
      const fetched = await channels.fetchAttachment(source.channel, attachment.ref, attachment.kind);
      if (!fetched.ok)
        throw new HttpError(fetched.status, fetched.status === 503 ? 'ChannelUnavailable' : 'AttachmentUnavailable', fetched.reason);
      await reveal();
      if ('url' in fetched) {
        res.send(200, { url: fetched.url });
        return;
      }
      const stream = await fetched.file.toStream();
      const type = safeContentType(fetched.file.mediaType);
      res.writeHead(200, {
        'Content-Type': type.contentType,
        'Content-Disposition': `${type.inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(fetched.file.name || `attachment-${index}`)}`,
        'Cache-Control': 'no-store',
        // Customer files are untrusted: never sniffed into something else, never run as a page.
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': "default-src 'none'; sandbox",
        ...(fetched.file.size && fetched.file.size > 0 ? { 'Content-Length': String(fetched.file.size) } : {}),
      });
      try {
        await pipeline(stream, res);
      } catch (err) {
        log.warn({ err, caseId: c.id, index }, 'attachment stream broken off');
        res.destroy();
      }
    }),
  );

  server.get(
    `${CASES_PATH}/:id/assist`,
    handle(async (req, res) => {
      const staff = await auth.authenticate(req);
      const c = await caseOf(req, staff);
      const latest = [...c.transcript].reverse().find((t) => t.from === 'customer')?.text ?? c.issues[0]?.text ?? '';
      const suggestions = suggestReplies({
        case: c,
        latestCustomerText: latest,
        // The case keeps the highest anger seen; the assist panel reads it as the customer's mood.
        anger: c.anger,
        agentNo: c.owner === staff.username ? staff.agentNo : (c.ownerAgentNo ?? staff.agentNo),
        timeZone: deps.timeZone,
      });
      res.send(200, { suggestions, nextSteps: nextSteps(c, { timeZone: deps.timeZone }) });
    }),
  );

  server.post(
    ASSIST_CHECK_PATH,
    handle(async (req, res) => {
      await auth.authenticate(req);
      const { text } = validateBody(draftCheckBody, req);
      res.send(200, { problems: checkDraft(text).problems });
    }),
  );

  // The pages' channel names and capabilities come from the registry, not from a list of their own.
  server.get(
    CHANNELS_PATH,
    handle(async (req, res) => {
      await auth.authenticate(req);
      const channels = handoff.channels;
      res.send(
        200,
        channels.list().map((d) => ({ id: d.id, label: d.label, capabilities: d.capabilities, connected: channels.isConnected(d.id) })),
      );
    }),
  );

  async function transferTarget(username: string): Promise<TransferTarget> {
    if (!deps.staff) return { username };
    const account = await deps.staff.get(username);
    if (!account) throw new HttpError(404, 'UnknownStaff', `no staff account "${username}" to transfer to`);
    return { username: account.username, agentNo: account.agentNo };
  }
}

/** Media types a browser may show inline from a customer's file; anything else is a download. */
const INLINE_TYPES = /^(image\/(png|jpe?g|gif|webp|bmp|heic|heif)|audio\/[\w.+-]+|video\/[\w.+-]+|application\/pdf|text\/plain)$/i;

function safeContentType(mediaType: string | undefined): { contentType: string; inline: boolean } {
  const type = (mediaType ?? '').split(';')[0].trim().toLowerCase();
  if (INLINE_TYPES.test(type)) return { contentType: type === 'text/plain' ? 'text/plain; charset=utf-8' : type, inline: true };
  // Unknown or risky (HTML, SVG, WeChat's .silk voice notes…): a plain download.
  return { contentType: 'application/octet-stream', inline: false };
}

// ------------------------------------------------------------------- OpenAPI

const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: 'case id' };
/** OpenAPI query parameters from a zod object (every one optional here). */
function queryParameters(schema: z.ZodType): Array<Record<string, unknown>> {
  const shape = jsonSchema(schema, 'input') as { properties?: Record<string, Record<string, unknown>> };
  return Object.entries(shape.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: false,
    schema: property,
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
  }));
}

const json = (schema: z.ZodType, io: 'input' | 'output' = 'output') => ({ 'application/json': { schema: jsonSchema(schema, io) } });
const common = {
  400: { $ref: '#/components/responses/BadRequest' },
  401: { $ref: '#/components/responses/Unauthorized' },
  403: { $ref: '#/components/responses/Forbidden' },
  404: { $ref: '#/components/responses/NotFound' },
};
const conflict = {
  description: 'Not possible in the case’s status (e.g. claimed by someone else, already resolved)',
  content: json(z.object({ error: z.object({ code: z.string(), message: z.string() }) })),
};

function action(operationId: string, summary: string, description: string, body?: z.ZodType) {
  return {
    post: {
      operationId,
      tags: ['cases'],
      summary,
      description,
      parameters: [idParam],
      ...(body ? { requestBody: { required: true, content: json(body, 'input') } } : {}),
      responses: { 200: { description: 'The case after the change', content: json(caseActionResultSchema) }, ...common, 409: conflict },
    },
  };
}

export const CASE_API_PATHS: OpenApiPaths = {
  [CASES_PATH]: {
    get: {
      operationId: 'listCases',
      tags: ['cases'],
      summary: 'List cases',
      description:
        'A plain array. Queued cases come first in serving order (priority, then waiting time), then active, open and resolved ones. Personal data masked. ' +
        'An agent sees its own cases and the queue; a supervisor sees all. `q` is a ticket number, a phone number (found through the keyed phone index, ' +
        'never by decrypting; the rows still show it masked) or words of the masked preview. Paged: at most `limit` rows; when more follow, the ' +
        '`X-Next-Cursor` header holds the `cursor` of the next page.',
      parameters: queryParameters(caseListQuery),
      responses: {
        200: {
          description: 'Cases',
          content: json(z.array(caseListItemSchema)),
          headers: { 'X-Next-Cursor': { description: 'cursor of the next page, when there is one', schema: { type: 'string' } } },
        },
        400: common[400],
        401: common[401],
      },
    },
  },
  [`${CASES_PATH}/{id}`]: {
    get: {
      operationId: 'getCase',
      tags: ['cases'],
      summary: 'One case: transcript, issues, slots, a summary for the agent, deadlines',
      parameters: [idParam],
      responses: {
        200: { description: 'The case', content: json(caseDetailSchema) },
        400: common[400],
        401: common[401],
        404: common[404],
      },
    },
  },
  [`${CASES_PATH}/{id}/history`]: {
    get: {
      operationId: 'getCaseHistory',
      tags: ['cases'],
      summary: "The same customer's other cases, newest first",
      description:
        'Same customer id on the same channel, or the same phone number on any channel. Masked rows with the result and the satisfaction score; ' +
        '`linked` marks cases linked to this one as the same matter repeated. Anyone who may see the case sees its history.',
      parameters: [idParam],
      responses: {
        200: { description: 'Earlier and later cases of this customer', content: json(z.array(caseHistoryItemSchema)) },
        400: common[400],
        401: common[401],
        404: common[404],
      },
    },
  },
  [`${CASES_PATH}/{id}/history/{earlierId}`]: {
    get: {
      operationId: 'getEarlierCase',
      tags: ['cases'],
      summary: "One of the customer's other cases, read-only: transcript, summary, result, satisfaction",
      description:
        'For whoever may see `{id}`; `{earlierId}` must be in its history (else 404). Masked like the case page, without slots, attachments or notes. ' +
        'Reading it gives no right to act: the action routes still answer 404 for a case the caller may not see.',
      parameters: [
        idParam,
        { name: 'earlierId', in: 'path', required: true, schema: { type: 'string' }, description: 'id of a case in the history' },
      ],
      responses: {
        200: { description: 'The earlier case', content: json(earlierCaseSchema) },
        400: common[400],
        401: common[401],
        404: common[404],
      },
    },
  },
  [`${CASES_PATH}/{id}/claim`]: action(
    'claimCase',
    'Claim a queued (or open) case',
    'The customer is told who serves them («客服 07 号为您服务»); the bot goes silent and relays. 409 when someone else has it.',
    actionBody,
  ),
  [`${CASES_PATH}/{id}/release`]: action(
    'releaseCase',
    'Hand the case back to the bot',
    'Owner or supervisor. The case becomes open; the bot answers the customer again.',
    actionBody,
  ),
  [`${CASES_PATH}/{id}/transfer`]: action(
    'transferCase',
    'Give an active case to another member of staff',
    'Owner or supervisor; `to` is a staff user name.',
    transferBody,
  ),
  [`${CASES_PATH}/{id}/resolve`]: action(
    'resolveCase',
    'Resolve the case',
    'Owner (or a supervisor). The customer gets the result notice: cause, solution, any compensation.',
    resolveBody,
  ),
  [`${CASES_PATH}/{id}/messages`]: {
    post: {
      operationId: 'sendCaseMessage',
      tags: ['cases'],
      summary: 'Send a message to the customer on their own channel',
      description: 'Only the owner of the active case (others 403). Delivered live to web chat (from any instance) or WeChat.',
      parameters: [idParam],
      requestBody: { required: true, content: json(messageBody, 'input') },
      responses: {
        201: {
          description: 'Delivered',
          content: json(z.object({ caseId: z.string(), from: z.literal('agent'), text: z.string(), at: z.string(), channel: z.string() })),
        },
        ...common,
        409: conflict,
        502: {
          description: 'The customer’s channel could not be reached',
          content: json(z.object({ error: z.object({ code: z.string(), message: z.string() }) })),
        },
      },
    },
  },
  [`${CASES_PATH}/{id}/typing`]: {
    post: {
      operationId: 'caseTyping',
      tags: ['cases'],
      summary: 'Tell the customer the agent is typing (「客服正在输入…」)',
      description:
        'Only the owner of the active case (others 403; staff who may not see the case 404). Call it while the agent types; the body is empty or `{}`. ' +
        `For a web-chat customer it sends a Direct Line \`typing\` activity from the agent's 工号, at most one per conversation every ${TYPING_WINDOW_MS / 1000} s: ` +
        'more calls in that time answer 204 and send nothing. WeChat has no typing indicator: a WeChat case answers 204 and nothing is sent. ' +
        'Not audited and not kept on the case. The customer typing on web chat reaches the owner and supervisors on /api/stream as ' +
        '`{resource:"message", type:"typing", payload:{from:"customer", owner, status}}`, live only (never replayed with `?since=`).',
      parameters: [idParam],
      requestBody: { required: false, content: json(typingBody, 'input') },
      responses: {
        204: { description: 'Sent, or nothing to send (coalesced, or the channel has no indicator)' },
        ...common,
        409: conflict,
      },
    },
  },
  [`${CASES_PATH}/{id}/reveal`]: {
    post: {
      operationId: 'revealCaseField',
      tags: ['cases'],
      summary: 'Show a masked phone or ID number (audited)',
      description: 'The owner of the case or a supervisor. Every reveal is written to the audit log before the value is returned.',
      parameters: [idParam],
      requestBody: { required: true, content: json(revealBody, 'input') },
      responses: { 200: { description: 'The value', content: json(z.object({ field: z.string(), value: z.string() })) }, ...common },
    },
  },
  [`${CASES_PATH}/{id}/attachments/{index}`]: {
    get: {
      operationId: 'getCaseAttachment',
      tags: ['cases'],
      summary: 'Open what the customer sent (audited)',
      description:
        'The owner of the case or a supervisor; written to the audit log as a reveal. A WeChat picture, voice note, video, file or sticker is streamed (loaded through the instance logged in to WeChat; 503 on others); a link answers {url}.',
      parameters: [
        idParam,
        {
          name: 'index',
          in: 'path',
          required: true,
          schema: { type: 'integer', minimum: 0 },
          description: 'attachments[].index of the case',
        },
      ],
      responses: {
        200: {
          description: 'The file (its own content type; risky types as application/octet-stream downloads), or {url} for a link',
          content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } }, ...json(z.object({ url: z.string() })) },
        },
        401: common[401],
        403: common[403],
        404: {
          description: 'No such case or attachment, or the channel kept no copy (网页渠道暂不支持附件上传)',
          content: json(z.object({ error: z.object({ code: z.string(), message: z.string() }) })),
        },
        502: {
          description: 'WeChat would not give the file',
          content: json(z.object({ error: z.object({ code: z.string(), message: z.string() }) })),
        },
        503: {
          description: 'This instance is not logged in to WeChat (the reason says why)',
          content: json(z.object({ error: z.object({ code: z.string(), message: z.string() }) })),
        },
      },
    },
  },
  [`${CASES_PATH}/{id}/assist`]: {
    get: {
      operationId: 'assistCase',
      tags: ['assist'],
      summary: 'Suggested replies and next steps for the case',
      parameters: [idParam],
      responses: {
        200: {
          description: 'Suggestions and steps',
          content: json(
            z.object({
              suggestions: z.array(z.object({ text: z.string(), family: z.string() })),
              nextSteps: z.array(z.object({ id: z.string(), text: z.string(), done: z.boolean() })),
            }),
          ),
        },
        400: common[400],
        401: common[401],
        404: common[404],
      },
    },
  },
  [CHANNELS_PATH]: {
    get: {
      operationId: 'listChannels',
      tags: ['cases'],
      summary: 'The desk’s customer channels: id, label for staff, capabilities (cards, menus, attachments, typing, send budget)',
      responses: {
        200: { description: 'Channels, in registration order', content: json(z.array(channelInfoSchema)) },
        401: common[401],
      },
    },
  },
  [ASSIST_CHECK_PATH]: {
    post: {
      operationId: 'checkDraft',
      tags: ['assist'],
      summary: 'Check an agent’s draft for wording that hurts',
      requestBody: { required: true, content: json(draftCheckBody, 'input') },
      responses: {
        200: {
          description: 'Problems found (empty when the draft is fine)',
          content: json(
            z.object({
              problems: z.array(
                z.object({ start: z.number(), end: z.number(), reason: z.string(), rewrite: z.string(), kind: z.string() }),
              ),
            }),
          ),
        },
        400: common[400],
        401: common[401],
      },
    },
  },
};
