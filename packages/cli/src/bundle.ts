import { basename, dirname, join } from 'node:path';
import { build, type BuildResult, type Plugin } from 'esbuild';
import { appSourceMap } from './app-source-map';
import { lambdaCredentials } from './lambda-credentials';
import { nodeTarget, type LambdaRuntime } from './runtimes';

/**
 * What {@link bundleApp} bundles and for which runtime.
 *
 * @example
 * ```ts
 * const options: BundleOptions = { entry: '/abs/app/app.ts', runtime: 'nodejs22.x', externalAwsSdk: false };
 * ```
 */
export interface BundleOptions {
  /** The app's TypeScript entry, exporting `app` (and usually `handler`). */
  entry: string;
  /** The Lambda runtime; the bundle targets its Node version (see {@link nodeTarget}). */
  runtime: LambdaRuntime;
  /** Leave `@aws-sdk/*` to the Lambda runtime instead of bundling it. */
  externalAwsSdk: boolean;
}

/**
 * The bundled Lambda code: `app.js` (CommonJS, exporting `handler`) and its source map.
 *
 * @example
 * ```ts
 * const { code, map, inputs } = await bundleApp(options);
 * ```
 */
export interface AppBundle {
  /** The minified `app.js`. */
  code: Uint8Array;
  /**
   * `app.js.map`, covering the app's own sources (the app and the framework, not
   * `node_modules`), with paths relative to the app folder.
   */
  map: Uint8Array;
  /** Every input esbuild put in the bundle, relative to the app folder (as in its metafile). */
  inputs: string[];
}

/** The file name of the bundle inside `deployment.zip`; the functions' handler is `app.handler`. */
export const BUNDLE_FILE = 'app.js';

/**
 * Packages that must never reach Lambda: the local gateway and its server-side dependencies.
 * The framework's root entry does not import them; an import from the app fails the bundle.
 */
const NEVER_BUNDLED = /^(ws|dynalite|@wsapp\/local)(\/.*)?$/;

const refuseLocalOnlyPackages: Plugin = {
  name: 'wsapp-refuse-local-only-packages',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: NEVER_BUNDLED }, (args) => ({
      errors: [
        {
          text:
            `${args.path} is imported by ${args.importer || 'the app'}, but it belongs to the local gateway ` +
            'and cannot run on Lambda; import it only from local scripts and tests',
        },
      ],
    }));
  },
};

/**
 * A tiny entry that re-exports the app's handler as `handler`, whether the app exports
 * `handler` itself, `app`, or a default export holding the app.
 */
function entrySource(entry: string): string {
  const specifier = `./${basename(entry)}`;
  return [
    `import * as entry from ${JSON.stringify(specifier)};`,
    'const app = entry.app ?? entry.default?.app ?? entry.default;',
    'export const handler = entry.handler ?? app.handler;',
    '',
  ].join('\n');
}

/**
 * Bundles an app and its dependencies into one minified CommonJS file with a linked source map
 * of the app's own code, for the runtime's Node version. Bundled AWS SDK clients take their
 * credentials from the environment only, as Lambda gives them ({@link lambdaCredentials}). The output depends only on the input files (paths in the source
 * map are relative to the app's folder), so the same app gives the same bytes.
 *
 * @example
 * ```ts
 * const bundle = await bundleApp({ entry: resolve('app.ts'), runtime: 'nodejs22.x', externalAwsSdk: false });
 * console.log(bundle.code.byteLength);
 * ```
 */
export async function bundleApp(options: BundleOptions): Promise<AppBundle> {
  const appDir = dirname(options.entry);
  let result: BuildResult<{ write: false; metafile: true }>;
  try {
    result = await build({
      stdin: { contents: entrySource(options.entry), resolveDir: appDir, sourcefile: 'wsapp-entry.js', loader: 'js' },
      absWorkingDir: appDir,
      outfile: join(appDir, BUNDLE_FILE),
      write: false,
      bundle: true,
      minify: true,
      sourcemap: 'linked',
      sourcesContent: false,
      legalComments: 'none',
      platform: 'node',
      format: 'cjs',
      target: nodeTarget(options.runtime),
      mainFields: ['module', 'main'],
      external: options.externalAwsSdk ? ['@aws-sdk/*'] : [],
      plugins: [refuseLocalOnlyPackages, lambdaCredentials],
      metafile: true,
      logLevel: 'silent',
      logOverride: { 'import-is-undefined': 'silent' },
    });
  } catch (error) {
    throw new Error(`Cannot bundle ${options.entry}: ${(error as Error).message}`, { cause: error });
  }
  const code = result.outputFiles.find((file) => file.path.endsWith(BUNDLE_FILE));
  const map = result.outputFiles.find((file) => file.path.endsWith(`${BUNDLE_FILE}.map`));
  if (!code || !map) throw new Error(`esbuild produced no ${BUNDLE_FILE} for ${options.entry}`);
  return {
    code: code.contents,
    map: Buffer.from(appSourceMap(map.text)),
    inputs: Object.keys(result.metafile.inputs).sort(),
  };
}
