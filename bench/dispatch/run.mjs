// Per-event cost of app.handler dispatching a MESSAGE event to a trivial handler, against
// calling the same trivial handler directly, in one run; and what one pass-through middleware
// and one app.log.info per event add to that dispatch (the log sink drops the formatted line,
// so the figure is wsapp's own work, not the terminal's). Prints JSON.
// Usage: node bench/dispatch/run.mjs [events]   (build first: npx -y pnpm@10.34.8 build)
import { WsApp } from '../../packages/framework/dist/index.js';
import { capturedMessageEvent } from '../captured-message-event.mjs';

process.env.AWS_REGION ??= 'us-east-1';
const events = Number(process.argv[2] ?? 200_000);
const rounds = 7;

const event = capturedMessageEvent('hello');

let sink = 0;
const trivial = (e) => {
  sink += e.body.length;
};

const app = new WsApp({ name: 'bench' });
app.onWsMessage(trivial);
const { handler } = app;
const bare = async (e) => trivial(e);

const withMiddleware = new WsApp({ name: 'bench-middleware' });
withMiddleware.middleware((e, next) => next(e));
withMiddleware.onWsMessage(trivial);

let logged = 0;
const withLog = new WsApp({ name: 'bench-log' });
withLog.log.setSink((_record, line) => {
  logged += line.length;
});
withLog.onWsMessage((e) => {
  trivial(e);
  withLog.log.info('message received', { bytes: e.body.length });
});

async function timeIt(fn, payload) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < events; i++) await fn(payload);
  return Number(process.hrtime.bigint() - start) / events;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const framework = [];
const baseline = [];
const middleware = [];
const log = [];
await timeIt(handler, event); // warm-up
await timeIt(bare, { body: 'hello' });
await timeIt(withMiddleware.handler, event);
await timeIt(withLog.handler, event);
for (let round = 0; round < rounds; round++) {
  framework.push(await timeIt(handler, event));
  baseline.push(await timeIt(bare, { body: 'hello' }));
  middleware.push(await timeIt(withMiddleware.handler, event));
  log.push(await timeIt(withLog.handler, event));
}

const frameworkNs = median(framework);
const bareNs = median(baseline);
const middlewareNs = median(middleware) - frameworkNs;
const logNs = median(log) - frameworkNs;
console.log(
  JSON.stringify(
    {
      events,
      rounds,
      framework_ns_per_event: Math.round(frameworkNs),
      bare_ns_per_event: Math.round(bareNs),
      ratio: Number((frameworkNs / bareNs).toFixed(2)),
      overhead_ns_per_event: Math.round(frameworkNs - bareNs),
      target_overhead_ns_per_event: 2000,
      meets_target: frameworkNs - bareNs < 2000,
      middleware_added_ns_per_event: Math.round(middlewareNs),
      middleware_target_ns: 2000,
      middleware_meets_target: middlewareNs < 2000,
      log_line_added_ns_per_event: Math.round(logNs),
      log_line_target_ns: 10000,
      log_line_meets_target: logNs < 10000,
      checksum: sink > 0 && logged > 0,
    },
    null,
    2,
  ),
);
