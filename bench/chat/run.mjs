// The chat example under load: one room of N clients (default 200) on the local gateway, its
// table on the embedded DynamoDB. Prints JSON.
//   burst: every client sends M messages (default 5) at once. Delivered / expected (must be 1),
//     chat messages and deliveries per second, send-to-receipt latency (queueing included), and
//     DynamoDB requests per chat message, counted by a relay in front of the embedded DynamoDB.
//   oneAtATime: K messages (default 50), each sent once the previous one reached everybody:
//     send-to-receipt latency and fan-out time (until the last of the N clients has it).
// Usage: node bench/chat/run.mjs [clients] [messages] [oneAtATime]   (or: pnpm bench:chat)
import { readFileSync } from 'node:fs';
import { tsImport } from 'tsx/esm/api';
import WebSocket from 'ws';
import { startEmbeddedDynamoDb, startLocalGateway } from '../../packages/local/dist/index.js';

// Loopback only: dummy credentials, no instance metadata; every endpoint is set explicitly below.
Object.assign(process.env, {
  AWS_ACCESS_KEY_ID: 'wsapp-bench',
  AWS_SECRET_ACCESS_KEY: 'wsapp-bench',
  AWS_REGION: 'us-east-1',
  AWS_EC2_METADATA_DISABLED: 'true',
});
delete process.env.AWS_PROFILE;
delete process.env.AWS_SESSION_TOKEN;

const clients = Number(process.argv[2] ?? 200);
const messagesEach = Number(process.argv[3] ?? 5);
const oneAtATime = Number(process.argv[4] ?? 50);
const room = 'bench';
const deadlineMs = 600_000;

const { app } = await tsImport('../../examples/chat/app.ts', import.meta.url);
const counterModule = '../../examples/chat/test/dynamodb-request-counter.ts';
const { startDynamoDbRequestCounter } = await tsImport(counterModule, import.meta.url);
const resources = JSON.parse(readFileSync(new URL('../../examples/chat/resources.json', import.meta.url), 'utf8'));

const db = await startEmbeddedDynamoDb(resources);
const counter = await startDynamoDbRequestCounter(db.endpoint);
const gateway = await startLocalGateway(app, {
  port: 0,
  environment: { ...db.environment, AWS_ENDPOINT_URL_DYNAMODB: counter.endpoint },
});

// Every chat line received, counted; `deliveries(n)` resolves once n have arrived in total.
let delivered = 0;
let latencies = [];
let waiting;
function deliveries(target) {
  if (delivered >= target) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), deadlineMs);
    waiting = { target, done: () => (clearTimeout(timer), resolve(true)) };
  });
}

/** A client: `next()` gives its next non-chat message; chat lines ("user-N: m... at T") are timed. */
function connect(name) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(gateway.url);
    const queue = [];
    const waiters = [];
    const client = {
      name,
      send: (text) => socket.send(text),
      next: () => (queue.length ? Promise.resolve(queue.shift()) : new Promise((r) => waiters.push(r))),
      close: () => new Promise((r) => (socket.once('close', r), socket.close(1000))),
    };
    socket.on('message', (data) => {
      const text = String(data);
      const chat = /^user-\d+: m\d+ at (\d+\.\d+)$/.exec(text);
      if (chat) {
        latencies.push(performance.now() - Number(chat[1]));
        delivered++;
        if (waiting && delivered >= waiting.target) waiting.done();
        return;
      }
      const waiter = waiters.shift();
      if (waiter) waiter(text);
      else queue.push(text);
    });
    socket.once('open', () => resolve(client));
    socket.once('error', reject);
  });
}

async function answered(client, command, answer) {
  client.send(command);
  while ((await client.next()) !== answer);
}

const percentiles = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  return { p50: round(at(50)), p99: round(at(99)), max: round(sorted.at(-1)) };
};
const round = (n, digits = 1) => (n === undefined ? null : Number(n.toFixed(digits)));
const sum = (values) => values.reduce((total, n) => total + n, 0);
const since = (before) =>
  Object.fromEntries(
    Object.entries(counter.byOperation())
      .map(([operation, n]) => [operation, n - (before[operation] ?? 0)])
      .filter(([, n]) => n > 0),
  );

// Prepare: everyone logs in and joins the room; then every connection answers /room, and its
// handlers run in order, so all joins are done. Join announcements are not measured.
const members = [];
for (let i = 0; i < clients; i++) {
  const client = await connect(`user-${i}`);
  await answered(client, client.name, `Using nickname: ${client.name}\nType /help for list of commands.`);
  await answered(client, `/join ${room}`, `Joined chat room "${room}"`);
  members.push(client);
}
await Promise.all(members.map((client) => answered(client, '/room', room)));

// Burst: every client sends its messages at once.
const chatMessages = clients * messagesEach;
const expected = chatMessages * clients;
const requestsBefore = counter.byOperation();
let started = performance.now();
for (const client of members) {
  for (let m = 0; m < messagesEach; m++) client.send(`m${m} at ${performance.now().toFixed(3)}`);
}
const burstComplete = await deliveries(expected);
const burstSeconds = (performance.now() - started) / 1000;
const burstRequests = since(requestsBefore); // every delivery done: nothing after it touches DynamoDB
const burst = {
  chatMessages,
  expectedDeliveries: expected,
  deliveredDeliveries: delivered,
  seconds: round(burstSeconds, 2),
  chatMessagesPerSecond: round(chatMessages / burstSeconds),
  deliveriesPerSecond: round(delivered / burstSeconds),
  latencyMs: percentiles(latencies),
  dynamodbRequestsPerChatMessage: round(sum(Object.values(burstRequests)) / chatMessages, 2),
  dynamodbRequestsByOperation: burstRequests,
};

// One at a time: each message waits until the previous one reached all clients.
const fanOut = [];
latencies = [];
let sequentialComplete = burstComplete;
for (let k = 0; k < oneAtATime && sequentialComplete; k++) {
  started = performance.now();
  members[k % clients].send(`m${k} at ${started.toFixed(3)}`);
  sequentialComplete = await deliveries(expected + (k + 1) * clients);
  fanOut.push(performance.now() - started);
}

const totalExpected = expected + oneAtATime * clients;
console.log(
  JSON.stringify(
    {
      benchmark: 'chat',
      clients,
      deliveredRatio: round(delivered / totalExpected, 4),
      burst,
      oneAtATime: {
        chatMessages: oneAtATime,
        latencyMs: percentiles(latencies),
        fanOutMs: percentiles(fanOut),
      },
      node: process.version,
    },
    null,
    2,
  ),
);

await Promise.all(members.map((client) => client.close()));
await gateway.close();
await counter.close();
await db.close();
process.exit(delivered === totalExpected ? 0 : 1);
