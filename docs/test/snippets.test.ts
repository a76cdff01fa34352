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

  it('leave region marker lines out of whole-file includes and of nested regions', () => {
    const root = mkdtempSync(join(tmpdir(), 'wsapp-snippets-'));
    mkdirSync(join(root, 'docs'));
    mkdirSync(join(root, 'examples'));
    writeFileSync(
      join(root, 'examples', 'app.ts'),
      'a\n// #region outer\nb\n// #region inner\nc\n// #endregion inner\nd\n// #endregion outer\n',
    );
    writeFileSync(
      join(root, 'README.md'),
      '<!-- include: examples/app.ts -->\n```ts\n```\n<!-- include: examples/app.ts#outer -->\n```ts\n```\n',
    );

    checkSnippets(root, { write: true });

    expect(readFileSync(join(root, 'README.md'), 'utf8')).toBe(
      '<!-- include: examples/app.ts -->\n```ts\na\nb\nc\nd\n```\n<!-- include: examples/app.ts#outer -->\n```ts\nb\nc\nd\n```\n',
    );
  });

  it('fence a source that contains ``` with a longer fence, so the block ends where the source does', () => {
    const root = mkdtempSync(join(tmpdir(), 'wsapp-snippets-'));
    mkdirSync(join(root, 'docs'));
    mkdirSync(join(root, 'examples'));
    writeFileSync(join(root, 'examples', 'app.ts'), '/**\n * ```ts\n * x();\n * ```\n */\nexport const x = 1;\n');
    writeFileSync(join(root, 'README.md'), '<!-- include: examples/app.ts -->\n```ts\n```\nafter\n');

    checkSnippets(root, { write: true });
    checkSnippets(root, { write: true });

    expect(readFileSync(join(root, 'README.md'), 'utf8')).toBe(
      '<!-- include: examples/app.ts -->\n````ts\n/**\n * ```ts\n * x();\n * ```\n */\nexport const x = 1;\n````\nafter\n',
    );
    expect(checkSnippets(root).drifted).toEqual([]);
  });
});
