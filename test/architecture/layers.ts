/**
 * The layers of src/, written down once. A module may import from its own folder or from a folder
 * with a lower rank; importing a folder of the same rank is sideways and needs a reason here.
 * Folders of the top-level dialogs/ and intents/ are placed in the same table because src/ uses them.
 */
export const LAYERS: ReadonlyArray<{ rank: number; folders: string[]; why: string }> = [
  { rank: 0, folders: ['domain', 'intents'], why: 'types and rules of the product; intents/ reads language only' },
  { rank: 1, folders: ['privacy'], why: 'masking and ciphers over domain values, used by logs and stores' },
  { rank: 2, folders: ['logging'], why: 'every layer above logs; logs mask through privacy' },
  { rank: 3, folders: ['store', 'config', 'httpKit'], why: 'storage, settings and the plain HTTP helpers: no product workflow' },
  {
    rank: 4,
    folders: ['limits', 'archive', 'reports', 'compliments', 'audit', 'auth', 'quickReplies', 'assist'],
    why: 'single-purpose services over the store',
  },
  { rank: 5, folders: ['cases', 'bot', 'dialogs'], why: 'the case record and the conversation engine' },
  {
    rank: 6,
    folders: ['handoff', 'followup', 'assignment', 'supervision', 'metrics'],
    why: 'workflows that move cases between bot and staff',
  },
  { rank: 7, folders: ['channels'], why: 'customer-facing transports: web chat, WeChat, WeCom' },
  { rank: 8, folders: ['http'], why: 'the staff HTTP API and its streams' },
  { rank: 9, folders: ['cli', 'web'], why: 'command line and browser code: entry points of their own' },
  { rank: 10, folders: ['index', 'server'], why: 'composition root: wires everything, nothing imports it back' },
];

/** Same-rank imports that are part of the design (lower folder name first). */
export const SIDEWAYS: ReadonlyArray<string> = [
  'archive -> reports', // the archive answers report queries with the same figures
  'httpKit -> store', // HttpError turns a store outage into 503 with Retry-After
  'reports -> compliments', // the summary counts compliments
  'auth -> audit', // staff sign-ins are recorded in the audit log; audit/ needs nothing from auth/
  'quickReplies -> auth', // quick replies are owned by a staff user
  'bot -> dialogs', // the bot runs the dialogs
  'handoff -> followup',
  'followup -> handoff',
  'supervision -> handoff',
  'assignment -> handoff',
  'metrics -> handoff',
  'web -> cli',
  'server -> index', // the process entry starts the wired application
];

/**
 * Files that sit in a different layer than their folder. The helpers directly in src/http/ know
 * nothing of the staff API in src/http/api/: channels and auth use them to answer HTTP errors.
 */
export const FILE_LAYERS: Readonly<Record<string, string>> = {
  'src/http/httpError.ts': 'httpKit',
  'src/http/httpServer.ts': 'httpKit',
  'src/http/jsonBody.ts': 'httpKit',
  'src/http/securityHeaders.ts': 'httpKit',
  'src/http/socketHeartbeat.ts': 'httpKit',
  'src/http/upgrades.ts': 'httpKit',
  'src/http/validate.ts': 'httpKit',
};

export function rankOf(folder: string): number | undefined {
  return LAYERS.find((l) => l.folders.includes(folder))?.rank;
}
