import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  OUTPUT_FORMATS,
  outputFiles,
  packageName,
  packagesLoadedBy,
  sourcesByOutput,
  sourcesInSeveralOutputs,
  type OutputFormat,
} from '../../../scripts/build-output-checks';

const packageRoot = join(__dirname, '..');
const distFolder = join(packageRoot, 'dist');
const formats = Object.keys(OUTPUT_FORMATS) as OutputFormat[];

/** What only the socket server and the embedded DynamoDB need; the test client must load neither. */
const SERVER_ONLY_PACKAGES = ['ws', 'dynalite'];

describe('the build output of @wsapp/local', () => {
  beforeAll(() => {
    const entries = formats.flatMap((format) => ['index', 'testing/index'].map((entry) => `${entry}${OUTPUT_FORMATS[format]}`));
    const missing = entries.filter((entry) => !existsSync(join(distFolder, entry)));
    if (missing.length > 0) {
      throw new Error(`packages/local/dist lacks ${missing.join(', ')}: run \`npx -y pnpm@10.34.8 build\` before the tests`);
    }
  });

  it.each(formats)('compiles each src/ file into one %s output file, so both entries share it', (format) => {
    // Prepare: every output file's map names src/ files, or a copy could hide behind an empty map.
    const sources = sourcesByOutput(packageRoot, format);
    expect(outputFiles(distFolder, format).filter((output) => !sources.get(output)?.length)).toEqual([]);

    // Act
    const duplicated = sourcesInSeveralOutputs(packageRoot, format);

    // Assess: a file listed twice would be two copies of the module, with two copies of its state.
    expect(duplicated).toEqual([]);
  });

  it.each(formats.map((format) => `testing/index${OUTPUT_FORMATS[format]}`))(
    'loads neither ws nor dynalite from the test client entry %s, directly or through its chunks',
    (entry) => {
      const loaded = packagesLoadedBy(distFolder, entry);

      expect(loaded.filter(({ specifier }) => SERVER_ONLY_PACKAGES.includes(packageName(specifier)))).toEqual([]);
      expect(loaded.length).toBeGreaterThan(0); // the walk did read the entry's imports
    },
  );
});
