// Echo benchmark: three servers in the same run, each answering every message with the same text:
//   plainWs         a plain `ws` echo server (the baseline),
//   wsappLocal      `wsapp local` running examples/echo-server (client -> $default handler ->
//                   app.websocketApi.send, which the gateway answers in process -> client),
//   wsappLocalHttp  `wsapp local` running bench/echo/http-echo-app (client -> $default handler ->
//                   a hand-built ApiGatewayManagementApiClient -> PostToConnection over HTTP to
//                   the gateway's @connections endpoint on loopback -> client).
// Then 10,000 idle connections on each server, fresh. Prints one JSON document with a `targets`
// object. Loopback only; it stops by itself.
//   WSAPP_BENCH_CPU_PROF_DIR=DIR  runs the three servers of the load phase with `node --cpu-prof`
//     (one sub-folder per server); summarise with bench/echo/cpuprofile-summary.mjs.
import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync, existsSync, lstatSync, mkdirSync, mkdtempSync, openSync, readFileSync, readlinkSync, realpathSync, rmSync, symlinkSync,
} from 'node:fs';
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
const IDLE_CONNECTIONS = 10_000;
/** Idle connections are opened (and closed) this many at a time. */
const IDLE_BATCH = 250;
const REPLY_TIMEOUT_MS = 10_000;
const CLOSE_TIMEOUT_MS = 10_000;
const CPU_PROF_DIR = process.env.WSAPP_BENCH_CPU_PROF_DIR ? resolve(process.env.WSAPP_BENCH_CPU_PROF_DIR) : undefined;

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
async function startServer(name, args, urlPattern, nodeFlags = []) {
  const dir = mkdtempSync(join(tmpdir(), `wsapp-bench-${name}-`));
  const logFile = join(dir, 'out.log');
  const fd = openSync(logFile, 'w');
  const child = spawn(process.execPath, [...nodeFlags, ...args], { cwd: repo, env, stdio: ['ignore', fd, fd] });
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

/** The server process's resident set (VmRSS) and its peak so far (VmHWM), in MB, from /proc. */
function memoryMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)[1]) / 1024;
  return { rss: field('VmRSS'), peak: field('VmHWM') };
}
const rssMb = (pid) => memoryMb(pid).rss;

/** CPU time (user + system) the process has used so far, in ms, from /proc/PID/stat. */
function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 a second on Linux).
  return (Number(fields[11]) + Number(fields[12])) * 10;
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

/** Closes a socket with 1000 and resolves to whether the close handshake finished in time. */
function closeCleanly(socket) {
  return new Promise((resolveClose) => {
    if (socket.readyState === WebSocket.CLOSED) return resolveClose(false);
    const timer = setTimeout(() => {
      socket.terminate();
      resolveClose(false);
    }, CLOSE_TIMEOUT_MS);
    socket.once('close', (code) => {
      clearTimeout(timer);
      resolveClose(code === 1000);
    });
    socket.close(1000);
  });
}

/** Busy CPU time of the whole machine so far (every core, every process), in ms, from /proc/stat. */
function machineBusyMs() {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  // user nice system idle iowait irq softirq steal: everything but idle and iowait is busy.
  return (ticks.slice(0, 8).reduce((a, b) => a + b, 0) - ticks[3] - ticks[4]) * 10;
}

async function level({ url, child }, { connections, messages }) {
  // A connection that cannot be opened counts as one error per message it would have sent.
  const opened = await Promise.allSettled(Array.from({ length: connections }, () => open(url)));
  const sockets = opened.filter((o) => o.status === 'fulfilled').map((o) => o.value);
  const openErrors = (connections - sockets.length) * messages;
  const latencies = [];
  const serverCpuBefore = cpuMs(child.pid);
  const clientCpuBefore = process.cpuUsage();
  const machineBefore = machineBusyMs();
  const started = performance.now();
  const errors = await Promise.all(sockets.map((socket, id) => converse(socket, id, messages, latencies)));
  const seconds = (performance.now() - started) / 1000;
  const serverCpu = cpuMs(child.pid) - serverCpuBefore;
  const clientCpu = process.cpuUsage(clientCpuBefore);
  const machineCpu = machineBusyMs() - machineBefore;
  const closed = await Promise.all(sockets.map(closeCleanly));
  const closeErrors = closed.filter((clean) => !clean).length;
  latencies.sort((a, b) => a - b);
  const at = (p) => latencies.length === 0 ? null : Number(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))].toFixed(2));
  return {
    connections,
    messagesPerConnection: messages,
    echoes: latencies.length,
    errors: errors.reduce((a, b) => a + b, 0) + openErrors + closeErrors,
    echoesPerSecond: Math.round(latencies.length / seconds),
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    // CPU used while the echoes ran, as a share of one core (coarse: /proc counts 10 ms ticks).
    serverCpuPct: Math.round(serverCpu / (seconds * 10)),
    clientCpuPct: Math.round((clientCpu.user + clientCpu.system) / (seconds * 10_000)),
    // The rest of the machine (every other process, 100 per core): well above 0 means something
    // else was running meanwhile, and the numbers of this level are not to be trusted.
    otherCpuPct: Math.max(0, Math.round((machineCpu - serverCpu) / (seconds * 10) - (clientCpu.user + clientCpu.system) / (seconds * 10_000))),
  };
}

/**
 * Opens IDLE_CONNECTIONS connections to a fresh server, IDLE_BATCH at a time, reads the server's
 * RSS once they are all open, then closes them all cleanly (1000, close handshake), in batches.
 */
async function idleRss(server) {
  const before = rssMb(server.child.pid);
  const sockets = [];
  let openErrors = 0;
  const openStarted = performance.now();
  for (let i = 0; i < IDLE_CONNECTIONS; i += IDLE_BATCH) {
    const batch = await Promise.allSettled(Array.from({ length: Math.min(IDLE_BATCH, IDLE_CONNECTIONS - i) }, () => open(server.url)));
    for (const outcome of batch) {
      if (outcome.status === 'fulfilled') sockets.push(outcome.value);
      else openErrors++;
    }
  }
  const openSeconds = (performance.now() - openStarted) / 1000;
  await sleep(1000);
  const withIdle = memoryMb(server.child.pid);
  // Still open after the wait: the server did not drop any of them.
  const stillOpen = sockets.filter((socket) => socket.readyState === WebSocket.OPEN).length;
  let uncleanCloses = 0;
  const closeStarted = performance.now();
  for (let i = 0; i < sockets.length; i += IDLE_BATCH) {
    const closed = await Promise.all(sockets.slice(i, i + IDLE_BATCH).map(closeCleanly));
    uncleanCloses += closed.filter((clean) => !clean).length;
  }
  const closeSeconds = (performance.now() - closeStarted) / 1000;
  await sleep(500);
  return {
    idleConnections: stillOpen,
    openErrors,
    uncleanCloses,
    opensPerSecond: Math.round(sockets.length / openSeconds),
    closesPerSecond: Math.round(sockets.length / closeSeconds),
    rssBeforeMb: Math.round(before),
    rssWithIdleMb: Math.round(withIdle.rss),
    rssPeakMb: Math.round(withIdle.peak),
    rssAfterCloseMb: Math.round(rssMb(server.child.pid)),
  };
}

/**
 * bench/echo/http-echo-app is no workspace package: link the packages it imports (the SDK client
 * @wsapp/framework uses, and @wsapp/framework) into its node_modules, so tsx resolves them.
 */
function linkHttpEchoApp() {
  const appDir = join(here, 'http-echo-app');
  const sdk = 'client-apigatewaymanagementapi';
  const links = [
    [join(appDir, 'node_modules', '@aws-sdk', sdk), dirname(require.resolve(`@aws-sdk/${sdk}/package.json`))],
    [join(appDir, 'node_modules', '@wsapp', 'framework'), join(repo, 'packages', 'framework')],
  ];
  for (const [link, target] of links) {
    const real = realpathSync(target);
    let current;
    try {
      current = lstatSync(link).isSymbolicLink() ? readlinkSync(link) : 'not a link';
    } catch {
      current = undefined;
    }
    if (current === real) continue;
    if (current !== undefined) rmSync(link, { recursive: true, force: true });
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(real, link, 'dir');
  }
  return appDir;
}

const bin = join(repo, 'packages', 'cli', 'bin', 'wsapp.js');
if (!existsSync(join(repo, 'packages', 'cli', 'dist', 'cli.js'))) {
  console.error('Build first: npx -y pnpm@10.34.8 build');
  process.exit(1);
}
const httpEchoApp = linkHttpEchoApp();
const WSAPP_URL = /WebSocket URL: +(ws:\/\/\S+)/;
/** With `profile` and CPU_PROF_DIR, the servers run under `node --cpu-prof` into CPU_PROF_DIR/{name}. */
const startServers = async ({ profile = false } = {}) => {
  const cpuProf = (name) => {
    if (!profile || !CPU_PROF_DIR) return [];
    mkdirSync(join(CPU_PROF_DIR, name), { recursive: true });
    return ['--cpu-prof', `--cpu-prof-dir=${join(CPU_PROF_DIR, name)}`];
  };
  const plainWs = await startServer('plain-ws', [join(here, 'plain-ws-server.mjs')], /PORT (\d+)/, cpuProf('plain-ws'));
  plainWs.url = `ws://127.0.0.1:${plainWs.url}`;
  const wsappLocal = await startServer('wsapp-local', [bin, 'local', join(repo, 'examples', 'echo-server'), '--port', '0'], WSAPP_URL, cpuProf('wsapp-local'));
  const wsappLocalHttp = await startServer('wsapp-local-http', [bin, 'local', httpEchoApp, '--port', '0'], WSAPP_URL, cpuProf('wsapp-local-http'));
  return { plainWs, wsappLocal, wsappLocalHttp };
};

/**
 * The SDK client alone against a loopback stand-in, at C=50, in a process of its own: the most the
 * HTTP path could do if the gateway cost nothing.
 */
function sdkCeiling(c50) {
  const run = spawnSync(process.execPath, [join(here, 'sdk-ceiling.mjs'), '50', '5000'], { cwd: repo, env, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`sdk-ceiling.mjs failed:\n${run.stderr}`);
  const ceiling = JSON.parse(run.stdout.trim().split('\n').at(-1));
  return { ...ceiling, shareOfPlainWsAtC50: Number((ceiling.postsPerSecond / c50.plainWs.echoesPerSecond).toFixed(3)) };
}

const share = (server, plain) => Number((server.echoesPerSecond / plain.echoesPerSecond).toFixed(3));

/** Each target with its value and whether it is met. */
function targets({ levels, idle }) {
  const c50 = levels.find((row) => row.connections === 50);
  const levelErrors = levels.reduce((sum, row) => sum + row.plainWs.errors + row.wsappLocal.errors + row.wsappLocalHttp.errors, 0);
  const idleErrors = Object.values(idle).reduce((sum, server) => sum + server.openErrors + server.uncleanCloses + (IDLE_CONNECTIONS - server.idleConnections), 0);
  const list = {
    inProcessShareAtC50: { target: 'wsappLocal echoes/s >= 0.50 of plainWs at C=50', value: c50.wsappLocalShareOfPlainWs, met: c50.wsappLocalShareOfPlainWs >= 0.5 },
    inProcessP99AtC50Ms: { target: 'wsappLocal p99 < 50 ms at C=50', value: c50.wsappLocal.p99Ms, met: c50.wsappLocal.p99Ms !== null && c50.wsappLocal.p99Ms < 50 },
    httpShareAtC50: {
      target: 'wsappLocalHttp echoes/s >= 0.20 of plainWs at C=50',
      value: c50.wsappLocalHttpShareOfPlainWs,
      met: c50.wsappLocalHttpShareOfPlainWs >= 0.2,
      // What the SDK client alone reaches against a stand-in that answers at once.
      sdkCeilingShare: result.sdkCeiling?.shareOfPlainWsAtC50,
    },
    zeroErrors: {
      target: '0 errors on every server at every level and in the idle runs (failed opens, wrong or missing echoes, dropped or unclean closes)',
      value: levelErrors + idleErrors,
      met: levelErrors + idleErrors === 0,
    },
    idle10kUnder400Mb: {
      target: `${IDLE_CONNECTIONS} idle connections on a fresh wsapp local (examples/echo-server) under 400 MB RSS`,
      value: idle.wsappLocal.rssWithIdleMb,
      idleConnections: idle.wsappLocal.idleConnections,
      met: idle.wsappLocal.idleConnections === IDLE_CONNECTIONS && idle.wsappLocal.rssWithIdleMb < 400,
    },
  };
  return { allMet: Object.values(list).every((t) => t.met), ...list };
}

const os = await import('node:os');
const result = { node: process.version, cpus: os.cpus().length, loadAverageAtStart: os.loadavg().map((l) => Number(l.toFixed(2))), levels: [], idle: {} };
if (CPU_PROF_DIR) result.cpuProfileDir = CPU_PROF_DIR;
let servers = await startServers({ profile: true });
try {
  for (const server of Object.values(servers)) await level(server, WARM_UP);
  for (const spec of LEVELS) {
    const row = { connections: spec.connections, messagesPerConnection: spec.messages };
    for (const [key, server] of Object.entries(servers)) row[key] = await level(server, spec);
    row.wsappLocalShareOfPlainWs = share(row.wsappLocal, row.plainWs);
    row.wsappLocalHttpShareOfPlainWs = share(row.wsappLocalHttp, row.plainWs);
    for (const key of Object.keys(servers)) {
      delete row[key].connections;
      delete row[key].messagesPerConnection;
    }
    result.levels.push(row);
  }
  for (const [key, server] of Object.entries(servers)) result.idle[key] = { rssAfterLoadMb: Math.round(rssMb(server.child.pid)) };
  result.sdkCeiling = sdkCeiling(result.levels.find((row) => row.connections === 50));
  await Promise.all(Object.values(servers).map((server) => server.stop()));
  // Idle connections on fresh servers: what a developer's machine holds with many open tabs.
  servers = await startServers();
  for (const [key, server] of Object.entries(servers)) Object.assign(result.idle[key], await idleRss(server));
} finally {
  await Promise.all(Object.values(servers).map((server) => server.stop()));
}
result.targets = targets(result);
console.log(JSON.stringify(result, null, 2));
