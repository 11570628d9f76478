/**
 * A bare restify JSON echo, run as a child process by the web benchmarks (bench/modules/webTurns.ts):
 * the bot desk gets a process of its own (bench/deskServer.ts), so the echo it is compared with gets one too.
 * Tells its parent the port over IPC, answers 'cpu' with the CPU time it has used, and exits
 * when the parent disconnects.
 */
import restify from 'restify';

const server = restify.createServer();
server.use(restify.plugins.bodyParser());
server.post('/echo', (req, res, next) => {
  res.send(200, req.body);
  next();
});
server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as { port: number }).port }));
process.on('message', (m) => {
  if (m === 'cpu') process.send?.({ cpu: process.cpuUsage() });
});
process.on('disconnect', () => process.exit(0));
