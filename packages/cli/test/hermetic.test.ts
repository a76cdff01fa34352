// Tests, benches and scripts read only files inside the repository (fixtures are copied in), so
// a fresh checkout runs them anywhere.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..', '..');
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', '.git', '.ci', 'test-output', 'out']);
const CODE = /\.(ts|mts|cts|js|mjs|cjs|sh)$/;
// The shared folder next to the checkout, by absolute or relative path.
const OUTSIDE = new RegExp(['/work/', 'shared', '|\\.\\./', 'shared\\b'].join(''));

function codeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED_FOLDERS.has(entry.name) ? [] : codeFiles(path);
    return CODE.test(entry.name) ? [path] : [];
  });
}

describe('the tests, benches and scripts of this repository', () => {
  it('read no files from the shared folder outside the checkout', () => {
    const outside = codeFiles(ROOT)
      .filter((file) => OUTSIDE.test(readFileSync(file, 'utf8')))
      .map((file) => relative(ROOT, file));

    expect(outside).toEqual([]);
  });
});
