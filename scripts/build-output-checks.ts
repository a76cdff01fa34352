// Checks shared by each package's build-output test. They read what tsup wrote to dist/: the
// source maps say which src/ files went into which output file, and the import statements say
// which packages an entry loads.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** The two formats tsup writes: ESM as `.js`, CommonJS as `.cjs`. */
export const OUTPUT_FORMATS = { esm: '.js', cjs: '.cjs' } as const;
export type OutputFormat = keyof typeof OUTPUT_FORMATS;

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

/** The output files of one format in a dist folder, relative to it (`index.js`, `chunk-ABC.js`). */
export function outputFiles(distFolder: string, format: OutputFormat): string[] {
  const extension = OUTPUT_FORMATS[format];
  return filesUnder(distFolder)
    .filter((file) => file.endsWith(extension))
    .map((file) => relative(distFolder, file))
    .sort();
}

/**
 * For each output file of one format, the package's own `src/` files its source map lists
 * (relative to the package root). The CommonJS maps also list the output file itself; that and
 * anything outside `src/` is left out.
 */
export function sourcesByOutput(packageRoot: string, format: OutputFormat): Map<string, string[]> {
  const distFolder = join(packageRoot, 'dist');
  const srcFolder = join(packageRoot, 'src') + sep;
  const result = new Map<string, string[]>();
  for (const output of outputFiles(distFolder, format)) {
    const mapFile = join(distFolder, `${output}.map`);
    if (!existsSync(mapFile)) throw new Error(`No source map for ${output}: expected ${mapFile} (is tsup's sourcemap on?)`);
    const map = JSON.parse(readFileSync(mapFile, 'utf8')) as { sources: string[]; sourceRoot?: string };
    const sources = map.sources
      .map((source) => resolve(dirname(mapFile), map.sourceRoot ?? '', source))
      .filter((source) => source.startsWith(srcFolder))
      .map((source) => relative(packageRoot, source));
    result.set(output, sources);
  }
  return result;
}

/** Every `src/` file compiled into more than one output file of a format, with those files. */
export function sourcesInSeveralOutputs(packageRoot: string, format: OutputFormat): Array<{ source: string; outputs: string[] }> {
  const outputsBySource = new Map<string, string[]>();
  for (const [output, sources] of sourcesByOutput(packageRoot, format)) {
    for (const source of sources) outputsBySource.set(source, [...(outputsBySource.get(source) ?? []), output]);
  }
  return [...outputsBySource]
    .filter(([, outputs]) => outputs.length > 1)
    .map(([source, outputs]) => ({ source, outputs }));
}

// esbuild's output spells imports in a few fixed ways; `require` also matches its `__require` shim.
const SPECIFIER_PATTERNS = [
  /\bfrom\s*["']([^"']+)["']/g,
  /\bimport\s*["']([^"']+)["']/g,
  /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
  /require\s*\(\s*["']([^"']+)["']\s*\)/g,
];

/** The module specifiers an output file imports or requires, in order of appearance. */
export function importedSpecifiers(file: string): string[] {
  const code = readFileSync(file, 'utf8');
  return SPECIFIER_PATTERNS.flatMap((pattern) =>
    [...code.matchAll(pattern)].map((match) => ({ at: match.index, specifier: match[1]! })),
  )
    .sort((a, b) => a.at - b.at)
    .map(({ specifier }) => specifier);
}

/**
 * The packages (bare specifiers) an entry file loads, directly or through the relative chunks it
 * imports, each with the chain of files that leads to it (`testing/index.js -> chunk-ABC.js`).
 */
export function packagesLoadedBy(distFolder: string, entry: string): Array<{ specifier: string; via: string }> {
  const found: Array<{ specifier: string; via: string }> = [];
  const visited = new Set<string>();
  const visit = (file: string, chain: string[]): void => {
    if (visited.has(file)) return;
    visited.add(file);
    const path = join(distFolder, file);
    if (!existsSync(path)) throw new Error(`${chain.join(' -> ')} imports ${file}, which is not in ${distFolder}`);
    const via = [...chain, file];
    for (const specifier of importedSpecifiers(path)) {
      if (specifier.startsWith('.')) visit(relative(distFolder, resolve(dirname(path), specifier)), via);
      else found.push({ specifier, via: via.join(' -> ') });
    }
  };
  visit(entry, []);
  return found;
}

/** The package a bare specifier names: `ws` for `ws/lib/x`, `@aws-sdk/client-s3` for itself. */
export function packageName(specifier: string): string {
  const parts = specifier.replace(/^node:/, '').split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}
