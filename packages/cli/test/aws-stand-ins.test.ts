import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  CreateChangeSetCommand, CreateStackCommand, DeleteStackCommand, DescribeChangeSetCommand, DescribeStacksCommand, ExecuteChangeSetCommand,
  waitUntilStackCreateComplete, waitUntilStackDeleteComplete, waitUntilStackUpdateComplete,
} from '@aws-sdk/client-cloudformation';
import { DescribeLogGroupsCommand, FilterLogEventsCommand, paginateFilterLogEvents } from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateBucketCommand, GetBucketLocationCommand, GetObjectCommand, HeadBucketCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand,
} from '@aws-sdk/client-s3';
import { resolveStageSettings } from '../src/config';
import { buildSamTemplate } from '../src/template';
import { STAND_IN_NO_CHANGES_REASON, startAwsStandIns, type AwsStandIns, type StandInTemplate } from './stand-ins';
import { STAND_IN_SAMPLE_RESOURCE_IDS as SAMPLE_IDS, standInParameterisedTemplate, standInSampleTemplate } from './stand-ins/sample-templates';
import { fastStandInWaiter, standInSdkClients, type StandInSdkClients } from './stand-ins/sdk-clients';
import {
  createStandInChangeSet, createStandInStack, describeStandInStack, executeStandInChangeSet, standInEventLines, standInStackEvents,
  standInStackResources,
} from './stand-ins/sdk-stack-flows';

let standIns: AwsStandIns;
let aws: StandInSdkClients;
const cfn = () => aws.cloudFormation;
const describeStack = (name: string) => describeStandInStack(cfn(), name);
const createStack = (name: string) => createStandInStack(cfn(), name, standInSampleTemplate());
const fast = () => fastStandInWaiter(cfn());
const fromUpdate = (lines: string[]) => lines.slice(lines.findIndex((line) => line.endsWith(' UPDATE_IN_PROGRESS')));

beforeEach(async () => {
  standIns = await startAwsStandIns();
  aws = standInSdkClients(standIns, 'eu-west-1');
});
afterEach(async () => {
  aws.destroy();
  await standIns.close();
});

describe('the CloudFormation stand-in', () => {
  it('moves a change set from CREATE_PENDING to CREATE_COMPLETE across describes', async () => {
    const TemplateBody = JSON.stringify(standInSampleTemplate());
    const created = await cfn().send(new CreateChangeSetCommand({ StackName: 'first', ChangeSetName: 'one', ChangeSetType: 'CREATE', TemplateBody }));
    expect(created.Id).toMatch(/^arn:aws:cloudformation:eu-west-1:123456789012:changeSet\/one\/[0-9a-f-]{36}$/);
    expect((await describeStack('first'))?.StackStatus).toBe('REVIEW_IN_PROGRESS');

    const described = [];
    for (let count = 0; count < 3; count += 1) {
      described.push(await cfn().send(new DescribeChangeSetCommand({ ChangeSetName: 'one', StackName: 'first' })));
    }

    expect(described.map((changeSet) => [changeSet.Status, changeSet.ExecutionStatus])).toEqual([
      ['CREATE_PENDING', 'UNAVAILABLE'],
      ['CREATE_IN_PROGRESS', 'UNAVAILABLE'],
      ['CREATE_COMPLETE', 'AVAILABLE'],
    ]);
    expect(described[2]?.StackId).toBe(created.StackId);
    const changes = described[2]?.Changes ?? [];
    expect(changes.map(({ Type, ResourceChange: change }) => [Type, change?.Action, change?.LogicalResourceId])).toEqual(
      SAMPLE_IDS.map((id) => ['Resource', 'Add', id]),
    );
    expect(changes[2]?.ResourceChange?.ResourceType).toBe('AWS::ApiGatewayV2::Api');
    expect(changes[2]?.ResourceChange?.Replacement).toBeUndefined();
  });

  it('creates a stack from a change set, pages its events oldest to newest and resolves its outputs', async () => {
    await createStack('first');

    const { events, pages } = await standInStackEvents(cfn(), 'first');
    const stack = await describeStack('first');
    const resources = await standInStackResources(cfn(), 'first');

    expect(pages).toBe(Math.ceil(events.length / 4));
    expect(standInEventLines(events)).toEqual([
      'first REVIEW_IN_PROGRESS',
      'first CREATE_IN_PROGRESS',
      ...SAMPLE_IDS.flatMap((id) => [`${id} CREATE_IN_PROGRESS`, `${id} CREATE_COMPLETE`]),
      'first CREATE_COMPLETE',
    ]);
    expect(events[1]).toMatchObject({ ResourceType: 'AWS::CloudFormation::Stack', ResourceStatusReason: 'User Initiated', StackId: stack?.StackId });
    expect(events.every((event, index) => index === 0 || (event.Timestamp as Date) > (events[index - 1]?.Timestamp as Date))).toBe(true);
    expect(resources.map((resource) => [resource.LogicalResourceId, resource.ResourceStatus])).toEqual(SAMPLE_IDS.map((id) => [id, 'CREATE_COMPLETE']));
    const physicalId = (id: string) => resources.find((resource) => resource.LogicalResourceId === id)?.PhysicalResourceId;
    const apiId = physicalId('WebsocketAPI');
    expect(apiId).toMatch(/^[a-z0-9]{10}$/);
    const outputs = Object.fromEntries((stack?.Outputs ?? []).map((output) => [output.OutputKey, output.OutputValue]));
    expect(outputs).toEqual({
      WebsocketAPIId: apiId,
      WebsocketMessageHandlerArn: expect.stringMatching(/^arn:aws:lambda:eu-west-1:123456789012:function:first-WebsocketMessage-[A-Za-z0-9]{8}$/),
      WebsocketConnectEndpointURL: `wss://${apiId}.execute-api.eu-west-1.amazonaws.com/dev/`,
      UploadsInfo: `${physicalId('Uploads')} first@123456789012/aws`,
    });
    expect(standIns.cloudFormation.stack('first')?.outputs).toEqual(outputs);
    expect(standIns.logs.logGroups()).toEqual(['/aws/lambda/first-WebsocketMessage']);
    expect((await aws.s3.send(new HeadBucketCommand({ Bucket: physicalId('Uploads') }))).BucketRegion).toBe('eu-west-1');
  });

  it('fails a change set that contains no changes with the exact reason', async () => {
    await createStack('first');

    const attempt = createStandInChangeSet(cfn(), 'first', standInSampleTemplate(), { ChangeSetName: 'same' });

    await expect(attempt).rejects.toThrow(/"state":"FAILURE"/);
    const changeSet = await cfn().send(new DescribeChangeSetCommand({ ChangeSetName: 'same', StackName: 'first' }));
    expect(changeSet).toMatchObject({
      Status: 'FAILED',
      ExecutionStatus: 'UNAVAILABLE',
      StatusReason: "The submitted information didn't contain changes. Submit different information to create a change set.",
      Changes: [],
    });
    expect(STAND_IN_NO_CHANGES_REASON).toBe(changeSet.StatusReason);
  });

  it('lists added, modified and removed resources of an update and applies them in that order', async () => {
    await createStack('first');
    const before = standIns.cloudFormation.stack('first');
    const next = standInSampleTemplate('s3://artifacts/app/2.zip');
    delete next.Resources.Uploads;
    delete next.Outputs?.UploadsInfo;
    next.Resources.WebsocketAPI = { Type: 'AWS::ApiGatewayV2::Api', Properties: { ProtocolType: 'HTTP' } };
    next.Resources.Extra = { Type: 'AWS::SNS::Topic' };

    const changeSet = await executeStandInChangeSet(cfn(), 'first', next);
    await waitUntilStackUpdateComplete(fast(), { StackName: 'first' });

    expect(changeSet.Changes?.map(({ ResourceChange: change }) => [change?.Action, change?.LogicalResourceId, change?.Replacement])).toEqual([
      ['Modify', 'WebsocketMessage', 'False'],
      ['Modify', 'WebsocketAPI', 'True'],
      ['Add', 'Extra', undefined],
      ['Remove', 'Uploads', undefined],
    ]);
    const { events } = await standInStackEvents(cfn(), 'first');
    expect(fromUpdate(standInEventLines(events))).toEqual([
      'first UPDATE_IN_PROGRESS',
      ...['WebsocketMessage', 'WebsocketAPI'].flatMap((id) => [`${id} UPDATE_IN_PROGRESS`, `${id} UPDATE_COMPLETE`]),
      'Extra CREATE_IN_PROGRESS',
      'Extra CREATE_COMPLETE',
      'first UPDATE_COMPLETE_CLEANUP_IN_PROGRESS',
      'Uploads DELETE_COMPLETE',
      'first UPDATE_COMPLETE',
    ]);
    const after = standIns.cloudFormation.stack('first');
    expect(Object.keys(after?.resources ?? {})).toEqual([...SAMPLE_IDS.filter((id) => id !== 'Uploads'), 'Extra']);
    expect(after?.resources.WebsocketMessage?.physicalId).toBe(before?.resources.WebsocketMessage?.physicalId);
    expect(after?.resources.WebsocketAPI?.physicalId).not.toBe(before?.resources.WebsocketAPI?.physicalId);
    expect(after?.outputs.WebsocketConnectEndpointURL).toBe(`wss://${after?.resources.WebsocketAPI?.physicalId}.execute-api.eu-west-1.amazonaws.com/dev/`);
  });

  it('rolls a stack whose resource fails back to ROLLBACK_COMPLETE and refuses to update it', async () => {
    standIns.cloudFormation.failNextOperationOn('WebsocketAPI', 'Route selection expression is invalid');

    await expect(createStack('first')).rejects.toThrow(/ROLLBACK_COMPLETE/);

    const stack = await describeStack('first');
    expect(stack).toMatchObject({
      StackStatus: 'ROLLBACK_COMPLETE',
      StackStatusReason: 'The following resource(s) failed to create: [WebsocketAPI]. Rollback requested by user.',
    });
    expect(stack?.Outputs ?? []).toEqual([]);
    const { events } = await standInStackEvents(cfn(), 'first');
    expect(standInEventLines(events).slice(-7)).toEqual([
      'WebsocketAPI CREATE_IN_PROGRESS',
      'WebsocketAPI CREATE_FAILED',
      'first ROLLBACK_IN_PROGRESS',
      ...['WebsocketAPI', 'WebsocketMessage', 'WebsocketMessageLogGroup'].map((id) => `${id} DELETE_COMPLETE`),
      'first ROLLBACK_COMPLETE',
    ]);
    expect(events.find((event) => event.ResourceStatus === 'CREATE_FAILED')?.ResourceStatusReason).toBe('Route selection expression is invalid');
    await expect(createStandInChangeSet(cfn(), 'first', standInSampleTemplate('s3://other'))).rejects.toMatchObject({
      name: 'ValidationError',
      message: `Stack:${stack?.StackId} is in ROLLBACK_COMPLETE state and can not be updated.`,
    });
  });

  it('rolls a failed update back to UPDATE_ROLLBACK_COMPLETE with the old template and resources', async () => {
    await createStack('first');
    const before = standIns.cloudFormation.stack('first');
    standIns.cloudFormation.failNextOperationOn('WebsocketAPI', 'Internal failure');
    const renamed = { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'renamed' } };

    await executeStandInChangeSet(cfn(), 'first', { Resources: { ...standInSampleTemplate().Resources, WebsocketAPI: renamed } });

    await expect(waitUntilStackUpdateComplete(fast(), { StackName: 'first' })).rejects.toThrow(/UPDATE_ROLLBACK_COMPLETE/);
    const after = standIns.cloudFormation.stack('first');
    expect(after?.statusReason).toBe('The following resource(s) failed to update: [WebsocketAPI].');
    expect(after?.template).toEqual(before?.template);
    expect(after?.resources.WebsocketAPI).toEqual(expect.objectContaining({ ...before?.resources.WebsocketAPI, status: 'UPDATE_COMPLETE' }));
    expect(after?.outputs).toEqual(before?.outputs);
    expect(fromUpdate(standInEventLines(after?.events ?? []))).toEqual([
      'first UPDATE_IN_PROGRESS',
      'WebsocketAPI UPDATE_IN_PROGRESS',
      'WebsocketAPI UPDATE_FAILED',
      'first UPDATE_ROLLBACK_IN_PROGRESS',
      'WebsocketAPI UPDATE_COMPLETE',
      'first UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS',
      'first UPDATE_ROLLBACK_COMPLETE',
    ]);
  });

  it('refuses a CREATE change set on an existing stack and an UPDATE change set on a missing one', async () => {
    await createStack('first');

    const again = createStandInChangeSet(cfn(), 'first', standInSampleTemplate(), { ChangeSetType: 'CREATE', ChangeSetName: 'again' });

    await expect(again).rejects.toMatchObject({
      name: 'ValidationError',
      message: 'Stack [first] already exists and cannot be created again with the changeSet [again].',
    });
    await expect(createStandInChangeSet(cfn(), 'missing', standInSampleTemplate())).rejects.toMatchObject({
      name: 'ValidationError',
      message: 'Stack [missing] does not exist',
    });
    await expect(describeStack('missing')).rejects.toMatchObject({ name: 'ValidationError', message: 'Stack with id missing does not exist' });
  });

  it('deletes a stack resource by resource so that describing it by name says it does not exist', async () => {
    await createStack('first');
    const stackId = (await describeStack('first'))?.StackId as string;

    await cfn().send(new DeleteStackCommand({ StackName: 'first' }));
    await waitUntilStackDeleteComplete(fast(), { StackName: 'first' });

    await expect(describeStack('first')).rejects.toMatchObject({ name: 'ValidationError', message: 'Stack with id first does not exist' });
    expect((await describeStack(stackId))?.StackStatus).toBe('DELETE_COMPLETE');
    const lines = standInEventLines((await standInStackEvents(cfn(), stackId)).events);
    expect(lines.slice(lines.indexOf('first DELETE_IN_PROGRESS'))).toEqual([
      'first DELETE_IN_PROGRESS',
      ...[...SAMPLE_IDS].reverse().map((id) => `${id} DELETE_COMPLETE`),
      'first DELETE_COMPLETE',
    ]);
    expect(standIns.cloudFormation.stack('first')).toBeUndefined();
    await expect(cfn().send(new DeleteStackCommand({ StackName: 'never-was' }))).resolves.toMatchObject({ $metadata: { httpStatusCode: 200 } });
  });

  it('answers a denied action with AccessDenied naming the action, and only that action', async () => {
    standIns.cloudFormation.denyAction('ExecuteChangeSet');
    const changeSet = await createStandInChangeSet(cfn(), 'first', standInSampleTemplate(), { ChangeSetType: 'CREATE' });

    const denied = cfn().send(new ExecuteChangeSetCommand({ ChangeSetName: changeSet.ChangeSetId }));

    await expect(denied).rejects.toMatchObject({
      name: 'AccessDenied',
      message: 'User: arn:aws:iam::123456789012:user/stand-in is not authorized to perform: cloudformation:ExecuteChangeSet on resource: *',
      $metadata: { httpStatusCode: 403 },
    });
    expect((await describeStack('first'))?.StackStatus).toBe('REVIEW_IN_PROGRESS');
  });

  it('reads a TemplateURL from the S3 stand-in and refuses any other URL', async () => {
    standIns.s3.createBucket('artifacts', 'eu-west-1');
    await aws.s3.send(new PutObjectCommand({ Bucket: 'artifacts', Key: 'app/a b.template', Body: JSON.stringify(standInSampleTemplate()) }));
    const byUrl = (url: string) => ({ ChangeSetType: 'CREATE' as const, TemplateBody: undefined, TemplateURL: url });

    await createStandInStack(cfn(), 'first', standInSampleTemplate(), byUrl(`${standIns.s3.endpoint}/artifacts/app/a%20b.template`));

    expect(standIns.cloudFormation.stack('first')?.template).toEqual(standInSampleTemplate());
    const elsewhere = 'https://artifacts.s3.eu-west-1.amazonaws.com/app/a%20b.template';
    await expect(createStandInChangeSet(cfn(), 'second', standInSampleTemplate(), byUrl(elsewhere))).rejects.toMatchObject({
      name: 'ValidationError',
      message: expect.stringContaining(elsewhere),
    });
  });

  it('settles a seeded stack after the given number of describes', async () => {
    standIns.cloudFormation.seedStack('busy', { status: 'UPDATE_IN_PROGRESS', settlesAfterSteps: 2, template: standInSampleTemplate() });
    standIns.cloudFormation.seedStack('broken', { status: 'ROLLBACK_COMPLETE', template: { Resources: {} } });

    const statuses = [];
    for (let count = 0; count < 3; count += 1) statuses.push((await describeStack('busy'))?.StackStatus);

    expect(statuses).toEqual(['UPDATE_IN_PROGRESS', 'UPDATE_IN_PROGRESS', 'UPDATE_COMPLETE']);
    const url = standIns.cloudFormation.stack('busy')?.outputs.WebsocketConnectEndpointURL;
    expect(url).toMatch(/^wss:\/\/[a-z0-9]{10}\.execute-api\.us-east-1\.amazonaws\.com\/dev\/$/);
    expect((await describeStack('broken'))?.StackStatus).toBe('ROLLBACK_COMPLETE');
  });

  it('keeps the parameters, tags and capabilities of a CreateStack and demands CAPABILITY_IAM for an IAM role', async () => {
    const Parameters = [{ ParameterKey: 'Stage', ParameterValue: 'prod' }];
    const TemplateBody = JSON.stringify(standInParameterisedTemplate());
    const input = { StackName: 'direct', TemplateBody, Parameters, Tags: [{ Key: 'app', Value: 'echo' }] };

    await expect(cfn().send(new CreateStackCommand(input))).rejects.toMatchObject({
      name: 'InsufficientCapabilitiesException',
      message: 'Requires capabilities : [CAPABILITY_IAM]',
    });
    await cfn().send(new CreateStackCommand({ ...input, Capabilities: ['CAPABILITY_IAM'] }));
    await waitUntilStackCreateComplete(fast(), { StackName: 'direct' });

    expect(await describeStack('direct')).toMatchObject({
      StackStatus: 'CREATE_COMPLETE',
      Parameters: [...Parameters, { ParameterKey: 'Size', ParameterValue: 'small' }],
      Tags: [{ Key: 'app', Value: 'echo' }],
      Capabilities: ['CAPABILITY_IAM'],
      Outputs: [{ OutputKey: 'Where', OutputValue: expect.stringMatching(/^prod-small-arn:aws:iam::123456789012:role\/direct-Role-[A-Za-z0-9]{8}$/) }],
    });
  });

  it('deploys the template wsapp package writes, with its URL output resolved', async () => {
    const routes = [{ routeKey: '$default', kind: 'message' as const, twoWay: false }];
    const app = { name: 'echo-server', routeSelectionExpression: '$request.body.action', routes };
    const template = buildSamTemplate({ app, settings: resolveStageSettings({}, 'dev'), wsappVersion: '0.1.0' }) as unknown as StandInTemplate;

    await createStandInStack(cfn(), 'echo-server-dev', template, { Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_AUTO_EXPAND'] });

    const stack = standIns.cloudFormation.stack('echo-server-dev');
    expect(stack?.outputs.WebsocketConnectEndpointURL).toBe(`wss://${stack?.resources.WebsocketAPI?.physicalId}.execute-api.eu-west-1.amazonaws.com/api/`);
    expect(Object.values(stack?.resources ?? {}).map((resource) => resource.status)).toEqual(Object.keys(template.Resources).map(() => 'CREATE_COMPLETE'));
    expect(standIns.logs.logGroups()).toEqual(['/aws/lambda/echo-server-dev-WebsocketMessage']);
  });
});

describe('the S3 stand-in', () => {
  it('stores a Buffer and a streamed PutObject and serves them by HeadObject, GetObject and ListObjectsV2', async () => {
    await aws.s3.send(new CreateBucketCommand({ Bucket: 'artifacts', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
    const streamed = Buffer.alloc(200_000, 'x');
    const stream = Readable.from([streamed.subarray(0, 70_000), streamed.subarray(70_000)]);

    await aws.s3.send(new PutObjectCommand({ Bucket: 'artifacts', Key: 'app/one.zip', Body: Buffer.from('zip bytes') }));
    await aws.s3.send(new PutObjectCommand({ Bucket: 'artifacts', Key: 'app/two.zip', Body: stream, ContentLength: streamed.length }));
    await aws.s3.send(new PutObjectCommand({ Bucket: 'artifacts', Key: 'other/three.txt', Body: 'three' }));

    expect(standIns.s3.object('artifacts', 'app/one.zip')?.toString()).toBe('zip bytes');
    expect(standIns.s3.object('artifacts', 'app/two.zip')?.equals(streamed)).toBe(true); // aws-chunked framing decoded
    expect(standIns.s3.puts).toEqual(['app/one.zip', 'app/two.zip', 'other/three.txt'].map((key) => ({ bucket: 'artifacts', key })));
    const head = await aws.s3.send(new HeadObjectCommand({ Bucket: 'artifacts', Key: 'app/one.zip' }));
    expect(head).toMatchObject({ ContentLength: 9, ETag: `"${createHash('md5').update('zip bytes').digest('hex')}"` });
    const got = await aws.s3.send(new GetObjectCommand({ Bucket: 'artifacts', Key: 'app/two.zip' }));
    expect(Buffer.from((await got.Body?.transformToByteArray()) ?? []).equals(streamed)).toBe(true);
    const listed = await aws.s3.send(new ListObjectsV2Command({ Bucket: 'artifacts', Prefix: 'app/' }));
    expect(listed.Contents?.map((object) => [object.Key, object.Size])).toEqual([['app/one.zip', 9], ['app/two.zip', 200_000]]);
  });

  it("answers a missing bucket or key with 404 and tells each bucket's region", async () => {
    standIns.s3.createBucket('in-virginia');
    standIns.s3.createBucket('in-ireland', 'eu-west-1');
    const missingKey = { Bucket: 'in-virginia', Key: 'none' };

    await expect(aws.s3.send(new HeadObjectCommand(missingKey))).rejects.toMatchObject({ name: 'NotFound', $metadata: { httpStatusCode: 404 } });
    await expect(aws.s3.send(new HeadBucketCommand({ Bucket: 'nowhere' }))).rejects.toMatchObject({ name: 'NotFound' });
    await expect(aws.s3.send(new GetObjectCommand(missingKey))).rejects.toMatchObject({ name: 'NoSuchKey' });
    await expect(aws.s3.send(new PutObjectCommand({ Bucket: 'nowhere', Key: 'k', Body: 'b' }))).rejects.toMatchObject({ name: 'NoSuchBucket' });
    expect((await aws.s3.send(new GetBucketLocationCommand({ Bucket: 'in-virginia' }))).LocationConstraint).toBeUndefined();
    expect((await aws.s3.send(new GetBucketLocationCommand({ Bucket: 'in-ireland' }))).LocationConstraint).toBe('eu-west-1');
    const elsewhere = new CreateBucketCommand({ Bucket: 'elsewhere', CreateBucketConfiguration: { LocationConstraint: 'us-west-2' } });
    await expect(aws.s3.send(elsewhere)).rejects.toMatchObject({ name: 'IllegalLocationConstraintException' });
  });
});

describe('the Logs stand-in', () => {
  it('pages FilterLogEvents in timestamp order and filters by stream, time and substring', async () => {
    const logGroupName = '/aws/lambda/app';
    standIns.logs.createLogGroup(logGroupName);
    standIns.logs.putLogEvents(logGroupName, [
      { timestamp: 5000, message: 'START five', logStreamName: 'b' },
      { timestamp: 1000, message: 'START one', logStreamName: 'a' },
      { timestamp: 3000, message: 'ERROR three', logStreamName: 'a' },
      { timestamp: 2000, message: 'START two', logStreamName: 'b' },
      { timestamp: 4000, message: 'START four' },
    ]);

    const pages = [];
    for await (const page of paginateFilterLogEvents({ client: aws.logs }, { logGroupName })) pages.push(page.events ?? []);
    const filter = { logGroupName, logStreamNames: ['a', 'b'], startTime: 2000, endTime: 5000, filterPattern: '"START"', limit: 10 };
    const filtered = await aws.logs.send(new FilterLogEventsCommand(filter));

    expect(pages.map((events) => events.map((event) => event.timestamp))).toEqual([[1000, 2000, 3000], [4000, 5000]]);
    expect(pages[0]?.[0]).toMatchObject({ logStreamName: 'a', message: 'START one', ingestionTime: expect.any(Number), eventId: expect.any(String) });
    expect(pages[1]?.[0]?.logStreamName).toBe('stand-in-stream');
    expect(filtered.events?.map((event) => event.message)).toEqual(['START two', 'START five']);
    expect(filtered.nextToken).toBeUndefined();
  });

  it('answers an unknown log group with ResourceNotFoundException and lists groups by prefix', async () => {
    standIns.logs.createLogGroup('/aws/lambda/app-one');
    standIns.logs.createLogGroup('/other');

    await expect(aws.logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/none' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'The specified log group does not exist.',
    });
    const listed = await aws.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/lambda/' }));
    expect(listed.logGroups?.map((group) => [group.logGroupName, group.arn])).toEqual([
      ['/aws/lambda/app-one', 'arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/app-one:*'],
    ]);
    expect(() => standIns.logs.putLogEvents('/missing', [])).toThrow(/no log group \/missing/);
  });
});

describe('the request log', () => {
  it('records every request with its service, action, host 127.0.0.1 and the region of its signature', async () => {
    const virginia = standInSdkClients(standIns, 'us-east-1');

    await virginia.s3.send(new CreateBucketCommand({ Bucket: 'b' }));
    await aws.s3.send(new HeadBucketCommand({ Bucket: 'b' }));
    await aws.logs.send(new DescribeLogGroupsCommand({}));
    await expect(virginia.cloudFormation.send(new DescribeStacksCommand({ StackName: 'none' }))).rejects.toThrow('does not exist');
    virginia.destroy();

    expect(standIns.requests.map(({ service, action, region }) => [service, action, region])).toEqual([
      ['s3', 'CreateBucket', 'us-east-1'],
      ['s3', 'HeadBucket', 'eu-west-1'],
      ['logs', 'DescribeLogGroups', 'eu-west-1'],
      ['cloudformation', 'DescribeStacks', 'us-east-1'],
    ]);
    const { s3, logs, cloudFormation } = standIns;
    const hosts = [s3, s3, logs, cloudFormation].map((standIn) => new URL(standIn.endpoint).host);
    expect(standIns.requests.map((request) => request.host)).toEqual(hosts);
    expect(hosts.every((host) => /^127\.0\.0\.1:\d+$/.test(host))).toBe(true);
    expect(standIns.endpointEnv()).toEqual({
      AWS_ENDPOINT_URL_CLOUDFORMATION: cloudFormation.endpoint,
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: logs.endpoint,
    });
  });
});
