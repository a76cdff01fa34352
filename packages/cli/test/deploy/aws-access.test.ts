import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCliAsync, standInEnv } from '../helpers/deploy-cli';
import { REPO, makeApp, spawnCli } from '../helpers/local-process';
import { startAwsStandIns, type AwsStandIns } from '../stand-ins';

const ECHO_APP = readFileSync(join(REPO, 'examples', 'echo-server', 'app.ts'), 'utf8');

/** `env` without the named variables (spawn leaves out what is undefined). */
function without(env: NodeJS.ProcessEnv, ...names: string[]): NodeJS.ProcessEnv {
  return { ...env, ...Object.fromEntries(names.map((name) => [name, undefined])) };
}

describe('how the AWS commands reach AWS', () => {
  let standIns: AwsStandIns;
  let app: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    standIns = await startAwsStandIns();
    env = standInEnv(standIns);
    app = makeApp({ 'app.ts': ECHO_APP });
  });
  afterAll(async () => {
    await standIns.close();
    rmSync(app, { recursive: true, force: true });
  });

  it('signs for the region --region names', async () => {
    const run = await runCliAsync(['url', '--app', app, '--region', 'eu-west-1'], app, env);

    expect(run.stderr).toContain('wsapp: There is no stack echo-server-dev in eu-west-1: deploy it with wsapp deploy --stage dev\n');
    expect(standIns.requests.at(-1)).toMatchObject({ service: 'cloudformation', action: 'DescribeStacks', region: 'eu-west-1' });
  });

  it("takes the credentials and region of the --profile from the shared config and credentials files", async () => {
    writeFileSync(join(app, 'config'), '[profile staging]\nregion = eu-central-1\n');
    writeFileSync(join(app, 'credentials'), '[staging]\naws_access_key_id = staging-key\naws_secret_access_key = staging-secret\n');
    const noKeys = { ...without(env, 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION'), AWS_CONFIG_FILE: join(app, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(app, 'credentials') };

    const run = await runCliAsync(['url', '--app', app, '--profile', 'staging'], app, noKeys);

    expect(run.stderr).toContain('There is no stack echo-server-dev in eu-central-1');
    expect(standIns.requests.at(-1)).toMatchObject({ action: 'DescribeStacks', region: 'eu-central-1' });
  });

  it('says how to give a region when there is none', async () => {
    const run = await runCliAsync(['url', '--app', app], app, { ...without(env, 'AWS_REGION'), AWS_CONFIG_FILE: join(app, 'missing') });

    expect(run.status).toBe(1);
    expect(run.stderr).toContain('wsapp: No AWS region: pass --region REGION, set AWS_REGION, or set region for the profile in ~/.aws/config');
  });

  it('sends to --endpoint-url rather than the AWS_ENDPOINT_URL_* variables', async () => {
    const count = standIns.requests.length;
    const elsewhere = { ...env, AWS_ENDPOINT_URL_CLOUDFORMATION: 'http://127.0.0.1:9' }; // nothing listens there

    const run = await runCliAsync(['url', '--app', app, '--endpoint-url', standIns.cloudFormation.endpoint], app, elsewhere);

    expect(run.stderr).toContain(`Using endpoints: CloudFormation ${standIns.cloudFormation.endpoint}, S3 ${standIns.cloudFormation.endpoint}, CloudWatch Logs ${standIns.cloudFormation.endpoint}\n`);
    expect(run.stderr).toContain('There is no stack echo-server-dev in us-east-1');
    expect(standIns.requests.length).toBe(count + 1);
  });

  it('is clear about a stack that is not there for delete and logs too', async () => {
    const deleted = await runCliAsync(['delete', '--app', app, '--stack-name', 'nothing-here'], app, env);
    const logs = await runCliAsync(['logs', '--app', app, '--stage', 'dev'], app, env);

    expect({ status: deleted.status, stderr: deleted.stderr.split('\n').at(-2) }).toEqual({
      status: 1,
      stderr: 'wsapp: There is no stack nothing-here in us-east-1: nothing to delete (check --stage, --stack-name and --region)',
    });
    expect({ status: logs.status, stderr: logs.stderr.split('\n').at(-2) }).toEqual({
      status: 1,
      stderr: 'wsapp: There is no stack echo-server-dev in us-east-1: deploy it with wsapp deploy first',
    });
  });

  it('with --follow prints new log events as they land, each once, until Ctrl-C', async () => {
    const group = '/aws/lambda/follow-dev-WebsocketMessage';
    standIns.cloudFormation.seedStack('follow-dev', {
      status: 'CREATE_COMPLETE',
      template: { Resources: { WebsocketMessageLogGroup: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: group } } } },
    });
    const now = Date.now();
    standIns.logs.putLogEvents(group, [{ timestamp: now - 500, message: 'first\n' }]);
    const cli = spawnCli(['logs', '--app', app, '--stack-name', 'follow-dev', '--follow'], app, env);
    await cli.waitFor(/WebsocketMessage first/);

    standIns.logs.putLogEvents(group, [
      { timestamp: now - 500, message: 'same millisecond\n' },
      { timestamp: now + 100, message: 'second\n' },
    ]);
    await cli.waitFor(/WebsocketMessage second/);
    cli.child.kill('SIGINT');

    expect(await cli.exited).toBe(0);
    const lines = cli.output().split('\n').filter((line) => line.includes(' WebsocketMessage '));
    expect(lines.map((line) => line.split(' ').slice(2).join(' '))).toEqual(['first', 'same millisecond', 'second']);
  });
});
