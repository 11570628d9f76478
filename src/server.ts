import { ConfigError } from './config/env';
import { createApp } from './index';

/** `npm start`: a thin wrapper that builds the app from the environment and stops it cleanly on signals. */
async function main(): Promise<void> {
  let app;
  try {
    app = createApp();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  await app.start();
  console.error(`complaint-desk is up: web chat http://localhost:${app.port}/  (store: ${app.store.kind})`);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.error(`${signal} received, shutting down`);
    await app.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  console.error(`complaint-desk failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
