// What `wsapp package` produces for the echo example, and what it costs at cold start. Prints JSON:
// - the deployment.zip size with the AWS SDK bundled (target < 150 KB) and with --external-aws-sdk;
// - loading the bundled handler plus its first event (sent to a management API on 127.0.0.1),
//   against a hand-written handler using the same SDK client, bundled the same way, measured in
//   fresh Node processes in one run (target ratio < 1.3).
// Usage: node bench/package/run.mjs [runs]   (build first: npx -y pnpm@10.34.8 build)
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import { capturedMessageEvent } from '../captured-message-event.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const runs = Number(process.argv[2] ?? 15);
const work = mkdtempSync(join(tmpdir(), 'wsapp-bench-package-'));
const env = {
  PATH: process.env.PATH,
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_REGION: 'us-east-1',
  AWS_EC2_METADATA_DISABLED: 'true',
};

/** Runs the real CLI; returns the deployment.zip it wrote. */
function packageEcho(out, extra = []) {
  const cli = join(root, 'packages', 'cli', 'bin', 'wsapp.js');
  const run = spawnSync(process.execPath, [cli, 'package', '--app', join(root, 'examples', 'echo-server'), ...extra, out], {
    env,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`wsapp package failed: ${run.stderr}`);
  return readFileSync(join(out, 'deployment.zip'));
}

/** The bytes of one entry of a zip (stored or deflated). */
function unzipEntry(zip, wanted) {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let offset = zip.readUInt32LE(end + 16);
  for (let i = 0; i < zip.readUInt16LE(end + 10); i++) {
    const nameLength = zip.readUInt16LE(offset + 28);
    const name = zip.toString('utf8', offset + 46, offset + 46 + nameLength);
    if (name === wanted) {
      const local = zip.readUInt32LE(offset + 42);
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const raw = zip.subarray(start, start + zip.readUInt32LE(offset + 20));
      return zip.readUInt16LE(offset + 10) === 8 ? inflateRawSync(raw) : raw;
    }
    offset += 46 + nameLength + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
  }
  throw new Error(`${wanted} is not in the zip`);
}

/** Bundles the hand-written handler with the settings `wsapp package` uses. */
async function bundleHandWritten(outfile) {
  const { build } = createRequire(join(root, 'packages', 'cli', 'package.json'))('esbuild');
  await build({
    entryPoints: [join(here, 'hand-written-handler.mjs')],
    outfile,
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    mainFields: ['module', 'main'],
    nodePaths: [join(root, 'packages', 'framework', 'node_modules')],
    logLevel: 'silent',
  });
}

const event = capturedMessageEvent('hello');

// In a fresh process: require the bundle, handle the first event, print the milliseconds.
const probe = `const { performance } = require('node:perf_hooks');
const start = performance.now();
const { handler } = require(process.argv[1]);
handler(JSON.parse(process.argv[2])).then((result) => {
  if (result.statusCode !== 200) throw new Error('status ' + result.statusCode);
  process.stdout.write(String(performance.now() - start));
});`;

function coldStart(bundle, endpoint) {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, ['-e', probe, bundle, JSON.stringify(event)], {
      env: { ...env, WSAPP_MANAGEMENT_ENDPOINT: endpoint },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('close', (code) => (code === 0 ? resolveRun(Number(out)) : reject(new Error(err))));
  });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round = (value) => Math.round(value * 100) / 100;

try {
  const zip = packageEcho(join(work, 'out'));
  const externalZip = packageEcho(join(work, 'out-external'), ['--external-aws-sdk']);
  const wsappBundle = join(work, 'wsapp-app.js');
  writeFileSync(wsappBundle, unzipEntry(zip, 'app.js'));
  const handBundle = join(work, 'hand-written.js');
  await bundleHandWritten(handBundle);

  let posts = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      posts++;
      response.writeHead(200).end();
    });
  });
  await new Promise((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const endpoint = `http://127.0.0.1:${server.address().port}/api`;

  const wsapp = [];
  const hand = [];
  await coldStart(wsappBundle, endpoint); // warm the file system cache for both
  await coldStart(handBundle, endpoint);
  for (let i = 0; i < runs; i++) {
    // Alternate the order so drift affects both sides alike.
    if (i % 2 === 0) {
      wsapp.push(await coldStart(wsappBundle, endpoint));
      hand.push(await coldStart(handBundle, endpoint));
    } else {
      hand.push(await coldStart(handBundle, endpoint));
      wsapp.push(await coldStart(wsappBundle, endpoint));
    }
  }
  server.close();

  const ratio = median(wsapp) / median(hand);
  console.log(
    JSON.stringify(
      {
        app: 'examples/echo-server',
        deploymentZipBytes: zip.byteLength,
        deploymentZipKB: round(zip.byteLength / 1024),
        deploymentZipTargetKB: 150,
        deploymentZipExternalAwsSdkBytes: externalZip.byteLength,
        bundleBytes: readFileSync(wsappBundle).byteLength,
        handWrittenBundleBytes: readFileSync(handBundle).byteLength,
        runs,
        postsReceived: posts,
        loadAndFirstEventMs: {
          wsappMedian: round(median(wsapp)),
          handWrittenMedian: round(median(hand)),
          wsappMin: round(Math.min(...wsapp)),
          handWrittenMin: round(Math.min(...hand)),
        },
        ratio: round(ratio),
        ratioTarget: 1.3,
        withinTargets: zip.byteLength < 150 * 1024 && ratio < 1.3,
      },
      null,
      2,
    ),
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
