import type { WsApp } from '@wsapp/framework';
import type { LocalGateway } from '@wsapp/local';
import { loadApp } from '../load-app';

/**
 * Where a reload reports: `Reloaded ENTRY`, or why it failed.
 *
 * @example
 * ```ts
 * const report: ReloadReport = { info: console.log, error: console.error };
 * ```
 */
export interface ReloadReport {
  info(line: string): void;
  error(line: string): void;
}

/**
 * Reloads the entry into the running gateway, one reload at a time; a failed reload keeps the
 * previous app. `prepare` turns each loaded app into the one the gateway runs (the per-function
 * environment wraps it).
 *
 * @example
 * ```ts
 * const reload = reloader(gateway, entry, (app) => app, output);
 * await reload(); // true: the new code answers from now on
 * ```
 */
export function reloader(gateway: LocalGateway, entry: string, prepare: (app: WsApp) => WsApp, report: ReloadReport): () => Promise<boolean> {
  let reloading: Promise<boolean> = Promise.resolve(true);
  const reload = async (): Promise<boolean> => {
    try {
      gateway.setApp(prepare(await loadApp(entry)));
      report.info(`Reloaded ${entry}`);
      return true;
    } catch (error) {
      report.error(`Reload failed, still running the previous app: ${(error as Error).message}`);
      return false;
    }
  };
  return () => (reloading = reloading.then(reload));
}
