import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

/** The built `wsapp` binary (the root `pnpm test` builds it first). */
export const WSAPP_BIN = resolve(__dirname, '..', '..', 'bin', 'wsapp.js');

/** What a run of the CLI printed and how it exited. */
export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Who runs the CLI: by default the user running the tests. */
export interface CliRunOptions {
  uid?: number;
  gid?: number;
}

/**
 * Runs the real `wsapp` binary in `cwd`, with the loopback-only environment of the tests
 * (dummy credentials, a region, no instance metadata).
 */
export function runCli(args: readonly string[], cwd: string, options: CliRunOptions = {}): CliRun {
  const result = spawnSync(process.execPath, [WSAPP_BIN, ...args], {
    ...options,
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      AWS_ACCESS_KEY_ID: 'wsapp-test',
      AWS_SECRET_ACCESS_KEY: 'wsapp-test',
      AWS_REGION: 'us-east-1',
      AWS_EC2_METADATA_DISABLED: 'true',
      FORCE_COLOR: '0',
    },
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
