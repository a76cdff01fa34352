import { join } from 'node:path';
import { readProjectConfig } from '../config';
import { loadApp, resolveAppEntry } from '../load-app';
import { selectStage } from '../stage';
import { defaultStackName } from './stack-state';

/**
 * How `wsapp delete`, `url` and `logs` find the app's stack.
 *
 * @example
 * ```ts
 * const target: StackTarget = { app: '.', stage: 'dev' };
 * ```
 */
export interface StackTarget {
  app: string;
  entry?: string;
  stage: string;
  stackName?: string;
}

/**
 * The stack of an app's stage: `--stack-name` (which needs no app folder), else
 * `{app_name}-{stage}` as `wsapp deploy` names it, with the app's name from `app_name` in
 * `.wsapp/config.json` or, without that key, from the app itself (which is then loaded). The
 * stage is checked as every command checks it.
 *
 * @example
 * ```ts
 * await stackNameOf({ app: 'examples/chat', stage: 'dev' }); // 'chat-dev'
 * ```
 */
export async function stackNameOf(target: StackTarget): Promise<string> {
  if (target.stackName) return target.stackName;
  const { appDir, entry } = resolveAppEntry(target.app, target.entry);
  const config = readProjectConfig(appDir);
  const stage = selectStage(config, target.stage, join(appDir, '.wsapp', 'config.json'));
  const appName = config.app_name ?? (await loadApp(entry)).name;
  return defaultStackName(appName, stage);
}
