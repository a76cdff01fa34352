import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { appSourceMap } from '../src/app-source-map';
import { BUNDLE_FILE, bundleApp, type AppBundle } from '../src/bundle';
import { deterministicZip } from '../src/deployment-zip';
import { capturedEvent } from '@wsapp/local/testing';
import { invokeBundle } from './helpers/invoke-bundle';
import { temporaryFolder } from './helpers/temporary-folder';
import { zipEntries } from './helpers/zip-entries';

const messageEvent = (routeKey: string, body: string) => capturedEvent('message', { body, requestContext: { routeKey } });

const ECHO_ENTRY = resolve(__dirname, '..', '..', '..', 'examples', 'echo-server', 'app.ts');
const ROOMS_ENTRY = resolve(__dirname, 'fixtures', 'custom-routes-app', 'app.ts');

/** The distinct package folders of a package among a bundle's inputs. */
function packageRoots(inputs: readonly string[], name: string): Set<string> {
  const marker = `/node_modules/${name}/`;
  return new Set(inputs.filter((input) => input.includes(marker)).map((input) => input.slice(0, input.indexOf(marker) + marker.length)));
}

describe('bundleApp', () => {
  const folder = temporaryFolder('bundle');
  let echo: AppBundle;

  beforeAll(async () => {
    echo = await bundleApp({ entry: ECHO_ENTRY, runtime: 'nodejs22.x', externalAwsSdk: false });
  });
  afterAll(() => folder.remove());

  it('keeps ws, dynalite and the local gateway out of the bundle', () => {
    const forbidden = echo.inputs.filter((input) =>
      /\/node_modules\/(ws|dynalite)\/|framework\/(src|dist)\/local\//.test(input),
    );

    expect(forbidden).toEqual([]);
    expect(Buffer.from(echo.code).toString('utf8')).not.toMatch(/require\("(ws|dynalite|@wsapp\/local)"\)/);
    expect(echo.inputs).toContain('app.ts');
    // The framework comes from its dist, or from its src where a tsconfig `paths` entry maps it there.
    expect(echo.inputs.some((input) => /packages\/framework\/(dist\/index\.js|src\/index\.ts)$/.test(input))).toBe(true);
  });

  it('refuses an app that imports the local gateway, naming the import', async () => {
    const entry = resolve(__dirname, 'fixtures', 'local-import-app', 'app.ts');

    await expect(bundleApp({ entry, runtime: 'nodejs22.x', externalAwsSdk: false })).rejects.toThrow(
      /Cannot bundle .*local-import-app\/app\.ts: [\s\S]*@wsapp\/local is imported by .*app\.ts, but it belongs to the local gateway/,
    );
  });

  it('bundles @aws-sdk/client-apigatewaymanagementapi exactly once', () => {
    expect(packageRoots(echo.inputs, '@aws-sdk/client-apigatewaymanagementapi').size).toBe(1);
  });

  it('leaves @aws-sdk/* to the runtime with externalAwsSdk', async () => {
    const bundle = await bundleApp({ entry: ECHO_ENTRY, runtime: 'nodejs22.x', externalAwsSdk: true });

    expect(bundle.inputs.filter((input) => input.includes('/@aws-sdk/'))).toEqual([]);
    expect(Buffer.from(bundle.code).toString('utf8')).toContain('require("@aws-sdk/client-apigatewaymanagementapi")');
    expect(bundle.code.byteLength).toBeLessThan(echo.code.byteLength / 2);
  });

  it('runs in a fresh Node process and echoes a message through the management API on 127.0.0.1', async () => {
    const path = join(folder.path, 'echo', BUNDLE_FILE);
    mkdirSync(join(folder.path, 'echo'));
    writeFileSync(path, echo.code);

    const { result, requests } = await invokeBundle(path, messageEvent('$default', 'hello'));

    expect(result).toEqual({ statusCode: 200 });
    expect(requests).toEqual([{ method: 'POST', url: '/api/@connections/BFaT_fALIAMCKug%3D', body: 'hello' }]);
  });

  it('takes AWS credentials only from the environment, where Lambda puts them, leaving the rest of the chain out', async () => {
    const chain = echo.inputs.filter((input) => /credential-provider-(node|ini|sso|process|web-identity|login)|nested-clients|credential-provider-imds/.test(input));
    const path = join(folder.path, 'echo-no-credentials', BUNDLE_FILE);
    mkdirSync(join(folder.path, 'echo-no-credentials'));
    writeFileSync(path, echo.code);

    const failed = invokeBundle(path, messageEvent('$default', 'hello'), { env: { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' } });

    await expect(failed).rejects.toThrow(/No AWS credentials in the environment: in Lambda the runtime sets AWS_ACCESS_KEY_ID/);
    expect(chain).toEqual(['wsapp-lambda-credentials:@aws-sdk/credential-provider-node']);
  });

  it("exports the app's handler when the app exports only `app`, and serves two-way custom routes", async () => {
    const bundle = await bundleApp({ entry: ROOMS_ENTRY, runtime: 'nodejs22.x', externalAwsSdk: false });
    const path = join(folder.path, `rooms-${BUNDLE_FILE}`);
    writeFileSync(path, bundle.code);

    const joined = await invokeBundle(path, messageEvent('join-room', '{"type":"join-room"}'));
    const sent = await invokeBundle(path, messageEvent('sendMessage', 'hi'));

    expect(joined.result).toEqual({ statusCode: 200, body: 'joined' });
    expect(sent.requests).toEqual([{ method: 'POST', url: '/api/@connections/BFaT_fALIAMCKug%3D', body: 'hi' }]);
  });

  it('gives byte-identical output for the same app, and a linked source map of the app and framework only', async () => {
    const again = await bundleApp({ entry: ECHO_ENTRY, runtime: 'nodejs22.x', externalAwsSdk: false });
    const map = JSON.parse(Buffer.from(echo.map).toString('utf8')) as { sources: string[] };

    expect(Buffer.compare(Buffer.from(again.code), Buffer.from(echo.code))).toBe(0);
    expect(Buffer.compare(Buffer.from(again.map), Buffer.from(echo.map))).toBe(0);
    expect(Buffer.from(echo.code).toString('utf8')).toMatch(/\/\/# sourceMappingURL=app\.js\.map\s*$/);
    expect(map.sources).toContain('app.ts');
    expect(map.sources).toContain('../../packages/framework/src/app.ts');
    expect(map.sources.filter((source) => source.includes('node_modules'))).toEqual([]);
  });
});

describe('deterministicZip', () => {
  it('gives the same bytes for the same files, sorted, with a fixed timestamp and permissions', async () => {
    const files = [
      { name: 'b.js', data: Buffer.from('b'.repeat(1000)) },
      { name: 'a.js', data: Buffer.from('exports.a = 1;') },
    ];

    const first = await deterministicZip(files);
    const second = await deterministicZip([...files].reverse());
    const entries = zipEntries(first);

    expect(Buffer.compare(first, second)).toBe(0);
    expect(entries.map((entry) => entry.name)).toEqual(['a.js', 'b.js']);
    expect(entries.map((entry) => entry.data.toString())).toEqual(['exports.a = 1;', 'b'.repeat(1000)]);
    for (const entry of entries) {
      expect(entry).toMatchObject({ mode: 0o100644, dosDate: (0 << 9) | (1 << 5) | 1, dosTime: 0, extraLength: 0 });
    }
  });
});

describe('appSourceMap', () => {
  type Segment = [generatedLine: number, generatedColumn: number, source: string, line: number, column: number];
  const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

  function decode(mapJson: string): Segment[] {
    const map = JSON.parse(mapJson) as { sources: string[]; mappings: string };
    const segments: Segment[] = [];
    let source = 0;
    let line = 0;
    let column = 0;
    map.mappings.split(';').forEach((text, generatedLine) => {
      let generatedColumn = 0;
      for (const segment of text.split(',').filter(Boolean)) {
        const values: number[] = [];
        let value = 0;
        let shift = 0;
        for (const char of segment) {
          const digit = BASE64.indexOf(char);
          value += (digit & 31) << shift;
          shift += 5;
          if (!(digit & 32)) {
            values.push(value & 1 ? -(value >>> 1) : value >>> 1);
            value = 0;
            shift = 0;
          }
        }
        generatedColumn += values[0] ?? 0;
        if (values.length < 4) continue;
        source += values[1] ?? 0;
        line += values[2] ?? 0;
        column += values[3] ?? 0;
        segments.push([generatedLine, generatedColumn, map.sources[source] ?? '?', line, column]);
      }
    });
    return segments;
  }

  it('keeps exactly the mappings into sources outside node_modules', async () => {
    const result = await build({
      entryPoints: [ECHO_ENTRY],
      bundle: true,
      minify: true,
      platform: 'node',
      format: 'cjs',
      sourcemap: 'external',
      write: false,
      outfile: join(resolve(ECHO_ENTRY, '..'), 'out.js'),
      logLevel: 'silent',
    });
    const full = result.outputFiles.find((file) => file.path.endsWith('.map'))?.text ?? '';

    const trimmed = appSourceMap(full);

    const expected = decode(full).filter((segment) => !segment[2].includes('node_modules'));
    expect(expected.length).toBeGreaterThan(100);
    expect(decode(trimmed)).toEqual(expected);
  });
});
