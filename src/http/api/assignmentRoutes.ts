import type { Server } from 'restify';
import { z } from 'zod';
import { usernameSchema } from '../../domain/staffAccounts';
import type { AuditLog, StaffAuth } from '../../auth/staffAuth';
import { CHOSEN_STATUSES, type AgentRoster } from '../../assignment/agentRoster';
import type { HandoffService } from '../../handoff/handoffService';
import type { Logger } from '../../logging/logger';
import { HttpError, route } from '../httpError';
import { validate, validateBody } from '../validate';
import { recordAudited } from './auditedAction';
import { jsonSchema, type OpenApiPaths } from './openapi';

const presenceBody = z.object({ status: z.enum(CHOSEN_STATUSES).describe('在线 online, 忙碌 busy (no new cases), 离开 away') });
const agentParams = z.object({ username: usernameSchema });
const capacityBody = z.object({ maxCases: z.number().int().min(1).max(50).nullable().describe('null: back to AGENT_MAX_CASES') });
const assignmentBody = z.object({ paused: z.boolean() });

export interface AssignmentRoutesDeps {
  roster: AgentRoster;
  handoff: HandoffService;
  /** Looks up an account (a capacity for a name that is no agent is a 404). */
  staff: { get(username: string): Promise<{ role: string } | undefined> };
  auth: StaffAuth;
  audit: AuditLog;
  logger: Logger;
  autoAssign: boolean;
}

/** Presence (each agent), the agents' board and auto-assignment controls (supervisors). */
export function mountAssignmentRoutes(server: Server, deps: AssignmentRoutesDeps): void {
  const log = deps.logger.child({ component: 'assignment-api' });

  server.put(
    '/api/me/presence',
    route(log, async (req, res) => {
      const staff = await deps.auth.authenticate(req);
      const { status } = validateBody(presenceBody, req);
      await deps.roster.setStatus(staff.username, status);
      await recordAudited(deps.audit, log, { actor: staff.username, action: 'presence', detail: { status } });
      res.send(200, { status });
    }),
  );

  server.get(
    '/api/me/presence',
    route(log, async (req, res) => {
      const staff = await deps.auth.authenticate(req);
      res.send(200, { status: await deps.roster.chosenStatus(staff.username) });
    }),
  );

  server.get(
    '/api/supervisor/agents',
    route(log, async (req, res) => {
      await deps.auth.authenticate(req, ['supervisor']);
      res.send(200, await deps.roster.agents(await deps.handoff.list({ status: 'active' })));
    }),
  );

  server.put(
    '/api/supervisor/agents/:username',
    route(log, async (req, res) => {
      const boss = await deps.auth.authenticate(req, ['supervisor']);
      const { username } = validate(agentParams, req.params, 'path');
      const { maxCases } = validateBody(capacityBody, req);
      if ((await deps.staff.get(username))?.role !== 'agent') throw new HttpError(404, 'UserNotFound', `no agent account ${username}`);
      await deps.roster.setMaxCases(username, maxCases ?? undefined);
      await recordAudited(deps.audit, log, { actor: boss.username, action: 'assignment', detail: { agent: username, maxCases } });
      const agent = (await deps.roster.agents(await deps.handoff.list({ status: 'active' }))).find((a) => a.name === username);
      res.send(200, agent);
    }),
  );

  server.get(
    '/api/supervisor/assignment',
    route(log, async (req, res) => {
      await deps.auth.authenticate(req, ['supervisor']);
      res.send(200, { enabled: deps.autoAssign, paused: await deps.roster.paused() });
    }),
  );

  server.put(
    '/api/supervisor/assignment',
    route(log, async (req, res) => {
      const boss = await deps.auth.authenticate(req, ['supervisor']);
      const { paused } = validateBody(assignmentBody, req);
      await deps.roster.setPaused(paused);
      await recordAudited(deps.audit, log, { actor: boss.username, action: 'assignment', detail: { paused } });
      res.send(200, { enabled: deps.autoAssign, paused });
    }),
  );
}

const agentState = z.object({
  name: z.string(),
  agentNo: z.string(),
  presence: z.enum(['online', 'busy', 'away', 'offline']),
  openCases: z.number().int(),
  maxCases: z.number().int(),
});
const assignmentState = z.object({ enabled: z.boolean().describe('AUTO_ASSIGN'), paused: z.boolean() });
const json = (schema: z.ZodType, io: 'input' | 'output' = 'output') => ({ 'application/json': { schema: jsonSchema(schema, io) } });
const ref = (name: string) => ({ $ref: `#/components/responses/${name}` });

export const ASSIGNMENT_API_PATHS: OpenApiPaths = {
  '/api/me/presence': {
    get: {
      operationId: 'getMyPresence',
      tags: ['assignment'],
      summary: 'My chosen status',
      responses: { 200: { description: 'Status', content: json(presenceBody) }, 401: ref('Unauthorized') },
    },
    put: {
      operationId: 'setMyPresence',
      tags: ['assignment'],
      summary: 'Set 在线 / 忙碌 / 离开 (only 在线 agents are offered cases; 离线 is when no console is open)',
      requestBody: { required: true, content: json(presenceBody, 'input') },
      responses: { 200: { description: 'Set', content: json(presenceBody) }, 400: ref('BadRequest'), 401: ref('Unauthorized') },
    },
  },
  '/api/supervisor/agents': {
    get: {
      operationId: 'listAgents',
      tags: ['assignment'],
      summary: 'Every agent with presence, open cases and capacity (supervisors)',
      responses: { 200: { description: 'Agents', content: json(z.array(agentState)) }, 401: ref('Unauthorized'), 403: ref('Forbidden') },
    },
  },
  '/api/supervisor/agents/{username}': {
    put: {
      operationId: 'setAgentCapacity',
      tags: ['assignment'],
      summary: "Set one agent's maximum of concurrent cases (supervisors; audited)",
      parameters: [{ name: 'username', in: 'path', required: true, schema: { type: 'string' } }],
      requestBody: { required: true, content: json(capacityBody, 'input') },
      responses: {
        200: { description: 'The agent', content: json(agentState) },
        400: ref('BadRequest'),
        401: ref('Unauthorized'),
        403: ref('Forbidden'),
        404: ref('NotFound'),
      },
    },
  },
  '/api/supervisor/assignment': {
    get: {
      operationId: 'getAssignment',
      tags: ['assignment'],
      summary: 'Whether auto-assignment is on and not paused (supervisors)',
      responses: { 200: { description: 'State', content: json(assignmentState) }, 401: ref('Unauthorized'), 403: ref('Forbidden') },
    },
    put: {
      operationId: 'pauseAssignment',
      tags: ['assignment'],
      summary: 'Pause or resume auto-assignment (supervisors; audited)',
      requestBody: { required: true, content: json(assignmentBody, 'input') },
      responses: {
        200: { description: 'State', content: json(assignmentState) },
        400: ref('BadRequest'),
        401: ref('Unauthorized'),
        403: ref('Forbidden'),
      },
    },
  },
};
