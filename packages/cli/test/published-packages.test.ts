// The four published packages as a registry would get them: each is packed with pnpm, as it is
// published (pnpm rewrites `workspace:` ranges at pack time), and the tarball is what is checked.
//
// - publint (pinned in the root package.json) lints each tarball's package.json against its files;
//   `--strict` makes warnings fail too, and a clean run prints "All good!" (no suggestions either).
// - attw, "Are the types wrong?" (also pinned), resolves every entry point under node10,
//   node16 from CJS, node16 from ESM and bundler, with the default `strict` profile: the packages
//   ship ESM and CJS, and node10 is covered too (`typesVersions` maps `@wsapp/local/testing`).
//   @wsapp/cli is a command only (a `bin`, no importable entry), so attw finds no types to check.
// - The packed package.json of each has no `workspace:` range left, and ranges on sibling packages
//   are satisfied by the sibling's version.
// - A consumer project installs the four tarballs with npm and type-checks a file that imports
//   every entry with `--lib es2020 --skipLibCheck false`, under node10, node16 (ESM and CJS) and
//   bundler resolution: the declarations must need nothing from a lib newer than ES2020.
//   `--types node` stays: the AWS SDK's own declarations need @types/node.
//
// npm gets a cache folder of its own inside the temporary folder and `--ignore-scripts`, as in
// packages/framework/test/install-footprint.test.ts.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const PNPM = ['-y', 'pnpm@10.34.8'];
/** The repository URL every package's metadata and README points at. */
const REPOSITORY = 'https://github.com/wsapp/wsapp';
const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;

interface Published {
  name: string;
  /** The folder under packages/. */
  dir: string;
  /** Files that `pnpm build` writes and the tarball must hold. */
  built: string[];
  /** The entry points attw must resolve in every mode (empty: a command-only package). */
  entrypoints: string[];
}

const PACKAGES: Published[] = [
  { name: '@wsapp/framework', dir: 'framework', built: ['dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/index.d.cts'], entrypoints: ['.', './package.json'] },
  {
    name: '@wsapp/local',
    dir: 'local',
    built: ['dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/testing/index.js', 'dist/testing/index.cjs', 'dist/testing/index.d.ts'],
    entrypoints: ['.', './testing', './package.json'],
  },
  { name: '@wsapp/client', dir: 'client', built: ['dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/index.d.cts'], entrypoints: ['.', './package.json'] },
  { name: '@wsapp/cli', dir: 'cli', built: ['bin/wsapp.js', 'dist/cli.js'], entrypoints: [] },
];

// A user's shell: no npm or pnpm settings inherited from a `pnpm test` run, no module search path.
const childEnv: NodeJS.ProcessEnv = {
  ...Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(npm|pnpm)_/i.test(key) && key !== 'NODE_PATH' && key !== 'NODE_OPTIONS'),
  ),
  FORCE_COLOR: '0',
  NO_COLOR: '1',
};

interface RunResult {
  status: number | null;
  output: string;
}

function run(command: string, args: readonly string[], cwd: string): RunResult {
  const result = spawnSync(command, args, { cwd, env: childEnv, encoding: 'utf8', timeout: 150_000, maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw new Error(`\`${command} ${args.join(' ')}\` could not run in ${cwd}: ${result.error.message}`);
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function runOk(command: string, args: readonly string[], cwd: string): string {
  const result = run(command, args, cwd);
  if (result.status !== 0) throw new Error(`\`${command} ${args.join(' ')}\` failed in ${cwd} (exit ${result.status}):\n${result.output}`);
  return result.output;
}

/** The script a root devDependency's `bin` names, run with this Node. */
function binOf(packageName: string, binName: string): string {
  const folder = join(root, 'node_modules', packageName);
  const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { bin: string | Record<string, string> };
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin[binName];
  if (!bin) throw new Error(`${packageName} has no bin ${binName}: run \`npx -y pnpm@10.34.8 install\``);
  return join(folder, bin);
}

type Manifest = Record<string, unknown> & Partial<Record<(typeof DEPENDENCY_FIELDS)[number], Record<string, string>>>;

interface Packed {
  tarball: string;
  /** The unpacked tarball's `package/` folder. */
  folder: string;
  files: string[];
  manifest: Manifest;
}

function filesUnder(folder: string, prefix = ''): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(folder, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  );
}

/** A range on a sibling that its version satisfies: the version itself, `^version` or `~version`. */
function satisfiedBy(range: string, version: string): boolean {
  return range === version || range === `^${version}` || range === `~${version}`;
}

describe('the published packages, packed with pnpm', () => {
  let temporary: string;
  const packed = new Map<string, Packed>();
  const rootLicense = readFileSync(join(root, 'LICENSE'), 'utf8');

  beforeAll(() => {
    const missing = PACKAGES.flatMap((pkg) => pkg.built.map((file) => join('packages', pkg.dir, file))).filter((file) => !existsSync(join(root, file)));
    if (missing.length > 0) throw new Error(`missing ${missing.join(', ')}: run \`npx -y pnpm@10.34.8 build\` before this test`);
    temporary = realpathSync(mkdtempSync(join(tmpdir(), 'wsapp-published-')));
    for (const pkg of PACKAGES) {
      const destination = join(temporary, 'pack', pkg.dir);
      mkdirSync(destination, { recursive: true });
      runOk('npx', [...PNPM, 'pack', '--pack-destination', destination], join(root, 'packages', pkg.dir));
      const tarballs = readdirSync(destination).filter((file) => file.endsWith('.tgz'));
      if (tarballs.length !== 1) throw new Error(`pnpm pack wrote ${tarballs.length} tarballs to ${destination}, expected one`);
      const tarball = join(destination, tarballs[0]!);
      const unpacked = join(temporary, 'unpacked', pkg.dir);
      mkdirSync(unpacked, { recursive: true });
      runOk('tar', ['-xzf', tarball, '-C', unpacked], temporary);
      const folder = join(unpacked, 'package');
      packed.set(pkg.name, {
        tarball,
        folder,
        files: filesUnder(folder).sort(),
        manifest: JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as Manifest,
      });
    }
  }, 180_000);

  afterAll(() => {
    if (temporary) rmSync(temporary, { recursive: true, force: true });
  });

  const packedOf = (name: string): Packed => {
    const found = packed.get(name);
    if (!found) throw new Error(`${name} was not packed (see the beforeAll error)`);
    return found;
  };

  it('the root LICENSE is the Apache License 2.0, as every package.json says', () => {
    expect(rootLicense).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004\s+http:\/\/www\.apache\.org\/licenses\/\s+TERMS AND CONDITIONS/);
    expect(rootLicense).toContain('END OF TERMS AND CONDITIONS');
  });

  describe.each(PACKAGES)('$name', (pkg) => {
    it('holds its build, README.md and the LICENSE (the same text as the root LICENSE)', () => {
      const { files, folder } = packedOf(pkg.name);
      expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE', ...pkg.built]));
      expect(readFileSync(join(folder, 'LICENSE'), 'utf8')).toBe(rootLicense);
      expect(readFileSync(join(root, 'packages', pkg.dir, 'LICENSE'), 'utf8')).toBe(rootLicense);
      expect(readFileSync(join(folder, 'README.md'), 'utf8')).toBe(readFileSync(join(root, 'packages', pkg.dir, 'README.md'), 'utf8'));
    });

    it('has the metadata a registry page and an installer read', () => {
      const { manifest } = packedOf(pkg.name);
      expect(manifest).toMatchObject({
        name: pkg.name,
        license: 'Apache-2.0',
        engines: { node: '>=20' },
        repository: { type: 'git', url: `git+${REPOSITORY}.git`, directory: `packages/${pkg.dir}` },
        homepage: `${REPOSITORY}/tree/main/packages/${pkg.dir}#readme`,
      });
      expect(manifest.files).toEqual(expect.arrayContaining(['README.md', 'LICENSE']));
      const readme = readFileSync(join(packedOf(pkg.name).folder, 'README.md'), 'utf8');
      expect(readme).toMatch(new RegExp(`^# ${pkg.name.replace('/', '\\/')}\\n`));
      expect(readme).toContain(`${REPOSITORY}/blob/main/docs/README.md`);
      expect(readme).toContain(`npm install`);
    });

    it('keeps no workspace: range, and its ranges on sibling packages take their versions', () => {
      const { manifest } = packedOf(pkg.name);
      const ranges = DEPENDENCY_FIELDS.flatMap((field) => Object.entries(manifest[field] ?? {}).map(([name, range]) => ({ field, name, range })));
      expect(ranges.filter(({ range }) => range.startsWith('workspace:'))).toEqual([]);
      for (const { field, name, range } of ranges) {
        const sibling = PACKAGES.find((other) => other.name === name);
        if (!sibling) continue;
        const version = packedOf(sibling.name).manifest.version as string;
        expect({ field, name, range, satisfied: satisfiedBy(range, version) }).toEqual({ field, name, range, satisfied: true });
      }
    });

    it('passes publint --strict with nothing to say', () => {
      const result = run(process.execPath, [binOf('publint', 'publint'), 'run', '--strict', packedOf(pkg.name).tarball], temporary);
      expect({ status: result.status, output: result.output }).toEqual({ status: 0, output: expect.stringContaining('All good!') });
      expect(result.output).not.toMatch(/Suggestions:|Warnings:|Errors:/);
    });

    it('passes attw (strict profile) with every entry point typed in every resolution mode', () => {
      const result = run(process.execPath, [binOf('@arethetypeswrong/cli', 'attw'), '--format', 'json', '--profile', 'strict', packedOf(pkg.name).tarball], temporary);
      const report = JSON.parse(result.output) as {
        analysis: { types: false | { kind: string }; problems?: unknown[]; entrypoints?: Record<string, { resolutions: Record<string, { resolution?: { fileName: string } }> }> };
      };
      expect(result.status).toBe(0);
      if (pkg.entrypoints.length === 0) {
        // A command only: nothing to import, so nothing for attw to check.
        expect(report.analysis.types).toBe(false);
        expect(packedOf(pkg.name).manifest).not.toHaveProperty('exports');
        expect(packedOf(pkg.name).manifest).not.toHaveProperty('main');
        return;
      }
      expect(report.analysis.problems).toEqual([]);
      const entrypoints = report.analysis.entrypoints ?? {};
      expect(Object.keys(entrypoints).sort()).toEqual([...pkg.entrypoints].sort());
      const resolved = Object.fromEntries(
        Object.entries(entrypoints).map(([subpath, entry]) => [
          subpath,
          Object.fromEntries(Object.entries(entry.resolutions).map(([mode, found]) => [mode, found.resolution?.fileName !== undefined])),
        ]),
      );
      const everywhere = { node10: true, 'node16-cjs': true, 'node16-esm': true, bundler: true };
      expect(resolved).toEqual(Object.fromEntries(pkg.entrypoints.map((subpath) => [subpath, everywhere])));
    });
  });

  describe('a consumer that installs the four tarballs', () => {
    let consumer: string;
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const source = [
      "import { WebsocketDisconnectedError, WsApp } from '@wsapp/framework';",
      "import { DataFolderError, startLocalGateway } from '@wsapp/local';",
      "import { createTestClient } from '@wsapp/local/testing';",
      "import { createClient, HandshakeRefusedError } from '@wsapp/client';",
      '',
      "export const app = new WsApp({ name: 'consumer' }).heartbeat();",
      "export const wsClient = () => createClient<typeof app>('ws://127.0.0.1:8000/api');",
      'export const client = createTestClient(app);',
      'export const start = () => startLocalGateway(app, { port: 0 });',
      'export const errors = [WebsocketDisconnectedError, DataFolderError, HandshakeRefusedError];',
      '',
    ].join('\n');

    beforeAll(() => {
      consumer = join(temporary, 'consumer');
      mkdirSync(consumer);
      // A package.json of its own keeps npm from taking a parent folder as the project.
      writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'types-consumer', private: true }));
      for (const file of ['consumer.ts', 'consumer.mts', 'consumer.cts']) writeFileSync(join(consumer, file), source);
      // The @types/node this repository builds with.
      const typesNode = (JSON.parse(readFileSync(join(root, 'node_modules', '@types', 'node', 'package.json'), 'utf8')) as { version: string }).version;
      runOk(
        'npm',
        [
          'install',
          '--ignore-scripts',
          '--no-audit',
          '--no-fund',
          '--no-update-notifier',
          '--loglevel=error',
          '--cache',
          join(temporary, 'npm-cache'),
          ...PACKAGES.map((pkg) => packedOf(pkg.name).tarball),
          `@types/node@${typesNode}`,
        ],
        consumer,
      );
    }, 180_000);

    it.each([
      { resolution: 'node10', module: 'commonjs', file: 'consumer.ts' },
      { resolution: 'node16', module: 'node16', file: 'consumer.mts' },
      { resolution: 'node16', module: 'node16', file: 'consumer.cts' },
      { resolution: 'bundler', module: 'esnext', file: 'consumer.ts' },
    ])('type-checks with --lib es2020 --skipLibCheck false under $resolution ($file)', ({ resolution, module, file }) => {
      const args = ['--noEmit', '--strict', '--target', 'es2020', '--lib', 'es2020', '--types', 'node', '--skipLibCheck', 'false'];
      const result = run(process.execPath, [tsc, ...args, '--module', module, '--moduleResolution', resolution, file], consumer);
      expect({ status: result.status, output: result.output.trim() }).toEqual({ status: 0, output: '' });
    }, 60_000);
  });
});
