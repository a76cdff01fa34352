import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';

/**
 * Docs code blocks come from files that compile. A block is tied to its source by a marker line
 * right above it: `<!-- include: examples/echo-server/app.ts -->`, or `<!-- include: FILE#NAME -->`
 * for the lines between `// #region NAME` and `// #endregion [NAME]` in FILE (dedented). Marker lines
 * themselves are left out of both.
 */
const MARKER = /^<!-- include: ([^#\s]+)(?:#([\w-]+))? -->\n(`{3,})(\w*)\n([\s\S]*?)^\3$/gm;

/** A fence longer than any run of backticks in `text` (sources may hold ``` in their TSDoc). */
function fenceFor(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  return '`'.repeat(Math.max(3, longest + 1));
}

/**
 * Markdown files that may hold snippets: the root README, everything under docs/ and examples/, and
 * each package's README (the page its registry shows).
 */
export function markdownFiles(root: string): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) return [];
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return walk(path);
      return extname(name) === '.md' ? [path] : [];
    });
  const packagesDir = join(root, 'packages');
  const packageReadmes = existsSync(packagesDir)
    ? readdirSync(packagesDir)
        .sort()
        .map((name) => join(packagesDir, name, 'README.md'))
        .filter((path) => existsSync(path))
    : [];
  return [join(root, 'README.md'), ...walk(join(root, 'docs')), ...walk(join(root, 'examples')), ...packageReadmes];
}

function dedent(text: string): string {
  const lines = text.split('\n');
  const indent = Math.min(...lines.filter((line) => line.trim()).map((line) => /^ */.exec(line)![0].length));
  return lines.map((line) => line.slice(indent)).join('\n');
}

/** Region marker lines are never shown: a whole-file include and a region both leave them out. */
function withoutMarkers(text: string): string {
  return text.replace(/^[ \t]*\/\/ #(?:end)?region\b.*\n/gm, '');
}

/** The text a marked block must show: the whole file, or one region of it. */
export function snippetSource(root: string, file: string, region?: string): string {
  const text = readFileSync(join(root, file), 'utf8');
  if (!region) return withoutMarkers(text.endsWith('\n') ? text : `${text}\n`);
  const match = new RegExp(`// #region ${region}\\n([\\s\\S]*?)\\n[ \\t]*// #endregion ${region}\\b`).exec(text)
    ?? new RegExp(`// #region ${region}\\n([\\s\\S]*?)\\n[ \\t]*// #endregion`).exec(text);
  if (!match) throw new Error(`${file} has no region "${region}" (// #region ${region} ... // #endregion)`);
  return dedent(withoutMarkers(`${match[1]!}\n`));
}

/** Lists the marked blocks whose text differs from their source; with `write`, rewrites them. */
export function checkSnippets(root: string, options: { write?: boolean } = {}): { count: number; drifted: string[] } {
  const drifted: string[] = [];
  let count = 0;
  for (const mdFile of markdownFiles(root)) {
    const original = readFileSync(mdFile, 'utf8');
    const updated = original.replace(
      MARKER,
      (_whole, file: string, region: string | undefined, fence: string, lang: string, body: string) => {
        count += 1;
        const source = snippetSource(root, file, region);
        const ref = `${file}${region ? `#${region}` : ''}`;
        const wanted = fenceFor(source);
        if (source !== body || fence !== wanted) drifted.push(`${relative(root, mdFile)}: block from ${ref}`);
        return `<!-- include: ${ref} -->\n${wanted}${lang}\n${source}${wanted}`;
      },
    );
    if (options.write && updated !== original) writeFileSync(mdFile, updated);
  }
  return { count, drifted };
}
