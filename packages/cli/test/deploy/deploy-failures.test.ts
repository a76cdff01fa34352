import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { linesOf, runCliAsync, standInEnv } from '../helpers/deploy-cli';
import { REPO, makeApp, spawnCli } from '../helpers/local-process';
import { startAwsStandIns, type AwsStandIns } from '../stand-ins';

const ECHO_APP = readFileSync(join(REPO, 'examples', 'echo-server', 'app.ts'), 'utf8');

describe('wsapp deploy when things go wrong', () => {
  let standIns: AwsStandIns;
  let app: string;
  let env: NodeJS.ProcessEnv;
  const wsapp = (args: string[], extraEnv: NodeJS.ProcessEnv = {}) => runCliAsync([...args, '--app', app], app, { ...env, ...extraEnv });

  beforeEach(async () => {
    standIns = await startAwsStandIns();
    env = standInEnv(standIns);
    app = makeApp({ 'app.ts': ECHO_APP });
  });
  afterEach(async () => {
    await standIns.close();
    rmSync(app, { recursive: true, force: true });
  });

  it('names the first failing resource and its reason, exits 1, and replaces the rolled-back stack on the next deploy', async () => {
    standIns.cloudFormation.failNextOperationOn('WebsocketAPI', 'Route selection expression is invalid');

    const failed = await wsapp(['deploy']);

    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain(
      'wsapp: Deploy failed: stack echo-server-dev is ROLLBACK_COMPLETE; the first failure: WebsocketAPI (AWS::ApiGatewayV2::Api) CREATE_FAILED: Route selection expression is invalid\n',
    );
    expect(failed.stdout).not.toContain('Resources deployed:');
    expect(standIns.cloudFormation.stack('echo-server-dev')?.status).toBe('ROLLBACK_COMPLETE');

    const retried = await wsapp(['deploy']);

    expect(retried.status).toBe(0);
    expect(retried.stdout).toContain('Stack echo-server-dev is ROLLBACK_COMPLETE: its first create failed and CloudFormation cannot update it; deleting it first ...\n');
    expect(standIns.cloudFormation.stack('echo-server-dev')?.status).toBe('CREATE_COMPLETE');
  }, 60_000);

  it('prints one plain line per stack event, exactly as CloudFormation reports them, oldest first', async () => {
    const run = await wsapp(['deploy']);
    const events = standIns.cloudFormation.stack('echo-server-dev')?.events ?? [];
    const fromExecution = events.slice(events.findIndex((event) => event.ResourceStatus === 'CREATE_IN_PROGRESS' && event.LogicalResourceId === 'echo-server-dev'));
    const expected = fromExecution.map((event) =>
      [event.Timestamp.toISOString(), event.ResourceStatus, event.ResourceType, event.LogicalResourceId, ...(event.ResourceStatusReason ? [event.ResourceStatusReason] : [])].join('  '),
    );

    const lines = linesOf(run.stdout);
    const start = lines.indexOf(expected[0] ?? 'missing');
    expect(fromExecution.length).toBeGreaterThan(8);
    expect(lines.slice(start, start + expected.length)).toEqual(expected);
  }, 60_000);

  it('waits for an update already in progress, then deploys', async () => {
    standIns.cloudFormation.seedStack('echo-server-dev', { status: 'UPDATE_IN_PROGRESS', settlesAfterSteps: 3, settlesTo: 'UPDATE_COMPLETE', template: { Resources: {} } });

    const run = await wsapp(['deploy']);

    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Stack echo-server-dev is UPDATE_IN_PROGRESS: waiting for CloudFormation to finish that before deploying ...\nStack echo-server-dev is UPDATE_COMPLETE\n');
    expect(standIns.cloudFormation.stack('echo-server-dev')?.status).toBe('UPDATE_COMPLETE');
  }, 60_000);

  it('names the IAM action AWS denied and changes nothing', async () => {
    standIns.cloudFormation.denyAction('CreateChangeSet');

    const run = await wsapp(['deploy']);

    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^wsapp: Access denied: the AWS identity in use may not call cloudformation:CreateChangeSet\. Grant it cloudformation:CreateChangeSet/m);
    expect(standIns.cloudFormation.stack('echo-server-dev')).toBeUndefined();
  }, 60_000);

  it('says how to configure credentials when there are none, before sending anything', async () => {
    const run = await wsapp(['deploy'], {
      AWS_ACCESS_KEY_ID: '',
      AWS_SECRET_ACCESS_KEY: '',
      AWS_SHARED_CREDENTIALS_FILE: join(app, 'no-credentials'),
      AWS_CONFIG_FILE: join(app, 'no-config'),
    });

    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^wsapp: No AWS credentials found\. Configure them with `aws configure`/m);
    expect(standIns.requests).toEqual([]);
  }, 60_000);

  it('refuses a bucket in another region before uploading anything', async () => {
    standIns.s3.createBucket('artifacts-in-ireland', 'eu-west-1');

    const run = await wsapp(['deploy', '--bucket', 'artifacts-in-ireland']);

    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      'wsapp: The artifact bucket artifacts-in-ireland (--bucket) is in eu-west-1, but this deploy is to us-east-1; CloudFormation reads code only from a bucket in the stack\'s region: use a bucket in us-east-1, or --region eu-west-1\n',
    );
    expect(standIns.s3.puts).toEqual([]);
  }, 60_000);

  it('stops at a broken merge template before anything is uploaded', async () => {
    writeFileSync(join(app, 'resources.json'), '{"Resources": {');

    const run = await wsapp(['deploy', '--merge-template', 'resources.json']);

    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^wsapp: .*resources\.json/m);
    expect(standIns.requests).toEqual([]);
  }, 60_000);

  it('with --no-execute creates and shows the change set and leaves the stack unchanged', async () => {
    const run = await wsapp(['deploy', '--no-execute']);

    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^ {2}Add +WebsocketAPI +AWS::ApiGatewayV2::Api$/m);
    expect(run.stdout).toMatch(/^Not executed \(--no-execute\)\. Execute it with: aws cloudformation execute-change-set --change-set-name arn:\S+$/m);
    expect(standIns.cloudFormation.stack('echo-server-dev')?.status).toBe('REVIEW_IN_PROGRESS');
  }, 60_000);

  it('passes a template over 51,200 bytes by URL from the artifact bucket', async () => {
    const padding = { Resources: { Padding: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'padding' }, Metadata: { Note: 'x'.repeat(60_000) } } } };
    writeFileSync(join(app, 'big.json'), JSON.stringify(padding));

    const run = await wsapp(['deploy', '--merge-template', 'big.json']);

    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^The template is over 51200 bytes: CloudFormation reads it from s3:\/\/\S+\/echo-server\/[0-9a-f]{64}\.template$/m);
    expect(standIns.s3.puts.map((put) => put.key.split('.').pop())).toEqual(['zip', 'template']);
    expect(standIns.cloudFormation.stack('echo-server-dev')?.resources.Padding?.type).toBe('AWS::SNS::Topic');
  }, 60_000);

  it('on Ctrl-C while following, says the update goes on in AWS and how to watch it, and exits 130', async () => {
    const cli = spawnCli(['deploy', '--app', app], app, { ...env, WSAPP_AWS_POLL_SECONDS: '0.5' });
    await cli.waitFor(/CREATE_IN_PROGRESS {2}AWS::CloudFormation::Stack/);

    cli.child.kill('SIGINT');

    expect(await cli.exited).toBe(130);
    expect(cli.output()).toContain(
      'wsapp: Interrupted: CloudFormation goes on deploying stack echo-server-dev in AWS (Ctrl-C stops only this command). Watch it in the console (https://us-east-1.console.aws.amazon.com/cloudformation/home?region=us-east-1#/stacks) or with: aws cloudformation describe-stack-events --stack-name echo-server-dev --region us-east-1; wsapp logs --stage dev shows the functions\' logs\n',
    );
  }, 60_000);
});

