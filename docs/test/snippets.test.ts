import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkSnippets } from './snippets';

const repoRoot = join(__dirname, '..', '..');

describe('docs code blocks', () => {
  it('match the source files they are included from', () => {
    const { count, drifted } = checkSnippets(repoRoot);
    expect(count).toBeGreaterThan(0);
    expect(drifted).toEqual([]);
  });

  it('report a block that drifted from its source, and rewrite it on request', () => {
    // Prepare: a tiny repository with one doc that includes a region of one source file.
    const root = mkdtempSync(join(tmpdir(), 'wsapp-snippets-'));
    mkdirSync(join(root, 'docs'));
    mkdirSync(join(root, 'examples'));
    writeFileSync(join(root, 'examples', 'app.ts'), 'a\n  // #region part\n  const x = 1;\n  // #endregion\n');
    writeFileSync(join(root, 'README.md'), '# r\n<!-- include: examples/app.ts#part -->\n```ts\nconst x = 2;\n```\n');

    // Act and assess
    expect(checkSnippets(root).drifted).toEqual(['README.md: block from examples/app.ts#part']);
    checkSnippets(root, { write: true });
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain('```ts\nconst x = 1;\n```');
    expect(checkSnippets(root).drifted).toEqual([]);
  });
});
