import type { Server } from 'restify';
import { z } from 'zod';
import type { Logger } from '../../logging/logger';
import { route } from '../httpError';

/**
 * The staff API's OpenAPI 3.1 document, assembled from path fragments: each route module exports
 * the paths it serves (AUTH_API_PATHS, AUDIT_API_PATHS, STREAM_API_PATHS, CASE_API_PATHS…), and
 * this file merges them under shared components. A fragment may refer to
 *   #/components/schemas/Error, #/components/schemas/StaffEvent, #/components/responses/{BadRequest,
 *   Unauthorized,Forbidden,NotFound,TooManyRequests}
 * and is protected by default (`security: bearerAuth`); a public operation sets `security: []`.
 */

/** One path's operations, as OpenAPI writes them (kept loose: fragments are plain objects). */
export type OpenApiPathItem = Record<string, unknown>;
/** `{ "/api/...": { get: {...}, post: {...} } }` */
export type OpenApiPaths = Record<string, OpenApiPathItem>;

export const OPENAPI_PATH = '/api/openapi.json';

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/** A zod schema as an OpenAPI 3.1 (JSON Schema 2020-12) schema object. */
export function jsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

function errorResponse(description: string) {
  return { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
}

const COMPONENTS = {
  securitySchemes: {
    bearerAuth: {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description: 'A staff token from POST /api/auth/login. A customer (Direct Line) token is refused with 401.',
    },
  },
  schemas: {
    Error: {
      type: 'object',
      required: ['error'],
      properties: {
        error: {
          type: 'object',
          required: ['code', 'message'],
          properties: { code: { type: 'string' }, message: { type: 'string' } },
        },
      },
    },
    StaffEvent: {
      type: 'object',
      description: 'The one shape of every push to staff consoles. Carries ids and statuses, not personal data.',
      required: ['resource', 'type', 'id', 'payload'],
      properties: {
        resource: { type: 'string', enum: ['case', 'message', 'note', 'alert', 'wechat'] },
        type: { type: 'string', examples: ['created', 'status', 'message'] },
        id: { type: 'string', description: 'The case id, or the resource’s own id.' },
        payload: { type: 'object', additionalProperties: true },
        streamId: { type: 'string', description: 'Its place in the staff-events stream, `<ms>-<seq>`: resume with `/api/stream?since=`.' },
      },
    },
  },
  responses: {
    BadRequest: errorResponse('The request is malformed; the message says what is wrong.'),
    Unauthorized: errorResponse('No staff token, or a forged, expired or customer token.'),
    Forbidden: errorResponse('The token is valid but the role may not do this.'),
    NotFound: errorResponse('No such resource.'),
    TooManyRequests: errorResponse('Too many attempts; retry after the Retry-After header’s seconds.'),
  },
};

/** Merges fragments into one document; the same method on the same path twice is a programming error. */
export function buildOpenApiDocument(fragments: OpenApiPaths[], info: { version?: string } = {}): Record<string, unknown> {
  const paths: Record<string, OpenApiPathItem> = {};
  for (const fragment of fragments) {
    for (const [path, item] of Object.entries(fragment)) {
      const merged = { ...(paths[path] ?? {}) };
      for (const [key, value] of Object.entries(item)) {
        if (HTTP_METHODS.has(key) && key in merged) throw new Error(`OpenAPI: ${key.toUpperCase()} ${path} is described twice`);
        merged[key] = value;
      }
      paths[path] = merged;
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'complaint-desk staff API',
      version: info.version ?? '0.1.0',
      description:
        'For agents (在线客服) and supervisors (值班主管). Log in with POST /api/auth/login, then send ' +
        '`Authorization: Bearer <token>` on every other call. Phone numbers, ID numbers and amounts are ' +
        'masked in lists; revealing one is an explicit, audited action.',
    },
    servers: [{ url: '/' }],
    security: [{ bearerAuth: [] }],
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    components: COMPONENTS,
  };
}

/**
 * Serves the document at GET /api/openapi.json (public: it describes, it grants nothing).
 * `fragments` is read on each request, so modules mounted later may still push theirs.
 */
export function mountOpenApi(server: Server, fragments: OpenApiPaths[], logger: Logger): void {
  // Built once now so a clash between fragments stops startup instead of the first request.
  let cached: { count: number; body: Record<string, unknown> } | undefined = {
    count: fragments.length,
    body: buildOpenApiDocument(fragments),
  };
  server.get(
    OPENAPI_PATH,
    route(logger, async (_req, res) => {
      if (!cached || cached.count !== fragments.length) cached = { count: fragments.length, body: buildOpenApiDocument(fragments) };
      res.setHeader('Cache-Control', 'no-cache');
      res.send(200, cached.body);
    }),
  );
}
