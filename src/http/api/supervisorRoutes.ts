import type { Request, Server } from 'restify';
import { z } from 'zod';
import { usernameSchema } from '../../domain/staffAccounts';
import type { AuditLog, StaffAuth } from '../../auth/staffAuth';
import { maskForDetail } from '../../cases/caseMasking';
import type { WechatStatus } from '../../channels/wechat';
import type { HandoffService } from '../../handoff/handoffService';
import type { Logger } from '../../logging/logger';
import { MAX_NOTE_CHARS, type SupervisorService } from '../../supervision';
import { route, type RouteHandler } from '../httpError';
import { validateBody } from '../validate';
import { caseActionHelpers, mapCaseActionErrors } from './auditedAction';
import { actionBody } from './caseSchemas';
import { conversationRowSchema } from '../../supervision/conversationShapes';
import { jsonSchema, type OpenApiPaths } from './openapi';

/**
 * The supervisors' API: the live conversations with stall reasons, the desk's overview (agents'
 * load, the WeChat login), and the three supervisor actions on a case: take over, assign, and a
 * private note. Every route needs the supervisor role (an agent gets 403); the actions are
 * audited ('takeover', 'assign', 'note').
 */

export interface SupervisorApiDeps {
  supervision: SupervisorService;
  handoff: HandoffService;
  auth: StaffAuth;
  audit: AuditLog;
  logger: Logger;
  /** The WeChat login state (app.wechat.status()). */
  wechatStatus: () => WechatStatus;
  now?: () => Date;
}

export const SUPERVISOR_PATH = '/api/supervisor';
const CASES_PATH = '/api/cases';

export const assignBody = z.object({
  agent: usernameSchema.describe('user name of the staff account that takes the case'),
  note: z.string().trim().max(500).optional().describe('for the audit log'),
});

export const noteBody = z.object({
  text: z.string().trim().min(1, 'the note is empty').max(MAX_NOTE_CHARS).describe('private: staff only, never sent to the customer'),
});

export function mountSupervisorApi(server: Server, deps: SupervisorApiDeps): void {
  const { supervision, handoff, auth } = deps;
  const now = deps.now ?? (() => new Date());
  const log = deps.logger.child({ component: 'supervisor-api' });
  const handle = (handler: RouteHandler) => route(log, mapCaseActionErrors(handler));
  const supervisorOnly = (req: Request) => auth.authenticate(req, ['supervisor']);
  const { audited, caseOf, detail } = caseActionHelpers({ handoff, audit: deps.audit, log, now });

  server.get(
    `${SUPERVISOR_PATH}/conversations`,
    handle(async (req, res) => {
      await supervisorOnly(req);
      res.send(200, await supervision.conversations());
    }),
  );

  server.get(
    `${SUPERVISOR_PATH}/overview`,
    handle(async (req, res) => {
      await supervisorOnly(req);
      const rows = await supervision.conversations();
      const count = (status: string) => rows.filter((r) => r.status === status).length;
      res.setHeader('Cache-Control', 'no-store');
      res.send(200, {
        agents: await supervision.agentLoads(rows),
        // Supervisors are the ones who scan the login QR code, so they see it (it stays off /healthz).
        wechat: deps.wechatStatus(),
        conversations: {
          bot: count('bot'),
          open: count('open'),
          queued: count('queued'),
          active: count('active'),
          stalled: rows.filter((r) => r.stalled).length,
        },
        thresholds: supervision.thresholds,
      });
    }),
  );

  server.post(
    `${CASES_PATH}/:id/takeover`,
    handle(async (req, res) => {
      const staff = await supervisorOnly(req);
      const { id } = await caseOf(req, staff);
      const { note } = validateBody(actionBody, req);
      const outcome = await supervision.takeover(id, staff);
      await audited({
        actor: staff.username,
        action: 'takeover',
        caseId: id,
        detail: { from: outcome.previousOwner ?? null, ...(note ? { note } : {}) },
      });
      res.send(200, {
        ...(await detail(outcome.case)),
        customerNotified: outcome.customerNotified,
        previousOwner: outcome.previousOwner ?? null,
      });
    }),
  );

  server.post(
    `${CASES_PATH}/:id/assign`,
    handle(async (req, res) => {
      const staff = await supervisorOnly(req);
      const { id } = await caseOf(req, staff);
      const { agent, note } = validateBody(assignBody, req);
      const outcome = await supervision.assign(id, staff, agent);
      await audited({
        actor: staff.username,
        action: 'assign',
        caseId: id,
        detail: { from: outcome.previousOwner ?? null, to: outcome.target.username, ...(note ? { note } : {}) },
      });
      res.send(200, {
        ...(await detail(outcome.case)),
        customerNotified: outcome.customerNotified,
        previousOwner: outcome.previousOwner ?? null,
      });
    }),
  );

  server.post(
    `${CASES_PATH}/:id/notes`,
    handle(async (req, res) => {
      const staff = await supervisorOnly(req);
      const { id } = await caseOf(req, staff);
      const { text } = validateBody(noteBody, req);
      const { note } = await supervision.addNote(id, staff, text);
      await audited({ actor: staff.username, action: 'note', caseId: id, detail: { noteId: note.id, chars: text.length } });
      res.send(201, { ...note, text: maskForDetail(note.text), caseId: id, private: true });
    }),
  );
}

// ------------------------------------------------------------------- OpenAPI

const json = (schema: z.ZodType, io: 'input' | 'output' = 'output') => ({ 'application/json': { schema: jsonSchema(schema, io) } });
const ref = (name: string) => ({ $ref: `#/components/responses/${name}` });
const errorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: 'case id' };
const forbidden = { description: 'Not a supervisor', content: json(errorBody) };

const overview = z.object({
  agents: z.array(
    z.object({
      username: z.string(),
      agentNo: z.string(),
      role: z.enum(['agent', 'supervisor']),
      openCases: z.number().describe('active cases the person owns'),
      stalledCases: z.number(),
    }),
  ),
  wechat: z.object({
    enabled: z.boolean(),
    role: z.enum(['leader', 'standby', 'off']),
    login: z.string(),
    user: z.string().optional(),
    qrcodeUrl: z.string().optional().describe('the login QR code while waiting for a scan (supervisors only)'),
    lastError: z.string().optional(),
    queued: z.number(),
  }),
  conversations: z.object({
    bot: z.number().describe('customers talking to the bot with no case yet'),
    open: z.number(),
    queued: z.number(),
    active: z.number(),
    stalled: z.number(),
  }),
  thresholds: z.record(z.string(), z.number()),
});

const caseAfter = z
  .object({
    id: z.string(),
    status: z.string(),
    owner: z.string().nullable(),
    customerNotified: z.boolean(),
    previousOwner: z.string().nullable(),
  })
  .catchall(z.unknown())
  .describe('The case as GET /api/cases/{id} shows it, after the change');

const note = z.object({ id: z.string(), caseId: z.string(), text: z.string(), by: z.string(), at: z.string(), private: z.literal(true) });

function caseAction(
  operationId: string,
  summary: string,
  description: string,
  body: z.ZodType,
  ok: { status: number; schema: z.ZodType; description: string },
) {
  return {
    post: {
      operationId,
      tags: ['supervisor'],
      summary,
      description,
      parameters: [idParam],
      requestBody: { required: true, content: json(body, 'input') },
      responses: {
        [ok.status]: { description: ok.description, content: json(ok.schema) },
        400: ref('BadRequest'),
        401: ref('Unauthorized'),
        403: forbidden,
        404: ref('NotFound'),
        409: { description: 'Not possible in the case’s status (e.g. resolved)', content: json(errorBody) },
      },
    },
  };
}

export const SUPERVISOR_API_PATHS: OpenApiPaths = {
  [`${SUPERVISOR_PATH}/conversations`]: {
    get: {
      operationId: 'listConversations',
      tags: ['supervisor'],
      summary:
        'Every live conversation (with the bot, queued, or with an agent; cases and conversations with no case yet) with waits, deadline, anger trend and stall reasons',
      description:
        'A plain array, stalled first (highest score first). Supervisors only. A customer still talking to the bot before any ticket exists is not listed (there is no case yet).',
      responses: {
        200: { description: 'Conversations', content: json(z.array(conversationRowSchema)) },
        401: ref('Unauthorized'),
        403: forbidden,
      },
    },
  },
  [`${SUPERVISOR_PATH}/overview`]: {
    get: {
      operationId: 'supervisorOverview',
      tags: ['supervisor'],
      summary: 'Each staff member’s load and the WeChat login state',
      responses: { 200: { description: 'Overview', content: json(overview) }, 401: ref('Unauthorized'), 403: forbidden },
    },
  },
  [`${CASES_PATH}/{id}/takeover`]: caseAction(
    'takeoverCase',
    'Take the conversation over',
    'The supervisor becomes the owner (from the queue, the bot or an agent). The previous agent gets a StaffEvent {resource:"case", type:"takeover"} and can no longer send. Audited as "takeover".',
    actionBody,
    { status: 200, schema: caseAfter, description: 'The case after the takeover' },
  ),
  [`${CASES_PATH}/{id}/assign`]: caseAction(
    'assignCase',
    'Give the conversation to a staff member',
    '`agent` is an existing staff user name (404 otherwise). Works on queued, open and active cases; the customer is told the new 工号. Audited as "assign".',
    assignBody,
    { status: 200, schema: caseAfter, description: 'The case after the assignment' },
  ),
  [`${CASES_PATH}/{id}/notes`]: caseAction(
    'addCaseNote',
    'Whisper a private note to the agent',
    'Kept on the case (GET /api/cases/{id} → notes) and pushed as StaffEvent {resource:"note"}; never part of the transcript, never sent to the customer. Audited as "note".',
    noteBody,
    { status: 201, schema: note, description: 'The note' },
  ),
};
