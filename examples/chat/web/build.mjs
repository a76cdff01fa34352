// Builds the chat page: index.html and style.css as they are, src/main.ts bundled by esbuild
// into main.js. Each file is written to a temporary name and renamed, so a server reading the
// folder never sees half a file (and two builds at once do no harm).
// Run: node examples/chat/web/build.mjs [OUT_DIR]   (default: examples/chat/web/dist)
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The folder the page is built into by default. */
export const DEFAULT_OUT_DIR = join(here, 'dist');

// esbuild is a dependency of the CLI (it bundles apps for `wsapp package`); use that copy.
const esbuild = createRequire(join(here, '..', '..', '..', 'packages', 'cli', 'package.json'))('esbuild');

function writeAtomically(file, contents) {
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  writeFileSync(temporary, contents);
  renameSync(temporary, file);
}

/**
 * Builds the chat page into `outDir` and returns its absolute path.
 *
 * @example
 * const dir = await buildChatPage(); // .../examples/chat/web/dist
 */
export async function buildChatPage(outDir = DEFAULT_OUT_DIR) {
  const target = resolve(outDir);
  mkdirSync(target, { recursive: true });
  const bundle = await esbuild.build({
    entryPoints: [join(here, 'src', 'main.ts')],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    sourcemap: 'linked',
    outfile: join(target, 'main.js'),
    write: false,
    logLevel: 'warning',
  });
  for (const output of bundle.outputFiles) writeAtomically(output.path, output.contents);
  for (const name of ['index.html', 'style.css']) writeAtomically(join(target, name), readFileSync(join(here, name)));
  return target;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  console.log(`Built the chat page in ${await buildChatPage(process.argv[2])}`);
}
