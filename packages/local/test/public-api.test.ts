import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { anyKeywordsIn, exportsWithoutExample } from '../../../scripts/public-api-checks';

const packageRoot = join(__dirname, '..');

describe('the public API of @wsapp/local', () => {
  it.each(['src/index.ts', 'src/testing/index.ts'])('documents every export of %s with TSDoc that has an @example', (entry) => {
    expect(exportsWithoutExample(join(packageRoot, entry))).toEqual([]);
  });

  it('leaks no `any` into the published type declarations', () => {
    const declarationFiles = ['dist/index.d.ts', 'dist/testing/index.d.ts'].map((file) => join(packageRoot, file));
    expect(declarationFiles.filter((file) => !existsSync(file))).toEqual([]); // built by `pnpm build`
    for (const file of declarationFiles) expect({ file, anyAt: anyKeywordsIn(file) }).toEqual({ file, anyAt: [] });
  });
});
