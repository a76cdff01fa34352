// What `npm install @wsapp/framework` puts on a user's disk. The package is packed with pnpm, as it
// is published, and installed with npm into an empty folder; the tree npm writes is then read.
//
// npm gets a cache folder of its own inside the temporary folder: the result must not depend on
// what the user's cache holds (a stale or half-written entry, or packages an earlier run left).
// It costs a full download each run, a few seconds for this tree. `--ignore-scripts` keeps any
// install script from running: the test reads the manifests instead of executing them, and the
// only network traffic is npm's fetch from the registry.
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = join(__dirname, '..');
const PNPM = ['-y', 'pnpm@10.34.8'];

/** Packages that belong to @wsapp/local and must never come with the Lambda runtime. */
const LOCAL_ONLY_PACKAGES = ['ws', 'dynalite', 'classic-level', '@aws-sdk/client-dynamodb', '@wsapp/local'];
const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall'];
const MAX_NODE_MODULES_BYTES = 20_000_000;

// The environment of a user's shell: no npm or pnpm settings inherited from a `pnpm test` run
// (they point at this repository), no module search path, and the loopback-only AWS variables.
const childEnv: NodeJS.ProcessEnv = {
  ...Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(npm|pnpm)_/i.test(key) && key !== 'NODE_PATH' && key !== 'NODE_OPTIONS'),
  ),
  AWS_ACCESS_KEY_ID: 'wsapp-test',
  AWS_SECRET_ACCESS_KEY: 'wsapp-test',
  AWS_REGION: 'us-east-1',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  FORCE_COLOR: '0',
};

function run(command: string, args: readonly string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, env: childEnv, encoding: 'utf8', timeout: 150_000 });
  if (result.status !== 0) {
    const how = result.error ? result.error.message : `exit ${result.status ?? result.signal}`;
    throw new Error(`\`${command} ${args.join(' ')}\` failed in ${cwd} (${how}):\n${result.stderr}${result.stdout}`);
  }
  return result.stdout;
}

/** Every file under a folder, without following symbolic links. */
function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

/** The installed packages: `node_modules/name` and `node_modules/@scope/name`, nested ones too. */
function installedPackages(nodeModules: string): Array<{ name: string; folder: string }> {
  const folders = readdirSync(nodeModules, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .flatMap((entry) =>
      entry.name.startsWith('@')
        ? readdirSync(join(nodeModules, entry.name), { withFileTypes: true })
            .filter((scoped) => scoped.isDirectory())
            .map((scoped) => ({ name: `${entry.name}/${scoped.name}`, folder: join(nodeModules, entry.name, scoped.name) }))
        : [{ name: entry.name, folder: join(nodeModules, entry.name) }],
    );
  return folders.flatMap((found) => {
    const nested = join(found.folder, 'node_modules');
    return [found, ...(existsSync(nested) ? installedPackages(nested) : [])];
  });
}

describe('installing @wsapp/framework from its packed tarball', () => {
  let temporary: string;
  let app: string;
  let nodeModules: string;
  let packages: Array<{ name: string; folder: string }>;
  let files: string[];

  beforeAll(() => {
    const built = ['dist/index.js', 'dist/index.cjs', 'dist/index.d.ts'].filter((file) => !existsSync(join(packageRoot, file)));
    if (built.length > 0) {
      throw new Error(`packages/framework has no ${built.join(', ')}: run \`npx -y pnpm@10.34.8 build\` before this test`);
    }
    temporary = realpathSync(mkdtempSync(join(tmpdir(), 'wsapp-install-footprint-')));
    app = join(temporary, 'app');
    nodeModules = join(app, 'node_modules');
    mkdirSync(join(temporary, 'pack'));
    mkdirSync(app);

    const startedAt = Date.now();
    run('npx', [...PNPM, 'pack', '--pack-destination', join(temporary, 'pack')], packageRoot);
    const tarballs = readdirSync(join(temporary, 'pack')).filter((file) => file.endsWith('.tgz'));
    if (tarballs.length !== 1) throw new Error(`pnpm pack wrote ${tarballs.length} tarballs to ${join(temporary, 'pack')}, expected one`);
    const packedAt = Date.now();

    // A package.json of its own keeps npm from taking a parent folder as the project.
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'footprint-check', private: true }));
    run(
      'npm',
      [
        'install',
        '--omit=dev',
        '--ignore-scripts',
        '--no-audit',
        '--no-fund',
        '--no-update-notifier',
        '--loglevel=error',
        '--cache',
        join(temporary, 'npm-cache'),
        join(temporary, 'pack', tarballs[0]!),
      ],
      app,
    );
    console.log(`pnpm pack took ${packedAt - startedAt} ms, npm install (empty cache) ${Date.now() - packedAt} ms`);

    packages = installedPackages(nodeModules);
    files = filesUnder(nodeModules);
  }, 180_000);

  afterAll(() => {
    if (temporary) rmSync(temporary, { recursive: true, force: true });
  });

  it('installs none of the local-only packages: ws, dynalite, classic-level, @aws-sdk/client-dynamodb, @wsapp/local', () => {
    const names = packages.map(({ name }) => name);

    expect(names).toEqual(expect.arrayContaining(['@wsapp/framework', '@aws-sdk/client-apigatewaymanagementapi']));
    expect(packages.filter(({ name }) => LOCAL_ONLY_PACKAGES.includes(name)).map(({ folder }) => relative(app, folder))).toEqual([]);
  });

  it('installs no package that runs an install script or builds a native addon', () => {
    const manifests = files.filter((file) => file.endsWith('/package.json'));
    const withInstallScripts = manifests.flatMap((file) => {
      const scripts: Record<string, string> = JSON.parse(readFileSync(file, 'utf8')).scripts ?? {};
      const found = INSTALL_SCRIPTS.filter((script) => script in scripts);
      return found.length > 0 ? [{ manifest: relative(app, file), scripts: found }] : [];
    });

    expect(manifests.length).toBeGreaterThanOrEqual(packages.length);
    expect(withInstallScripts).toEqual([]);
    expect(files.filter((file) => file.endsWith('/binding.gyp')).map((file) => relative(app, file))).toEqual([]);
  });

  it('installs under 20 MB of node_modules', () => {
    // The limit is on the bytes in the files. The disk space they take depends on the file
    // system (whole blocks per small file) and is printed for reference only.
    const stats = files.map((file) => lstatSync(file));
    const bytes = stats.reduce((sum, stat) => sum + stat.size, 0);
    const onDisk = stats.reduce((sum, stat) => sum + stat.blocks * 512, 0);
    const megabytes = (bytes / 1_000_000).toFixed(2);
    console.log(
      `@wsapp/framework installs ${packages.length} packages, ${files.length} files: ` +
        `${megabytes} MB (${bytes} bytes; ${(onDisk / 1_000_000).toFixed(2)} MB of disk blocks here)`,
    );

    expect({ megabytes, packages: packages.length, underLimit: bytes < MAX_NODE_MODULES_BYTES }).toEqual({
      megabytes,
      packages: packages.length,
      underLimit: true,
    });
  });

  it('loads with require and with import, and runs without @wsapp/local', () => {
    const cjs = [
      "const { WsApp } = require('@wsapp/framework');",
      "const app = new WsApp({ name: 'x' });",
      "let local = 'present';",
      "try { require.resolve('@wsapp/local'); } catch (error) { if (error.code !== 'MODULE_NOT_FOUND') throw error; local = 'absent'; }",
      "console.log(JSON.stringify({ name: app.name, handler: typeof app.handler, from: require.resolve('@wsapp/framework'), local }));",
    ].join('\n');
    const esm = [
      "import { WsApp } from '@wsapp/framework';",
      "const app = new WsApp({ name: 'x' });",
      "const local = await import('@wsapp/local').then(() => 'present', (error) => error.code === 'ERR_MODULE_NOT_FOUND' ? 'absent' : Promise.reject(error));",
      "console.log(JSON.stringify({ name: app.name, handler: typeof app.handler, from: import.meta.resolve('@wsapp/framework'), local }));",
    ].join('\n');

    const required = JSON.parse(run(process.execPath, ['-e', cjs], app));
    const imported = JSON.parse(run(process.execPath, ['--input-type=module', '-e', esm], app));

    const installed = join(nodeModules, '@wsapp', 'framework', 'dist');
    expect(required).toEqual({ name: 'x', handler: 'function', from: join(installed, 'index.cjs'), local: 'absent' });
    expect({ ...imported, from: fileURLToPath(imported.from) }).toEqual({
      name: 'x',
      handler: 'function',
      from: join(installed, 'index.js'),
      local: 'absent',
    });
  });
});
