// Echo benchmark: `wsapp local` running examples/echo-server (client -> $default handler ->
// app.websocketApi.send over HTTP -> client) against a plain `ws` echo server, in the same run.
// Prints one JSON document. Loopback only; it stops by itself.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const require = createRequire(join(repo, 'packages', 'framework', 'package.json'));
const WebSocket = require('ws');

const LEVELS = [
  { connections: 1, messages: 500 },
  { connections: 50, messages: 50 },
  { connections: 200, messages: 20 },
];
const WARM_UP = { connections: 50, messages: 60 };
const IDLE_CONNECTIONS = 1000;
const REPLY_TIMEOUT_MS = 10_000;

const env = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  AWS_ACCESS_KEY_ID: 'wsapp-bench',
  AWS_SECRET_ACCESS_KEY: 'wsapp-bench',
  AWS_REGION: 'us-east-1',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Starts a server process whose output (in a file, so the client never spends time reading it) names its URL. */
async function startServer(name, args, urlPattern) {
  const dir = mkdtempSync(join(tmpdir(), `wsapp-bench-${name}-`));
  const logFile = join(dir, 'out.log');
  const fd = openSync(logFile, 'w');
  const child = spawn(process.execPath, args, { cwd: repo, env, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const deadline = Date.now() + 30_000;
  for (;;) {
    const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
    const match = log.match(urlPattern);
    if (match) return { name, child, url: match[1], logFile, stop: () => stop(child, dir) };
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not start:\n${log}`);
    }
    await sleep(50);
  }
}

async function stop(child, dir) {
  if (child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(10_000)]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
  rmSync(dir, { recursive: true, force: true });
}

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
}

function open(url) {
  return new Promise((resolveOpen, reject) => {
    const socket = new WebSocket(url);
    socket.once('open', () => resolveOpen(socket));
    socket.once('error', reject);
  });
}

/** One connection sends `messages` messages one after another, each waiting for its echo. */
async function converse(socket, id, messages, latencies) {
  let errors = 0;
  for (let i = 0; i < messages; i++) {
    const body = `${id}:${i}`;
    const started = performance.now();
    const reply = await new Promise((resolveReply) => {
      const timer = setTimeout(() => resolveReply(undefined), REPLY_TIMEOUT_MS);
      socket.once('message', (data) => {
        clearTimeout(timer);
        resolveReply(data.toString());
      });
      socket.send(body);
    });
    latencies.push(performance.now() - started);
    if (reply !== body) errors++;
    if (reply === undefined) break;
  }
  return errors;
}

async function level(url, { connections, messages }) {
  const sockets = await Promise.all(Array.from({ length: connections }, () => open(url)));
  const latencies = [];
  const started = performance.now();
  const errors = await Promise.all(sockets.map((socket, id) => converse(socket, id, messages, latencies)));
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(sockets.map((socket) => new Promise((r) => { socket.once('close', r); socket.close(); })));
  latencies.sort((a, b) => a - b);
  const at = (p) => Number(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))].toFixed(2));
  return {
    connections,
    messagesPerConnection: messages,
    echoes: latencies.length,
    errors: errors.reduce((a, b) => a + b, 0),
    echoesPerSecond: Math.round(latencies.length / seconds),
    p50Ms: at(0.5),
    p99Ms: at(0.99),
  };
}

async function idleRss(server) {
  const before = rssMb(server.child.pid);
  const sockets = [];
  for (let i = 0; i < IDLE_CONNECTIONS; i += 100) {
    sockets.push(...(await Promise.all(Array.from({ length: Math.min(100, IDLE_CONNECTIONS - i) }, () => open(server.url)))));
  }
  await sleep(500);
  const after = rssMb(server.child.pid);
  for (const socket of sockets) socket.terminate();
  await sleep(500);
  return { idleConnections: sockets.length, rssBeforeMb: Math.round(before), rssWithIdleMb: Math.round(after) };
}

const bin = join(repo, 'packages', 'cli', 'bin', 'wsapp.js');
if (!existsSync(join(repo, 'packages', 'cli', 'dist', 'cli.js'))) {
  console.error('Build first: npx -y pnpm@10.34.8 build');
  process.exit(1);
}
const startServers = async () => {
  const plainWs = await startServer('plain-ws', [join(here, 'plain-ws-server.mjs')], /PORT (\d+)/);
  plainWs.url = `ws://127.0.0.1:${plainWs.url}`;
  const wsappLocal = await startServer(
    'wsapp-local',
    [bin, 'local', join(repo, 'examples', 'echo-server'), '--port', '0'],
    /WebSocket URL: +(ws:\/\/\S+)/,
  );
  return { plainWs, wsappLocal };
};

const result = { node: process.version, cpus: (await import('node:os')).cpus().length, levels: [], idle: {} };
let servers = await startServers();
try {
  for (const server of Object.values(servers)) await level(server.url, WARM_UP);
  for (const spec of LEVELS) {
    const row = { connections: spec.connections, messagesPerConnection: spec.messages };
    for (const [key, server] of Object.entries(servers)) row[key] = await level(server.url, spec);
    row.wsappLocalShareOfPlainWs = Number((row.wsappLocal.echoesPerSecond / row.plainWs.echoesPerSecond).toFixed(3));
    for (const key of Object.keys(servers)) {
      delete row[key].connections;
      delete row[key].messagesPerConnection;
    }
    result.levels.push(row);
  }
  for (const [key, server] of Object.entries(servers)) result.idle[key] = { rssAfterLoadMb: Math.round(rssMb(server.child.pid)) };
  await Promise.all(Object.values(servers).map((server) => server.stop()));
  // Idle connections on fresh servers: what a developer's machine holds with many open tabs.
  servers = await startServers();
  for (const [key, server] of Object.entries(servers)) Object.assign(result.idle[key], await idleRss(server));
} finally {
  await Promise.all(Object.values(servers).map((server) => server.stop()));
}
console.log(JSON.stringify(result, null, 2));
