import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/cjs/api';
import { tsImport } from 'tsx/esm/api';
import type { WsApp } from '@wsapp/framework';
import { moduleFormatOf } from './module-format';

/**
 * Where an app lives: its folder and its TypeScript entry file.
 *
 * @example
 * ```ts
 * const location = resolveAppEntry('examples/chat'); // { appDir: '/abs/examples/chat', entry: '/abs/examples/chat/app.ts' }
 * ```
 */
export interface AppLocation {
  appDir: string;
  entry: string;
}

/**
 * Resolves an app folder and optional entry (default `APP_DIR/app.ts`) to absolute paths,
 * with an error that names what is missing.
 *
 * @example
 * ```ts
 * resolveAppEntry('.', 'src/app.ts');
 * ```
 */
export function resolveAppEntry(appDir = '.', entry?: string): AppLocation {
  const dir = resolve(appDir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new Error(`Cannot find app folder: ${appDir} (resolved to ${dir})`);
  }
  const file = resolve(dir, entry ?? 'app.ts');
  if (!existsSync(file)) {
    throw new Error(`Cannot find app entry: ${entry ?? 'app.ts'} (resolved to ${file}); pass --entry FILE`);
  }
  return { appDir: dir, entry: file };
}

function looksLikeWsApp(value: unknown): value is WsApp {
  const app = value as Partial<WsApp> | undefined;
  return typeof app === 'object' && app !== null && typeof app.handler === 'function' && Array.isArray(app.routes);
}

/**
 * Settles as `pending` does, or rejects when the event loop runs dry first: then `pending` waits
 * on nothing that could ever settle it (a top-level `await` of such a promise), and Node would
 * otherwise end the process quietly, with status 0, as if the command had succeeded.
 */
function failWhenNothingIsLeft<T>(pending: Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const onEmpty = (): void =>
      reject(new Error('its top level awaits a promise that can never settle (nothing is left for it to wait on)'));
    process.once('beforeExit', onEmpty);
    pending.then(resolve, reject).finally(() => process.removeListener('beforeExit', onEmpty));
  });
}

let loads = 0;

/**
 * Evaluates the entry afresh in the format Node would use. A CommonJS app (no `"type": "module"`)
 * is required in a namespace of its own, so its stack traces name `app.ts` and its lines rather
 * than a `data:` URL; an ES module app is imported. Source maps are on, so the lines are the
 * TypeScript ones.
 */
function evaluateEntry(entry: string): Promise<unknown> {
  process.setSourceMapsEnabled(true);
  if (moduleFormatOf(entry) === 'module') return tsImport(pathToFileURL(entry).href, import.meta.url);
  const scoped = register({ namespace: `wsapp-load-${++loads}` });
  try {
    return Promise.resolve(scoped.require(entry, import.meta.url));
  } catch (error) {
    return Promise.reject(error);
  } finally {
    scoped.unregister();
  }
}

/**
 * Imports an app's TypeScript entry directly (no build step) and returns its exported `app`.
 * Each call evaluates the entry and its local imports afresh, so a reload sees new code. A top
 * level that awaits a promise nothing can settle is an error, not a silent exit.
 *
 * @example
 * ```ts
 * const app = await loadApp('/abs/examples/echo-server/app.ts');
 * console.log(app.routes);
 * ```
 */
export async function loadApp(entry: string): Promise<WsApp> {
  let module: Record<string, unknown>;
  try {
    module = (await failWhenNothingIsLeft(evaluateEntry(entry))) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`Cannot load app entry ${entry}: ${(error as Error).message}`, { cause: error });
  }
  const app = module.app ?? (module.default as Record<string, unknown> | undefined)?.app ?? module.default;
  if (!looksLikeWsApp(app)) {
    throw new Error(`App entry ${entry} must export the WsApp as \`export const app = new WsApp({ name })\``);
  }
  return app;
}
