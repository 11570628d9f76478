import type { Server } from 'restify';
import { z } from 'zod';
import type { AuditLog, StaffAuth } from '../../auth/staffAuth';
import type { HandoffService } from '../../handoff/handoffService';
import type { Logger } from '../../logging/logger';
import { QUICK_REPLY_VARIABLES, quickReplyBody, quickReplyUpdate, renderQuickReply } from '../../quickReplies/quickReply';
import { QuickReplyError, type QuickReplyRepository } from '../../quickReplies/quickReplyRepository';
import { HttpError, route, type RouteHandler } from '../httpError';
import { validate, validateBody } from '../validate';
import { caseActionHelpers, recordAudited } from './auditedAction';
import { jsonSchema, type OpenApiPaths } from './openapi';

export const QUICK_REPLIES_PATH = '/api/quick-replies';

const replyParams = z.object({ qid: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a quick reply id') });
const renderParams = replyParams.extend({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a case id') });
const listQuery = z.object({ q: z.string().trim().max(40).optional().describe('words of the title or text') });

export interface QuickReplyRoutesDeps {
  replies: QuickReplyRepository;
  handoff: HandoffService;
  auth: StaffAuth;
  audit: AuditLog;
  logger: Logger;
  timeZone: string;
  now?: () => Date;
}

/** The quick-reply library (any staff member reads; supervisors keep the shared part) and rendering for a case. */
export function mountQuickReplyRoutes(server: Server, deps: QuickReplyRoutesDeps): void {
  const log = deps.logger.child({ component: 'quick-replies' });
  const now = deps.now ?? (() => new Date());
  const { caseOf } = caseActionHelpers({ handoff: deps.handoff, audit: deps.audit, log, now });
  const handle = (handler: RouteHandler) => route(log, mapErrors(handler));

  server.get(
    QUICK_REPLIES_PATH,
    handle(async (req, res) => {
      const staff = await deps.auth.authenticate(req);
      const { q } = validate(listQuery, req.query ?? {}, 'query');
      res.send(200, (await deps.replies.visibleTo(staff, q)).map(publicView));
    }),
  );

  server.post(
    QUICK_REPLIES_PATH,
    handle(async (req, res) => {
      const staff = await deps.auth.authenticate(req);
      const created = await deps.replies.create(staff, validateBody(quickReplyBody, req));
      await recordAudited(deps.audit, log, {
        actor: staff.username,
        action: 'quick-reply',
        detail: { op: 'create', id: created.id, scope: created.scope },
      });
      res.send(201, publicView(created));
    }),
  );

  server.put(
    `${QUICK_REPLIES_PATH}/:qid`,
    handle(async (req, res) => {
      const staff = await deps.auth.authenticate(req);
      const { qid } = validate(replyParams, req.params, 'path');
      const updated = await deps.replies.update(staff, qid, validateBody(quickReplyUpdate, req));
      await recordAudited(deps.audit, log, {
        actor: staff.username,
        action: 'quick-reply',
        detail: { op: 'update', id: qid, scope: updated.scope },
      });
      res.send(200, publicView(updated));
    }),
  );

  server.del(
    `${QUICK_REPLIES_PATH}/:qid`,
    handle(async (req, res) => {
      const staff = await deps.auth.authenticate(req);
      const { qid } = validate(replyParams, req.params, 'path');
      const removed = await deps.replies.remove(staff, qid);
      await recordAudited(deps.audit, log, {
        actor: staff.username,
        action: 'quick-reply',
        detail: { op: 'delete', id: qid, scope: removed.scope },
      });
      res.send(204);
    }),
  );

  // Inserting a reply into a case: the text with the case's variables filled, and one use counted.
  server.post(
    '/api/cases/:id/quick-replies/:qid/render',
    handle(async (req, res) => {
      const staff = await deps.auth.authenticate(req);
      const { qid } = validate(renderParams, req.params, 'path');
      const c = await caseOf(req, staff);
      const reply = await deps.replies.get(staff, qid);
      await deps.replies.countUse(reply);
      // For the per-agent report only: the agent still gets the text if the case is busy.
      await deps.handoff
        .recordQuickReplyUse(c.id, staff, reply.id)
        .catch((err: unknown) => log.warn({ err, caseId: c.id }, 'quick replies: use not recorded on the case'));
      res.send(200, { text: renderQuickReply(reply.text, c, staff.agentNo, deps.timeZone) });
    }),
  );
}

function publicView(r: { id: string; title: string; text: string; scope: string; category?: string; uses: number }) {
  return { id: r.id, title: r.title, text: r.text, scope: r.scope, category: r.category ?? null, uses: r.uses };
}

function mapErrors(handler: RouteHandler): RouteHandler {
  return async (req, res) => {
    try {
      await handler(req, res);
    } catch (err) {
      if (err instanceof QuickReplyError) {
        throw err.reason === 'forbidden'
          ? new HttpError(403, 'Forbidden', err.message)
          : new HttpError(404, 'QuickReplyNotFound', err.message);
      }
      throw err;
    }
  };
}

const replyView = z.object({
  id: z.string(),
  title: z.string(),
  text: z.string(),
  scope: z.enum(['shared', 'personal']),
  category: z.string().nullable(),
  uses: z.number().int(),
});
const json = (schema: z.ZodType, io: 'input' | 'output' = 'output') => ({ 'application/json': { schema: jsonSchema(schema, io) } });
const ref = (name: string) => ({ $ref: `#/components/responses/${name}` });
const qidParam = { name: 'qid', in: 'path', required: true, schema: { type: 'string' }, description: 'quick reply id' };
const variables = QUICK_REPLY_VARIABLES.map((v) => `{${v}}`).join(' ');

export const QUICK_REPLY_API_PATHS: OpenApiPaths = {
  [QUICK_REPLIES_PATH]: {
    get: {
      operationId: 'listQuickReplies',
      tags: ['quick-replies'],
      summary: 'The shared quick replies and my personal ones, most used first',
      parameters: [
        { name: 'q', in: 'query', required: false, schema: { type: 'string', maxLength: 40 }, description: 'words of the title or text' },
      ],
      responses: {
        200: { description: 'Quick replies', content: json(z.array(replyView)) },
        400: ref('BadRequest'),
        401: ref('Unauthorized'),
      },
    },
    post: {
      operationId: 'createQuickReply',
      tags: ['quick-replies'],
      summary: 'Add a quick reply (shared: supervisors only; audited)',
      description: `The text may use ${variables}, filled from the case when it is inserted.`,
      requestBody: { required: true, content: json(quickReplyBody, 'input') },
      responses: {
        201: { description: 'Created', content: json(replyView) },
        400: ref('BadRequest'),
        401: ref('Unauthorized'),
        403: ref('Forbidden'),
      },
    },
  },
  [`${QUICK_REPLIES_PATH}/{qid}`]: {
    put: {
      operationId: 'updateQuickReply',
      tags: ['quick-replies'],
      summary: 'Change a quick reply (shared: supervisors; personal: its owner; audited)',
      parameters: [qidParam],
      requestBody: { required: true, content: json(quickReplyUpdate, 'input') },
      responses: {
        200: { description: 'Changed', content: json(replyView) },
        400: ref('BadRequest'),
        401: ref('Unauthorized'),
        403: ref('Forbidden'),
        404: ref('NotFound'),
      },
    },
    delete: {
      operationId: 'deleteQuickReply',
      tags: ['quick-replies'],
      summary: 'Delete a quick reply (shared: supervisors; personal: its owner; audited)',
      parameters: [qidParam],
      responses: {
        204: { description: 'Deleted' },
        400: ref('BadRequest'),
        401: ref('Unauthorized'),
        403: ref('Forbidden'),
        404: ref('NotFound'),
      },
    },
  },
  '/api/cases/{id}/quick-replies/{qid}/render': {
    post: {
      operationId: 'renderQuickReply',
      tags: ['quick-replies'],
      summary: 'A quick reply with the variables filled from this case; counts one use',
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: 'case id' }, qidParam],
      responses: {
        200: { description: 'The text to insert', content: json(z.object({ text: z.string() })) },
        400: ref('BadRequest'),
        401: ref('Unauthorized'),
        404: ref('NotFound'),
      },
    },
  },
};
