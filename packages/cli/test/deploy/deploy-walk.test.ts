import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { linesOf, runCliAsync, standInEnv } from '../helpers/deploy-cli';
import { REPO, makeApp } from '../helpers/local-process';
import { startAwsStandIns, type AwsStandIns } from '../stand-ins';

const ECHO_APP = readFileSync(join(REPO, 'examples', 'echo-server', 'app.ts'), 'utf8');
const WITH_CONNECT = ECHO_APP.replace('// #region handler', "app.onWsConnect(() => undefined);\n// #region handler");

describe('wsapp deploy, url, logs and delete against the AWS stand-ins', () => {
  let standIns: AwsStandIns;
  let app: string;
  let env: NodeJS.ProcessEnv;
  const wsapp = (...args: string[]) => runCliAsync([...args, '--app', app], app, env);

  beforeAll(async () => {
    standIns = await startAwsStandIns();
    env = standInEnv(standIns);
    app = makeApp({ 'app.ts': ECHO_APP });
  });
  afterAll(async () => {
    await standIns.close();
    rmSync(app, { recursive: true, force: true });
  });

  it('walks deploy, url, a deploy with no change, a deploy with one, logs and delete', async () => {
    const first = await wsapp('deploy');
    expect({ status: first.status, stderr: first.stderr }).toEqual({
      status: 0,
      stderr: `Using endpoints: CloudFormation ${env.AWS_ENDPOINT_URL_CLOUDFORMATION}, S3 ${env.AWS_ENDPOINT_URL_S3}, CloudWatch Logs ${env.AWS_ENDPOINT_URL_CLOUDWATCH_LOGS}\n`,
    });
    expect(first.stdout).toContain('Deploying stack echo-server-dev to us-east-1\n');
    expect(first.stdout).toContain('Creating the managed artifact bucket (stack wsapp-managed-artifacts in us-east-1; once per account and region) ...\n');
    expect(first.stdout).toMatch(/^Uploaded deployment\.zip to s3:\/\/[a-z0-9.-]+\/echo-server\/[0-9a-f]{64}\.zip$/m);
    expect(first.stdout).toMatch(/^ {2}Add +WebsocketMessage +AWS::Serverless::Function$/m);
    expect(first.stdout).toMatch(/ {2}CREATE_COMPLETE {2}AWS::CloudFormation::Stack {2}echo-server-dev$/m);
    const stack = standIns.cloudFormation.stack('echo-server-dev');
    expect(stack?.status).toBe('CREATE_COMPLETE');
    expect(stack?.capabilities).toEqual(['CAPABILITY_IAM', 'CAPABILITY_AUTO_EXPAND']);
    const url = stack?.outputs.WebsocketConnectEndpointURL ?? '';
    expect(url).toMatch(/^wss:\/\/[a-z0-9]{10}\.execute-api\.us-east-1\.amazonaws\.com\/api\/$/);
    expect(linesOf(first.stdout).slice(-3)).toEqual([
      'Resources deployed:',
      `  - Lambda ARN: ${stack?.outputs.WebsocketMessageHandlerArn}`,
      `  - Websocket API URL: ${url}`,
    ]);
    expect(standIns.s3.puts).toHaveLength(1);

    const printed = await wsapp('url');
    expect(printed).toEqual({ status: 0, stdout: `${url}\n`, stderr: expect.stringMatching(/^Using endpoints: /) });

    const again = await wsapp('deploy');
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/^deployment\.zip is already in s3:\/\/\S+: not uploaded again$/m);
    expect(again.stdout).toContain('No changes: stack echo-server-dev is already up to date\n');
    expect(linesOf(again.stdout).slice(-2)).toEqual([`  - Lambda ARN: ${stack?.outputs.WebsocketMessageHandlerArn}`, `  - Websocket API URL: ${url}`]);
    expect(standIns.s3.puts).toHaveLength(1);

    writeFileSync(join(app, 'app.ts'), WITH_CONNECT);
    const changed = await wsapp('deploy');
    expect(changed.status).toBe(0);
    expect(changed.stdout).toMatch(/^ {2}Add +WebsocketConnect +AWS::Serverless::Function$/m);
    expect(changed.stdout).toMatch(/^ {2}Modify +WebsocketMessage +AWS::Serverless::Function$/m);
    expect(standIns.cloudFormation.stack('echo-server-dev')?.status).toBe('UPDATE_COMPLETE');
    expect(standIns.s3.puts).toHaveLength(2);
    const updated = standIns.cloudFormation.stack('echo-server-dev')?.outputs ?? {};
    expect(linesOf(changed.stdout).slice(-4)).toEqual([
      'Resources deployed:',
      `  - Lambda ARN: ${updated.WebsocketConnectHandlerArn}`,
      `  - Lambda ARN: ${updated.WebsocketMessageHandlerArn}`,
      `  - Websocket API URL: ${url}`,
    ]);

    const now = Date.now();
    standIns.logs.putLogEvents('/aws/lambda/echo-server-dev-WebsocketMessage', [
      { timestamp: now - 3000, message: 'START RequestId: m1\n' },
      { timestamp: now - 1000, message: '{"level":"INFO","message":"echoed","bytes":5}\n' },
    ]);
    standIns.logs.putLogEvents('/aws/lambda/echo-server-dev-WebsocketConnect', [{ timestamp: now - 2000, message: 'START RequestId: c1\n' }]);
    const logs = await wsapp('logs', '--since', '1h');
    expect({ status: logs.status, lines: linesOf(logs.stdout) }).toEqual({
      status: 0,
      lines: [
        `${new Date(now - 3000).toISOString()} WebsocketMessage START RequestId: m1`,
        `${new Date(now - 2000).toISOString()} WebsocketConnect START RequestId: c1`,
        `${new Date(now - 1000).toISOString()} WebsocketMessage {"level":"INFO","message":"echoed","bytes":5}`,
      ],
    });
    const connectOnly = await wsapp('logs', '--since', '1h', '--function', 'connect');
    expect(linesOf(connectOnly.stdout)).toEqual([`${new Date(now - 2000).toISOString()} WebsocketConnect START RequestId: c1`]);

    const deleted = await wsapp('delete');
    expect(deleted.status).toBe(0);
    expect(deleted.stdout).toMatch(/^Deleting stack echo-server-dev \(UPDATE_COMPLETE\) in us-east-1$/m);
    expect(deleted.stdout).toMatch(/ {2}DELETE_COMPLETE {2}AWS::CloudFormation::Stack {2}echo-server-dev$/m);
    expect(linesOf(deleted.stdout).at(-1)).toBe('Deleted stack echo-server-dev. The artifact bucket and its deployment packages stay.');
    expect(standIns.cloudFormation.stack('echo-server-dev')).toBeUndefined();
    expect(standIns.s3.puts.every((put) => standIns.s3.object(put.bucket, put.key) !== undefined)).toBe(true);

    const gone = await wsapp('url');
    expect({ status: gone.status, stdout: gone.stdout }).toEqual({ status: 1, stdout: '' });
    expect(gone.stderr).toContain('wsapp: There is no stack echo-server-dev in us-east-1: deploy it with wsapp deploy --stage dev\n');

    expect(standIns.requests.length).toBeGreaterThan(20);
    expect(standIns.requests.filter((request) => !request.host.startsWith('127.0.0.1:'))).toEqual([]);
  }, 120_000);
});
