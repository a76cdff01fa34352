// Helpers for docs/test/commands.test.ts: running the documented `wsapp deploy`, `url`, `logs` and
// `delete` commands against the loopback stand-ins of CloudFormation, S3 and CloudWatch Logs
// (packages/cli/test/stand-ins), in throw-away copies of the example apps, and comparing the
// transcripts the docs show with what the commands really printed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { runCliAsync, standInEnv, type FinishedRun } from '../../packages/cli/test/helpers/deploy-cli';
import { makeApp } from '../../packages/cli/test/helpers/local-process';
import { startAwsStandIns, type AwsStandIns } from '../../packages/cli/test/stand-ins';

const root = join(__dirname, '..', '..');
const CLI_PATH = join(root, 'packages', 'cli', 'bin', 'wsapp.js');

/** The files of an example app a deploy needs: everything but its dependencies, tests, page and scripts. */
function exampleFiles(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (at: string): void => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) {
        if (!['node_modules', 'test', 'web', 'scripts', 'dist', 'out'].includes(name)) walk(path);
      } else {
        files[relative(dir, path)] = readFileSync(path, 'utf8');
      }
    }
  };
  walk(dir);
  return files;
}

/**
 * A throw-away folder that stands for the checkout (or for the folder a user works in), holding
 * a copy of an app at `appPath` inside it, so that a documented command runs there verbatim:
 * `--app examples/echo-server` and `--merge-template examples/chat/resources.json` name the copy,
 * and the paths the command prints are the documented ones. The copy is made by `makeApp`, whose
 * `node_modules` resolves `@wsapp/framework` and the AWS SDK to this checkout's.
 */
export class ThrowAwayFolder {
  readonly dir = mkdtempSync(join(tmpdir(), 'wsapp-docs-aws-'));

  /** Copies `files` to `appPath` (relative to the folder) and returns the copy's absolute path. */
  addApp(appPath: string, files: Record<string, string>, sdkFrom?: string): string {
    const made = makeApp(files);
    const target = join(this.dir, appPath);
    mkdirSync(join(target, '..'), { recursive: true });
    renameSync(made, target); // makeApp's symlinks are absolute, so they survive the move
    if (sdkFrom !== undefined) {
      // The chat imports @aws-sdk/lib-dynamodb, which only the chat example's node_modules has.
      rmSync(join(target, 'node_modules', '@aws-sdk'), { force: true });
      symlinkSync(sdkFrom, join(target, 'node_modules', '@aws-sdk'));
    }
    return target;
  }

  /** Copies the example `examples/NAME` of this checkout to the same relative path. */
  addExample(name: string): string {
    const source = join(root, 'examples', name);
    const sdk = name === 'chat' ? join(source, 'node_modules', '@aws-sdk') : undefined;
    return this.addApp(join('examples', name), exampleFiles(source), sdk);
  }

  /** Runs `wsapp new NAME` (as a user starting from npm does) and copies the project it wrote to `NAME`. */
  addNewProject(name: string): string {
    const scratch = mkdtempSync(join(tmpdir(), 'wsapp-docs-new-'));
    try {
      const run = spawnSync(process.execPath, [CLI_PATH, 'new', name], { cwd: scratch, encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`wsapp new ${name} failed:\n${run.stderr}`);
      const files = exampleFiles(join(scratch, name));
      delete files['README.md'];
      return this.addApp(name, files);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * The arguments of a documented wsapp command: `node packages/cli/bin/wsapp.js ARGS` (the
 * tutorials, run from the checkout) and `npx wsapp ARGS` (the topic, run in a project that
 * depends on @wsapp/cli, here this checkout's) both run this checkout's CLI with ARGS.
 */
export function wsappArgs(command: string): string[] {
  const match = /^(?:node packages\/cli\/bin\/wsapp\.js|npx wsapp) (.*)$/.exec(command);
  if (!match) throw new Error(`not a wsapp command: ${command}`);
  return (match[1] as string).split(/\s+/);
}

/** The AWS stand-ins and the environment that points the CLI at them (every endpoint 127.0.0.1). */
export interface StandInAws {
  standIns: AwsStandIns;
  env: NodeJS.ProcessEnv;
  /** The line every command prints on stderr when its endpoints are overridden (a deploy to AWS itself does not). */
  notice: string;
  run(command: string, cwd: string, extraEnv?: NodeJS.ProcessEnv): Promise<FinishedRun>;
  close(): Promise<void>;
}

export async function startStandInAws(): Promise<StandInAws> {
  const standIns = await startAwsStandIns();
  const env = standInEnv(standIns);
  const notice =
    `Using endpoints: CloudFormation ${env.AWS_ENDPOINT_URL_CLOUDFORMATION}, S3 ${env.AWS_ENDPOINT_URL_S3}, ` +
    `CloudWatch Logs ${env.AWS_ENDPOINT_URL_CLOUDWATCH_LOGS}`;
  return {
    standIns,
    env,
    notice,
    run: (command, cwd, extraEnv = {}) => runCliAsync(wsappArgs(command), cwd, { ...env, ...extraEnv }),
    close: () => standIns.close(),
  };
}

/**
 * What a transcript and the real output have in common once the values that differ on every run
 * are replaced by fixed words (in both, before comparing). Only these are replaced:
 *  - times: ISO timestamps (stack events, log events), the time of day that starts a log line on
 *    a terminal, and the change set name made of the time, `wsapp-YYYYMMDDTHHMMSSZ`;
 *  - names and ids AWS generates: the managed bucket's suffix
 *    (`wsapp-managed-artifacts-artifactbucket-...`), the suffix CloudFormation gives each function's
 *    name (in its Lambda ARN), the API id in the `wss://` URL, the UUID in a change set's ARN;
 *  - what depends on where the throw-away copy is: the SHA-256 key of `deployment.zip` and the
 *    bundle sizes (the bundle holds paths relative to the app, as in the `wsapp package`
 *    transcripts).
 * The account (123456789012) and region (us-east-1) are the stand-ins' own, which the docs show.
 */
export function normalizeAwsOutput(text: string): string {
  return text
    .replace(/\r/g, '')
    .replace(/wsapp-\d{8}T\d{6}Z-[0-9a-f]{6}/g, 'wsapp-CHANGE_SET_TIME')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, 'TIME')
    .replace(/^\d\d:\d\d:\d\d\.\d{3}Z /gm, 'CLOCK ')
    .replace(/(changeSet\/wsapp-CHANGE_SET_TIME\/)[0-9a-f-]{36}/g, '$1UUID')
    .replace(/(wsapp-managed-artifacts-artifactbucket-)[a-z0-9]+/g, '$1SUFFIX')
    .replace(/(:function:[\w-]+?-Websocket(?:Connect|Message|Disconnect))-[A-Za-z0-9]+/g, '$1-SUFFIX')
    .replace(/wss:\/\/[a-z0-9]+\.execute-api\./g, 'wss://API_ID.execute-api.')
    .replace(/\b[0-9a-f]{64}\b/g, 'SHA256')
    .replace(/\d+\.\d KB/g, 'N KB')
    .replace(/\n+$/, '');
}

/**
 * Checks the lines of a transcript against the real output, both normalized. A transcript line
 * `...` stands for lines the docs leave out (any number, at least one); every other line must be
 * there, in order, and the transcript's first and last lines must be the output's unless `...`
 * stands before or after them.
 */
export function transcriptMismatch(transcriptLines: readonly string[], output: string): string | undefined {
  const actual = normalizeAwsOutput(output).split('\n');
  const wanted = normalizeAwsOutput(transcriptLines.join('\n')).split('\n');
  const segments: string[][] = [[]];
  for (const line of wanted) {
    if (line === '...') segments.push([]);
    else segments.at(-1)!.push(line);
  }
  const at = (index: number, segment: string[]): boolean => segment.every((line, offset) => actual[index + offset] === line);
  let next = 0;
  for (const [number, segment] of segments.entries()) {
    const first = number === 0;
    const last = number === segments.length - 1;
    if (segment.length === 0) continue;
    let found = -1;
    if (first) found = at(0, segment) ? 0 : -1;
    else for (let index = next + 1; index + segment.length <= actual.length && found < 0; index += 1) if (at(index, segment)) found = index;
    if (found < 0 || (last && found + segment.length !== actual.length)) {
      return `the transcript's lines\n  ${segment.join('\n  ')}\nare not in the output${first ? ' at its start' : last ? ' at its end' : ''}:\n  ${actual.join('\n  ')}`;
    }
    next = found + segment.length;
  }
  return undefined;
}
