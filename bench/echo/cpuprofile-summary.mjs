// Summarises V8 .cpuprofile files (from `node --cpu-prof`, e.g. WSAPP_BENCH_CPU_PROF_DIR=DIR
// node bench/echo/run.mjs): self and inclusive time per function, where the bundled dist code of
// packages/* is mapped back to its src file and line through the dist source maps.
// Usage: node bench/echo/cpuprofile-summary.mjs FILE_OR_DIR... [--top N] [--window FUNCTION] [--under FUNCTION] [--json]
//   --window FUNCTION  count only samples between the first and the last one whose stack contains
//                      FUNCTION (e.g. handleMessage: the load, without start-up and shutdown).
//   --under FUNCTION   count only samples whose stack contains FUNCTION (what it spends its time on).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  if (at === -1) return fallback;
  const [, value] = args.splice(at, 2);
  return value;
};
const top = Number(option('--top', 25));
const windowFunction = option('--window', undefined);
const underFunction = option('--under', undefined);
const asJson = args.includes('--json');
const inputs = args.filter((arg) => arg !== '--json');
if (inputs.length === 0) {
  console.error('usage: node bench/echo/cpuprofile-summary.mjs FILE_OR_DIR... [--top N] [--window FUNCTION] [--json]');
  process.exit(2);
}
const files = inputs.flatMap((input) =>
  statSync(input).isDirectory()
    ? readdirSync(input, { recursive: true }).filter((f) => String(f).endsWith('.cpuprofile')).map((f) => join(input, String(f)))
    : [input],
);

// --- Source maps (dist -> src), decoded once per file. ---
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function decodeMappings(mappings) {
  const lines = [];
  let source = 0;
  let sourceLine = 0;
  for (const line of mappings.split(';')) {
    const segments = [];
    let column = 0;
    for (const segment of line.split(',')) {
      if (!segment) continue;
      const values = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = B64.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += values[0];
      if (values.length >= 4) {
        source += values[1];
        sourceLine += values[2];
        segments.push([column, source, sourceLine]);
      }
    }
    lines.push(segments);
  }
  return lines;
}
const maps = new Map();
function sourceMapFor(file) {
  if (!maps.has(file)) {
    let map;
    const mapFile = `${file}.map`;
    if (existsSync(mapFile)) {
      const raw = JSON.parse(readFileSync(mapFile, 'utf8'));
      map = { sources: raw.sources.map((s) => resolve(dirname(file), s)), lines: decodeMappings(raw.mappings) };
    }
    maps.set(file, map);
  }
  return maps.get(file);
}
/** `packages/local/src/gateway/session.ts:123` for a dist location, else the file as given. */
function locate(url, line, column) {
  if (!url) return '';
  const file = url.startsWith('file://') ? fileURLToPath(url) : url;
  if (!file.startsWith('/')) return file;
  const map = file.includes('/dist/') ? sourceMapFor(file) : undefined;
  const segments = map?.lines[line];
  if (segments?.length) {
    let best = segments[0];
    for (const segment of segments) if (segment[0] <= column) best = segment;
    return `${relative(repo, map.sources[best[1]])}:${best[2] + 1}`;
  }
  const shown = file.includes('/node_modules/.pnpm/') ? file.replace(/.*\/node_modules\/\.pnpm\/[^/]+\/node_modules\//, '') : relative(repo, file);
  // tsx compiles TypeScript it loads (the app, and packages/framework/src through the repo's
  // tsconfig paths) into code whose lines are not the source's: name the file only.
  if (url.includes('tsx-namespace=')) return `${shown} (tsx)`;
  return `${shown}:${line + 1}`;
}
function area(where) {
  if (where.startsWith('packages/local/')) return 'packages/local';
  if (where.startsWith('packages/framework/')) return 'packages/framework';
  if (where.startsWith('packages/cli/')) return 'packages/cli';
  if (where.startsWith('@aws-sdk/')) return '@aws-sdk';
  if (where.startsWith('@smithy/') || where.startsWith('@aws/')) return '@smithy';
  if (where.startsWith('ws/')) return 'ws';
  if (where.startsWith('node:') || where === '') return 'node / V8';
  if (where.startsWith('examples/') || where.startsWith('bench/')) return 'app';
  return 'other';
}

// --- Samples. ---
const summaries = [];
for (const file of files) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const key = new Map();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    const where = locate(url, lineNumber, columnNumber);
    key.set(node.id, { name: functionName || '(anonymous)', where, area: area(where) });
  }
  const stackOf = (id) => {
    const stack = [];
    for (let at = id; at !== undefined; at = parent.get(at)) stack.push(at);
    return stack;
  };
  let first = 0;
  let last = profile.samples.length - 1;
  if (windowFunction) {
    const hits = profile.samples.map((id, i) => (stackOf(id).some((n) => nodes.get(n).callFrame.functionName === windowFunction) ? i : -1)).filter((i) => i >= 0);
    if (hits.length) [first, last] = [hits[0], hits[hits.length - 1]];
  }
  const self = new Map();
  const inclusive = new Map();
  const areas = new Map();
  let total = 0;
  const add = (map, name, ms) => map.set(name, (map.get(name) ?? 0) + ms);
  for (let i = first; i <= last; i++) {
    const ms = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0) / 1000;
    const id = profile.samples[i];
    if (underFunction && !stackOf(id).some((n) => nodes.get(n).callFrame.functionName === underFunction)) continue;
    const leaf = key.get(id);
    total += ms;
    const label = `${leaf.name}  ${leaf.where}`;
    add(self, label, ms);
    add(areas, ['(idle)', '(program)', '(garbage collector)'].includes(leaf.name) ? leaf.name : leaf.area, ms);
    const seen = new Set();
    for (const n of stackOf(id)) {
      const k = key.get(n);
      const l = `${k.name}  ${k.where}`;
      if (!seen.has(l)) {
        seen.add(l);
        add(inclusive, l, ms);
      }
    }
  }
  const idle = areas.get('(idle)') ?? 0;
  const busy = total - idle;
  const pct = (ms) => Number(((100 * ms) / busy).toFixed(1));
  const rank = (map, filter = () => true) =>
    [...map].filter(([label]) => filter(label)).sort((a, b) => b[1] - a[1]).slice(0, top)
      .map(([label, ms]) => ({ ms: Number(ms.toFixed(1)), pctOfBusy: pct(ms), fn: label }));
  const ours = (label) => / packages\/(local|framework)\//.test(label);
  summaries.push({
    file,
    windowMs: Number(total.toFixed(0)),
    busyMs: Number(busy.toFixed(0)),
    idleMs: Number(idle.toFixed(0)),
    byArea: [...areas].filter(([a]) => a !== '(idle)').sort((a, b) => b[1] - a[1]).map(([a, ms]) => ({ area: a, ms: Number(ms.toFixed(1)), pctOfBusy: pct(ms) })),
    topSelf: rank(self, (label) => !label.startsWith('(idle)')),
    topInclusive: rank(inclusive, (label) => !label.startsWith('(root)') && !label.startsWith('(idle)')),
    topSelfInPackages: rank(self, ours),
    topInclusiveInPackages: rank(inclusive, ours),
  });
}

if (asJson) {
  console.log(JSON.stringify(summaries, null, 2));
} else {
  for (const s of summaries) {
    console.log(`\n=== ${s.file}\nwindow ${s.windowMs} ms, busy ${s.busyMs} ms, idle ${s.idleMs} ms`);
    console.log('\nby area (self time, % of busy):');
    for (const a of s.byArea) console.log(`  ${String(a.pctOfBusy).padStart(5)}%  ${a.ms.toFixed(1).padStart(8)} ms  ${a.area}`);
    for (const [title, rows] of [['top self time', s.topSelf], ['top inclusive time', s.topInclusive], ['top self time in packages/local + packages/framework', s.topSelfInPackages], ['top inclusive time in packages/local + packages/framework', s.topInclusiveInPackages]]) {
      console.log(`\n${title}:`);
      for (const r of rows) console.log(`  ${String(r.pctOfBusy).padStart(5)}%  ${r.ms.toFixed(1).padStart(8)} ms  ${r.fn}`);
    }
  }
}
