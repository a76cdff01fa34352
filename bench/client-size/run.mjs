// The browser cost of @wsapp/client: its ESM entry (packages/client/dist/index.js, every
// export kept) bundled for browsers by esbuild, minified, then gzipped (level 9), against a
// hand-written reconnecting wrapper (hand-written-client.mjs) bundled the same way, in one run.
// Prints JSON; the target is under 5 KB (5120 bytes) minified + gzipped.
// Usage: node bench/client-size/run.mjs   (build first: npx -y pnpm@10.34.8 --filter @wsapp/client build)
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const LIMIT_BYTES = 5120;

// esbuild is a dependency of the CLI (it bundles apps for `wsapp package`); use that copy.
const { build } = createRequire(join(root, 'packages', 'cli', 'package.json'))('esbuild');

/** Bundles, minifies and gzips one ESM entry; returns its sizes in bytes. */
async function sizeOf(entry) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  return { minifiedBytes: code.byteLength, gzipBytes: gzipSync(code, { level: 9 }).byteLength };
}

const clientEntry = join(root, 'packages', 'client', 'dist', 'index.js');
if (!existsSync(clientEntry)) throw new Error(`${clientEntry} is missing: run \`npx -y pnpm@10.34.8 --filter @wsapp/client build\` first`);

const client = await sizeOf(clientEntry);
const handWritten = await sizeOf(join(here, 'hand-written-client.mjs'));
console.log(
  JSON.stringify(
    {
      entry: 'packages/client/dist/index.js',
      ...client,
      limitBytes: LIMIT_BYTES,
      withinLimit: client.gzipBytes < LIMIT_BYTES,
      baseline: { entry: 'bench/client-size/hand-written-client.mjs', ...handWritten },
      gzipRatioToBaseline: Math.round((client.gzipBytes / handWritten.gzipBytes) * 100) / 100,
    },
    null,
    2,
  ),
);
