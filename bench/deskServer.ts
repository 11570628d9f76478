/**
 * The desk of the web benchmarks (bench/modules/webTurns.ts) as a child process, so it has an
 * event loop to itself as the echo it is compared with does. argv[2] is JSON
 * `{ redis?: { url, prefix }, databaseUrl? }`. Answers the question 'traffic' with the Redis
 * commands and bytes it has sent so far (bench/redisTraffic.ts) and 'cpu' with the CPU time it
 * has used; stops the desk and exits when the parent disconnects.
 */
import { startOpenDesk } from './benchDesk';
import { countRedisTraffic, snapshot } from './redisTraffic';

const setup = JSON.parse(process.argv[2] ?? '{}') as { redis?: { url: string; prefix: string }; databaseUrl?: string };
const traffic = countRedisTraffic();

void startOpenDesk(setup.redis, setup.databaseUrl).then(({ app }) => {
  process.on('message', (m) => {
    if (m === 'traffic') process.send?.({ traffic: snapshot(traffic) });
    if (m === 'cpu') process.send?.({ cpu: process.cpuUsage() });
  });
  process.on('disconnect', () => {
    void app.stop().finally(() => process.exit(0));
  });
  process.send?.({ port: app.port });
});
