import { deflateRawSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';

/**
 * Generated bad input for the HTTP fuzz: bodies, queries, headers and path values of the kinds
 * attackers send (broken UTF-8, wrong types and encodings, huge and deep bodies, prototype keys,
 * odd numbers, broken percent-encoding), mixed with plausible values so some get past validation.
 */

/** What a route is fuzzed with: real values where a path or a credential must be real to get further. */
export interface FuzzContext {
  /** Path parameter name → values that exist (a real case id, conversation id, attachment index). */
  realParams: Record<string, string[]>;
  /** Authorization header values worth trying (valid customer and staff tokens among them). */
  authorizations: string[];
}

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** What the body is, for the failure report. */
  kind: string;
  /** The server may cut such a request without an answer (larger than any limit). */
  mayReset: boolean;
}

const FIELD_NAMES = [
  'text',
  'type',
  'from',
  'user',
  'id',
  'name',
  'locale',
  'value',
  'channelData',
  'attachments',
  'entities',
  'username',
  'password',
  'to',
  'reason',
  'note',
  'solution',
  'cause',
  'compensation',
  'draft',
  'field',
  'agent',
  'watermark',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '',
];

/** encodeURIComponent that takes lone surrogates too (as U+FFFD, the way Buffer writes them). */
const enc = (s: string) => encodeURIComponent(Buffer.from(s, 'utf8').toString('utf8'));

const ODD_NUMBERS = [
  'NaN',
  'Infinity',
  '-Infinity',
  '1e400',
  '-1e400',
  '-0',
  '0x10',
  '1.7976931348623157e309',
  '9007199254740993',
  '-1',
  '00',
  '1.',
  '.5',
  '1e-400',
];

const ODD_STRINGS = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\uFEFF',
    '\uD800',
    '\u202E',
    '<script>alert(1)</script>',
    '${7*7}',
    '../../etc/passwd',
    '%00',
    'null',
    'undefined',
    '我要投诉',
    '转人工',
    'A'.repeat(5000),
  ),
);

/** JSON text that JSON.stringify would never write: odd number literals, comments, trailing commas, raw control characters. */
const oddJsonText = fc.oneof(
  fc.constantFrom(...ODD_NUMBERS).map((n) => `{"text": ${n}, "type": "message"}`),
  fc.constantFrom(
    '{"a":1,}',
    '[1,2,]',
    '{"a":1 /* c */}',
    "{'a':1}",
    '{"a":"\u0001"}',
    '{"a":"\\ud800"}',
    '{"a":"\\u00"}',
    '{"a":1}{"b":2}',
    'true',
    'null',
    '"text"',
    '12',
    '{',
    '}',
    ']',
    '{"a":',
    '\uFEFF{}',
    '{"__proto__":{"admin":true}}',
    '{"constructor":{"prototype":{"admin":true}}}',
    '{"a":{"__proto__":{"x":1}}}',
  ),
);

const jsonish: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(null, true, false, 0, -0, -1, 1.5, Number.MAX_SAFE_INTEGER + 2, 1e308),
    ODD_STRINGS,
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.constantFrom(...FIELD_NAMES), tie('value'), { maxKeys: 6 }),
  ),
})).value;

/** An object with the fields routes read, holding anything: the likeliest to reach validation. */
const fieldBag = fc.dictionary(fc.constantFrom(...FIELD_NAMES), jsonish, { minKeys: 1, maxKeys: 6 }).map((o) => JSON.stringify(o));

function nested(depth: number, open: string, close: string, inner = '1'): string {
  return open.repeat(depth) + inner + close.repeat(depth);
}

interface BodyChoice {
  body: Buffer;
  kind: string;
  contentType?: string;
  contentEncoding?: string;
  mayReset?: boolean;
}

const text = (s: string) => Buffer.from(s, 'utf8');

const bodyChoice: fc.Arbitrary<BodyChoice | undefined> = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 8 },
  { arbitrary: fieldBag.map((s) => ({ body: text(s), kind: 'fields' })), weight: 20 },
  { arbitrary: jsonish.map((v) => ({ body: text(JSON.stringify(v) ?? 'null'), kind: 'json' })), weight: 10 },
  { arbitrary: oddJsonText.map((s) => ({ body: text(s), kind: 'odd-json' })), weight: 10 },
  {
    arbitrary: fc.uint8Array({ minLength: 1, maxLength: 512 }).map((b) => ({ body: Buffer.from(b), kind: 'random-bytes' })),
    weight: 6,
  },
  {
    // Broken UTF-8 inside otherwise good JSON.
    arbitrary: fc.constantFrom([0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xf8, 0x88, 0x80, 0x80, 0x80]).map((bad) => ({
      body: Buffer.concat([text('{"text":"'), Buffer.from(bad), text('","type":"message"}')]),
      kind: 'broken-utf8',
    })),
    weight: 6,
  },
  {
    arbitrary: fc
      .tuple(fc.integer({ min: 33, max: 20_000 }), fc.constantFrom(['[', ']'], ['{"value":', '}'], ['{"channelData":', '}']))
      .map(([d, [o, c]]) => ({
        body: text(`{"type":"message","text":"x","value":${nested(d, o, c)}}`),
        kind: 'deep-nesting',
      })),
    weight: 5,
  },
  {
    arbitrary: fc
      .integer({ min: 1_000, max: 60_000 })
      .map((n) => ({ body: text(`{"text":"x","entities":[${'0,'.repeat(n)}0]}`), kind: 'huge-array' })),
    weight: 2,
  },
  {
    arbitrary: fc
      .integer({ min: 5_000, max: 200_000 })
      .map((n) => ({ body: text(JSON.stringify({ type: 'message', text: '投'.repeat(n / 3) })), kind: 'huge-string' })),
    weight: 2,
  },
  {
    arbitrary: fc
      .integer({ min: 300_000, max: 700_000 })
      .map((n) => ({ body: text(`{"text":"${'x'.repeat(n)}"}`), kind: 'over-limit', mayReset: true })),
    weight: 1,
  },
  {
    arbitrary: fc
      .tuple(
        fc.constantFrom('gzip', 'deflate', 'br', 'gzip, deflate', 'x-gzip', 'compress', 'identity, gzip'),
        fc.uint8Array({ minLength: 1, maxLength: 256 }),
        fc.boolean(),
      )
      .map(([encoding, bytes, real]) => ({
        // Garbage labelled as compressed, or a real compressed JSON object: both are refused alike.
        body: real ? (encoding === 'deflate' ? deflateRawSync(text('{"a":1}')) : gzipSync(text('{"text":"hi"}'))) : Buffer.from(bytes),
        kind: `encoding-${encoding}`,
        contentEncoding: encoding,
      })),
    weight: 6,
  },
);

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'application/vnd.api+json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'json',
  '',
  '*/*',
  'application/json; charset=utf-8; charset=utf-16',
];

const queryValue = fc.oneof(
  ODD_STRINGS.map(enc),
  fc.constantFrom(
    '9999-12-31',
    '0000-00-00',
    '2024-02-30',
    '2024-13-01',
    '2024-1-1',
    '1999-12-31',
    '2099-12-31',
    '2100-01-01',
    ...ODD_NUMBERS,
    '1',
    '0',
    'true',
    'queued',
    'active',
    'resolved',
  ),
  fc.constantFrom('%', '%zz', '%E0%A4%A', '%C0%AF', '%ED%A0%80', '%00', '%FF%FE'),
);

/** YYYY-MM-DD with any year, month and day, most of them not real days or far out of range. */
const oddDay = fc
  .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
  .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);

/** Values fitted to the query keys our routes read, so the odd ones get past "unknown key". */
const namedQueryPart = fc
  .oneof(
    fc.tuple(
      fc.constantFrom('from', 'to'),
      fc.oneof(oddDay, fc.constantFrom('9999-12-31', '0000-01-01', '2024-02-30', '2099-12-31', '2000-01-01'), queryValue),
    ),
    fc.tuple(fc.constant('watermark'), fc.oneof(fc.constantFrom(...ODD_NUMBERS, '0', '1', '3', '99999999999999999999'), queryValue)),
    fc.tuple(
      fc.constantFrom('status', 'owner', 'category', 'channel', 'action', 'actor', 'limit', 'since'),
      fc.oneof(fc.constantFrom('queued', 'active', 'resolved', 'web', 'wechat', 'lihua', '0', '-1', '1e400'), queryValue),
    ),
    fc.tuple(fc.constant('reveal'), fc.constantFrom('1', '0', 'true', 'false', 'yes', '')),
    fc.tuple(fc.constantFrom('t', 'token'), queryValue),
  )
  .map(([k, v]) => `${k}=${v}`);

const queryString: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { arbitrary: namedQueryPart, weight: 6 },
      { arbitrary: fc.tuple(fc.string({ maxLength: 10 }).map(enc), queryValue).map(([k, v]) => `${k}=${v}`), weight: 1 },
      {
        arbitrary: fc.constantFrom(
          'from[]=2024-01-01&from[]=2024-02-01',
          'to[a][b][c][d][e][f]=1',
          '__proto__[admin]=1',
          'constructor[prototype][admin]=1',
          'a',
          '=',
          '&&&',
          `x=${'y'.repeat(9000)}`,
        ),
        weight: 1,
      },
    ),
    { minLength: 1, maxLength: 3 },
  )
  .map((parts) => `?${parts.join('&')}`);

const garbageParam = fc.oneof(
  ODD_STRINGS.map((s) => enc(s) || 'x'),
  fc.constantFrom(
    '%',
    '%zz',
    '..%2F..%2Fetc%2Fpasswd',
    '%00',
    '%E0%A4%A',
    'TS-20240101-0001',
    'TS-99999999-9999',
    '-1',
    '1e400',
    'NaN',
    '0',
    '999999999999',
    'a'.repeat(2000),
    'index.html',
    '.env',
    'main.js',
    '..',
  ),
);

/** One request to `routePath` (restify syntax: `:param`, `*`) with `method`. */
export function requestFor(method: string, routePath: string, ctx: FuzzContext): fc.Arbitrary<FuzzRequest> {
  const names = [...routePath.matchAll(/:(\w+)|\*/g)].map((m) => m[1] ?? '*');
  const paramValues = names.map((name) => {
    const real = ctx.realParams[name] ?? [];
    return real.length
      ? fc.oneof({ arbitrary: fc.constantFrom(...real), weight: 3 }, { arbitrary: garbageParam, weight: 2 })
      : garbageParam;
  });
  return fc
    .record({
      method: fc.oneof(
        { arbitrary: fc.constant(method), weight: 12 },
        { arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'), weight: 1 },
      ),
      params: fc.tuple(...paramValues),
      query: fc.oneof({ arbitrary: fc.constant(''), weight: 2 }, { arbitrary: queryString, weight: 3 }),
      auth: fc.option(fc.constantFrom(...ctx.authorizations), { freq: 6 }),
      // GETs mostly come without a body, so most reach the route's own query and auth checks.
      body:
        method === 'GET' || method === 'HEAD'
          ? fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: bodyChoice, weight: 1 })
          : bodyChoice,
      contentType: fc.oneof(
        { arbitrary: fc.constant('application/json'), weight: 6 },
        { arbitrary: fc.constantFrom(...CONTENT_TYPES), weight: 3 },
        { arbitrary: fc.constant(undefined), weight: 1 },
      ),
      oversizedHeader: fc.boolean().chain((b) => (b ? fc.integer({ min: 0, max: 19 }) : fc.constant(-1))),
      forwardedFor: fc.option(fc.constantFrom('1.2.3.4', 'garbage', '::1, 10.0.0.1', '999.999.999.999', ''), { freq: 8 }),
    })
    .map((r) => {
      let i = 0;
      const path = routePath.replace(/:(\w+)|\*/g, () => String(r.params[i++] ?? 'x')) + r.query;
      const headers: Record<string, string> = {};
      if (r.auth !== null) headers.authorization = r.auth;
      if (r.forwardedFor !== null) headers['x-forwarded-for'] = r.forwardedFor;
      // One request in twenty carries a header beyond node's 16 KB limit.
      const oversized = r.oversizedHeader === 0;
      if (oversized) headers['x-padding'] = 'p'.repeat(20_000);
      const body = r.body;
      if (body) {
        const type = body.contentType ?? r.contentType;
        if (type !== undefined) headers['content-type'] = type;
        if (body.contentEncoding) headers['content-encoding'] = body.contentEncoding;
      }
      return {
        method: r.method,
        path,
        headers,
        body: body?.body,
        kind: body?.kind ?? 'no-body',
        mayReset: oversized || Boolean(body?.mayReset),
      };
    });
}
