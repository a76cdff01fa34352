import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseJsonText } from '@wsapp/local';
import type { JsonObject } from '../template/types';
import type { PolicyReader } from './function-role';

/**
 * The {@link PolicyReader} of an app: reads `APP_DIR/.wsapp/FILE` as a JSON policy document,
 * with errors that say which file is missing or malformed.
 *
 * @example
 * ```ts
 * const settings = resolveStageSettings(config, 'prod', { readPolicy: policyReader(appDir) });
 * ```
 */
export function policyReader(appDir: string): PolicyReader {
  return (file: string): JsonObject => {
    const path = join(appDir, '.wsapp', file);
    if (!existsSync(path)) {
      throw new Error(`autogen_policy is false but the IAM policy file is missing: .wsapp/${file} (resolved to ${path})`);
    }
    const policy = parseJsonText(readFileSync(path, 'utf8'), path);
    if (typeof policy !== 'object' || policy === null || Array.isArray(policy)) {
      throw new Error(`IAM policy file ${path} must contain a policy document object`);
    }
    return policy as JsonObject;
  };
}
