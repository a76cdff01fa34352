import { isAbsolute, relative, resolve, sep } from 'node:path';
import { watch } from 'chokidar';

/**
 * How long the watcher waits after the last change before reloading: one editor save is
 * several file events (a temporary file written, renamed over the original, a backup removed),
 * and they must make one reload.
 *
 * @example
 * ```ts
 * timer = setTimeout(reload, RELOAD_DEBOUNCE_MS);
 * ```
 */
export const RELOAD_DEBOUNCE_MS = 150;

/**
 * A running app watcher.
 *
 * @example
 * ```ts
 * const watcher = await watchApp('/abs/app', { onChange: reload, onError: warn });
 * await watcher.close();
 * ```
 */
export interface AppWatcher {
  close(): Promise<void>;
}

/**
 * What {@link watchApp} calls, and which folders besides the usual ones it leaves alone.
 *
 * @example
 * ```ts
 * const options: WatchOptions = { onChange: () => void reload(), onError: (error) => console.error(error), ignore: ['/abs/app/data'] };
 * ```
 */
export interface WatchOptions {
  onChange(): void;
  onError(error: Error): void;
  /** Absolute folders not to watch, such as `--persist`'s, which DynamoDB writes on every request. */
  ignore?: readonly string[];
}

/**
 * Whether a path under the app folder is not the app's code: `node_modules`, `dist`, a dot
 * folder or dot file (`.git`, `.wsapp`, vim's `.app.ts.swp`), an editor's backup (`app.ts~`) or
 * autosave (`#app.ts#`), or one of `ignore`.
 *
 * @example
 * ```ts
 * isIgnored('/abs/app', '/abs/app/node_modules/x/index.js', []); // true
 * ```
 */
export function isIgnored(dir: string, path: string, ignore: readonly string[]): boolean {
  const inside = relative(dir, path);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return false;
  if (ignore.some((folder) => path === folder || path.startsWith(`${folder}${sep}`))) return true;
  return inside.split(sep).some((part) =>
    part === 'node_modules' || part === 'dist' || part.startsWith('.') || part.endsWith('~') || (part.startsWith('#') && part.endsWith('#')));
}

/**
 * Watches the app folder with chokidar and calls `onChange`, debounced, after files change. It
 * keeps reporting after an editor replaces a file instead of writing it in place (vim,
 * JetBrains "safe write", Emacs, `sed -i`: a new file renamed over the old one), which Node's
 * recursive `fs.watch` stops reporting. Resolves once the folder is being watched, so a change
 * made after that is never missed.
 *
 * @example
 * ```ts
 * const watcher = await watchApp(appDir, { onChange: () => void reload(), onError: (error) => output.error(`warning: ${error.message}`) });
 * ```
 */
export async function watchApp(dir: string, options: WatchOptions): Promise<AppWatcher> {
  const ignore = (options.ignore ?? []).map((folder) => resolve(folder));
  let timer: NodeJS.Timeout | undefined;
  const watcher = watch(dir, { ignoreInitial: true, ignored: (path: string) => isIgnored(dir, resolve(path), ignore) });
  watcher.on('all', () => {
    clearTimeout(timer);
    timer = setTimeout(options.onChange, RELOAD_DEBOUNCE_MS);
  });
  watcher.on('error', (error) => options.onError(error instanceof Error ? error : new Error(String(error))));
  await new Promise<void>((ready) => watcher.once('ready', ready));
  return {
    close: async () => {
      clearTimeout(timer);
      await watcher.close();
    },
  };
}
