/**
 * DirectLineJS under Node needs a browser's XMLHttpRequest and WebSocket as globals, or it
 * silently stays "Connecting". Import this before botframework-directlinejs.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const g = globalThis as Record<string, unknown>;
g.XMLHttpRequest ??= require('xhr2');
g.WebSocket ??= require('ws');
