/**
 * The desk of the web benchmarks (bench/modules/webTurns.ts) as a child process, so it has an
 * event loop to itself as the echo it is compared with does. argv[2] is JSON
 * `{ redis?: { url, prefix }, databaseUrl?, floor? }`; with `floor` it serves the web channel
 * alone with one of bench/floorBots.ts's least bots instead of the desk. Answers the question 'traffic' with the Redis
 * commands and bytes it has sent so far (bench/redisTraffic.ts), 'cpu' with the CPU time it
 * has used and 'loop' with the event loop's delays since the last such question; stops the
 * desk and exits when the parent disconnects.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loopDelayOf } from './benchChild';
import { startOpenDesk } from './benchDesk';
import { startFloorServer, type FloorBot } from './floorBots';
import { countRedisTraffic, snapshot } from './redisTraffic';

const setup = JSON.parse(process.argv[2] ?? '{}') as { redis?: { url: string; prefix: string }; databaseUrl?: string; floor?: FloorBot };
const traffic = countRedisTraffic();
/** How long callbacks waited for the event loop: a slow turn that is the server's own stall shows here. */
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();

const started = setup.floor
  ? startFloorServer(setup.floor)
  : startOpenDesk(setup.redis, setup.databaseUrl).then(({ app }) => ({ port: app.port, stop: () => app.stop() }));

void started.then((server) => {
  process.on('message', (m) => {
    if (m === 'traffic') process.send?.({ traffic: snapshot(traffic) });
    if (m === 'cpu') process.send?.({ cpu: process.cpuUsage() });
    if (m === 'loop') {
      process.send?.({ loop: loopDelayOf(loopDelay) });
      loopDelay.reset();
    }
  });
  process.on('disconnect', () => {
    void server.stop().finally(() => process.exit(0));
  });
  process.send?.({ port: server.port });
});
