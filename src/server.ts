import { resolve } from 'node:path';
import { ConfigError } from './config/env';
import { createApp } from './index';
import { isConnectionError, isStoreUnavailable } from './store/storeUnavailable';

/**
 * Whatever happens during shutdown (a Redis that is gone, a step that hangs), the process is
 * gone this long after the signal: orchestrators wait about 30 s before SIGKILL, and a process
 * that ignores SIGTERM is worse than one that exits with work unfinished.
 */
const SHUTDOWN_DEADLINE_MS = 10_000;

/**
 * `npm start` with no servers named keeps its cases in an embedded PostgreSQL under ./data, so
 * a trial desk does not forget them on restart. Redis or PostgreSQL settings, or DATA_DIR
 * (including "none"), leave the choice to them.
 */
function withEmbeddedDefault(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const named = (name: string) => env[name] !== undefined && env[name] !== '';
  return named('REDIS_URL') || named('DATABASE_URL') || named('DATA_DIR') ? env : { ...env, DATA_DIR: 'data' };
}

/** `npm start`: a thin wrapper that builds the app from the environment and stops it cleanly on signals. */
async function main(): Promise<void> {
  let app;
  try {
    app = createApp({ env: withEmbeddedDefault(process.env) });
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  // A store outage must never end the process: a rejection about it that some path left
  // unhandled is logged and survived. Anything else is a bug, and Node's default (exit) stands.
  process.on('unhandledRejection', (reason) => {
    if (isStoreUnavailable(reason) || isConnectionError(reason)) {
      console.error(
        `complaint-desk: unhandled store error (the store is unavailable): ${reason instanceof Error ? reason.message : String(reason)}`,
      );
      return;
    }
    console.error('complaint-desk: unhandled rejection', reason);
    process.exit(1);
  });
  await app.start();
  const archive = app.config.databaseUrl
    ? 'PostgreSQL'
    : app.config.dataDir
      ? `embedded PostgreSQL in ${resolve(app.config.dataDir, 'archive')}`
      : 'none, cases stay in memory';
  console.error(`complaint-desk is up: web chat http://localhost:${app.port}/  (store: ${app.store.kind}; archive: ${archive})`);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.error(`${signal} received, shutting down`);
    const deadline = setTimeout(() => {
      console.error(`complaint-desk: shutdown did not finish within ${SHUTDOWN_DEADLINE_MS} ms; exiting anyway`);
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    try {
      await app.stop();
    } catch (err) {
      console.error(`complaint-desk: shutdown failed: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    }
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  console.error(`complaint-desk failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
