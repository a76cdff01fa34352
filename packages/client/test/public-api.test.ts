import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OUTPUT_FORMATS, type OutputFormat } from '../../../scripts/build-output-checks';
import { anyKeywordsIn, exportsWithoutExample } from '../../../scripts/public-api-checks';
import * as client from '../src';

const packageRoot = join(__dirname, '..');
const distFolder = join(packageRoot, 'dist');
const formats = Object.keys(OUTPUT_FORMATS) as OutputFormat[];

describe('the public API of @wsapp/client', () => {
  beforeAll(() => {
    const missing = ['index.js', 'index.cjs', 'index.d.ts', 'index.d.cts'].filter((file) => !existsSync(join(distFolder, file)));
    if (missing.length > 0) throw new Error(`packages/client/dist lacks ${missing.join(', ')}: run \`npx -y pnpm@10.34.8 build\` before the tests`);
  });

  it('exports createClient and the three error classes, and nothing else at run time', () => {
    expect(Object.keys(client).sort()).toEqual(['HandshakeRefusedError', 'QueueOverflowError', 'ReconnectFailedError', 'createClient']);
  });

  it('documents every export of src/index.ts with TSDoc that has an @example', () => {
    expect(exportsWithoutExample(join(packageRoot, 'src/index.ts'))).toEqual([]);
  });

  it('leaks no `any` into the published type declarations', () => {
    for (const file of ['index.d.ts', 'index.d.cts'].map((name) => join(distFolder, name))) {
      expect({ file, anyAt: anyKeywordsIn(file) }).toEqual({ file, anyAt: [] });
    }
  });

  it.each(formats)('loads no package and no Node.js built-in from its %s build (it runs in browsers)', (format) => {
    const code = readFileSync(join(distFolder, `index${OUTPUT_FORMATS[format]}`), 'utf8');
    // (scripts/build-output-checks' import scanner would take the "from 'ws'" of an error message for an import)
    expect(code.match(/^\s*import\b.*$|\brequire\s*\(.*$|\bimport\s*\(.*$/gm)).toBeNull();
    expect(code.match(/\b(process|Buffer|setImmediate|globalThis\.require)\b/g)).toBeNull();
  });
});
