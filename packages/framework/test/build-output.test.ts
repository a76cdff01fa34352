import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { OUTPUT_FORMATS, outputFiles, sourcesInSeveralOutputs, type OutputFormat } from '../../../scripts/build-output-checks';

const packageRoot = join(__dirname, '..');
const distFolder = join(packageRoot, 'dist');
const formats = Object.keys(OUTPUT_FORMATS) as OutputFormat[];

describe('the build output of @wsapp/framework', () => {
  beforeAll(() => {
    const missing = formats.map((format) => `index${OUTPUT_FORMATS[format]}`).filter((entry) => !existsSync(join(distFolder, entry)));
    if (missing.length > 0) {
      throw new Error(`packages/framework/dist lacks ${missing.join(', ')}: run \`npx -y pnpm@10.34.8 build\` before the tests`);
    }
  });

  // One entry today; the check keeps a second entry from copying the runtime into itself.
  it.each(formats)('compiles each src/ file into one %s output file', (format) => {
    expect(outputFiles(distFolder, format)).toContain(`index${OUTPUT_FORMATS[format]}`);

    expect(sourcesInSeveralOutputs(packageRoot, format)).toEqual([]);
  });
});
