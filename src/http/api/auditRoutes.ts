import type { Server } from 'restify';
import { z } from 'zod';
import type { StoreAuditLog } from '../../audit/auditLog';
import type { StaffAuth } from '../../auth/staffAuth';
import type { Logger } from '../../logging/logger';
import { route } from '../httpError';
import { validate } from '../validate';
import { jsonSchema, type OpenApiPaths } from './openapi';

export const AUDIT_PATH = '/api/audit';

export const auditQuery = z.object({
  caseId: z.string().min(1).max(128).optional(),
  after: z.coerce.number().int().min(-1).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

const auditEntry = z.object({
  seq: z.number().int().describe('position in the log read; pass the last one as `after` to read on'),
  actor: z.string(),
  action: z.enum([
    'login',
    'logout',
    'reveal',
    'claim',
    'release',
    'transfer',
    'resolve',
    'message',
    'takeover',
    'assign',
    'note',
    'unlock',
    'quick-reply',
    'presence',
    'assignment',
  ]),
  caseId: z.string().optional(),
  detail: z.record(z.string(), z.unknown()).optional(),
  at: z.string().describe('ISO 8601 time'),
});
const auditPage = z.object({ entries: z.array(auditEntry), next: z.number().int().optional() });

export interface AuditRoutesDeps {
  auth: StaffAuth;
  audit: StoreAuditLog;
  logger: Logger;
}

/** The audit trail, oldest first, for supervisors only (it shows who looked at whose data). */
export function mountAuditRoutes(server: Server, deps: AuditRoutesDeps): void {
  server.get(
    AUDIT_PATH,
    route(deps.logger, async (req, res) => {
      await deps.auth.authenticate(req, ['supervisor']);
      const query = validate(auditQuery, req.query ?? {}, 'query');
      res.send(200, await deps.audit.read(query));
    }),
  );
}

export const AUDIT_API_PATHS: OpenApiPaths = {
  [AUDIT_PATH]: {
    get: {
      operationId: 'readAudit',
      tags: ['audit'],
      summary: 'Read the audit log (supervisors)',
      description: 'Logins, reveals of masked data, claims, transfers, messages… oldest first. With caseId, only that case’s entries.',
      parameters: [
        { name: 'caseId', in: 'query', required: false, schema: { type: 'string' } },
        {
          name: 'after',
          in: 'query',
          required: false,
          schema: { type: 'integer', minimum: -1 },
          description: 'return entries with seq greater than this',
        },
        { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } },
      ],
      responses: {
        200: { description: 'A page of entries', content: { 'application/json': { schema: jsonSchema(auditPage, 'output') } } },
        400: { $ref: '#/components/responses/BadRequest' },
        401: { $ref: '#/components/responses/Unauthorized' },
        403: { $ref: '#/components/responses/Forbidden' },
      },
    },
  },
};
