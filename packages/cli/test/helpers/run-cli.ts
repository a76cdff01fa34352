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

/** How the CLI runs: by default with the rights of the user running the tests. */
export interface CliRunOptions {
  /**
   * Without the capabilities that let root ignore file permissions (CAP_DAC_OVERRIDE and
   * CAP_DAC_READ_SEARCH), through util-linux's `setpriv`: root then gets EACCES from a folder
   * it may not write, as any user does, while it can still read the checkout wherever it lies.
   */
  obeyPermissions?: boolean;
}

/**
 * Runs the real `wsapp` binary in `cwd`, with the loopback-only environment of the tests
 * (dummy credentials, a region, no instance metadata).
 */
export function runCli(args: readonly string[], cwd: string, options: CliRunOptions = {}): CliRun {
  const asRoot = options.obeyPermissions === true && process.getuid?.() === 0;
  const command = asRoot ? 'setpriv' : process.execPath;
  const prefix = asRoot ? ['--bounding-set=-dac_override,-dac_read_search', '--inh-caps=-dac_override,-dac_read_search', process.execPath] : [];
  const result = spawnSync(command, [...prefix, WSAPP_BIN, ...args], {
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
