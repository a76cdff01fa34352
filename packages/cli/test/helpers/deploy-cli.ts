import { LOOPBACK_ENV, spawnCli, type CliProcess } from './local-process';
import type { AwsStandIns } from '../stand-ins';

/** What a finished run of the CLI printed, apart, and how it exited. */
export interface FinishedRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The environment of a CLI run against the AWS stand-ins: the loopback-only environment plus
 * each service's endpoint variable, all of which must be 127.0.0.1 (a test whose endpoint
 * could fall through to AWS fails here, before anything runs), and fast polling.
 */
export function standInEnv(standIns: AwsStandIns, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const endpoints = standIns.endpointEnv();
  for (const [name, url] of Object.entries(endpoints)) {
    if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(url)) throw new Error(`${name} must be a 127.0.0.1 stand-in, got ${url}`);
  }
  if (Object.keys(endpoints).length !== 3) throw new Error('every AWS service the CLI uses needs a stand-in endpoint');
  return { ...LOOPBACK_ENV, ...endpoints, WSAPP_AWS_POLL_SECONDS: '0.02', ...extra };
}

/** Runs `wsapp ARGS` to its end without blocking the event loop (the stand-ins serve in this process). */
export async function runCliAsync(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<FinishedRun> {
  const cli: CliProcess = spawnCli(args, cwd, env);
  let stdout = '';
  let stderr = '';
  cli.child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  cli.child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const status = await cli.exited;
  return { status, stdout, stderr };
}

/** The lines of some output, without the empty last one. */
export function linesOf(text: string): string[] {
  return text.replace(/\n$/, '').split('\n');
}
