import { overriddenEndpoint, endpointNotice } from '../../src/aws/aws-clients';
import { attempt, AwsActionError } from '../../src/aws/aws-errors';
import { keyValues } from '../../src/aws/key-values';
import { pacerFromEnv } from '../../src/aws/polling';
import { regionOfLocation } from '../../src/deploy/artifact-bucket';
import { artifactKey, objectUrl } from '../../src/deploy/artifact-upload';
import { changeSetLines, changeSetName, isDestructive } from '../../src/deploy/change-set';
import { pointCodeAt } from '../../src/deploy/code-uri';
import { managedBucketTemplate } from '../../src/deploy/managed-bucket-template';
import { firstFailure, type StackEventRecord } from '../../src/stack/stack-events';
import { deployedResourceLines } from '../../src/stack/stack-outputs';
import { isSettling, isSuccess } from '../../src/stack/stack-state';
import type { CfnTemplate } from '../../src/template';
import { TemplateValidator, isFailure } from '../../src/validate';

function sdkError(name: string, message: string, status?: number): Error {
  const error = new Error(message);
  error.name = name;
  if (status !== undefined) Object.assign(error, { $metadata: { httpStatusCode: status } });
  return error;
}

async function failureOf(error: Error): Promise<AwsActionError> {
  return attempt('cloudformation:CreateChangeSet', () => Promise.reject(error)).then(
    () => {
      throw new Error('expected a failure');
    },
    (failure: AwsActionError) => failure,
  );
}

describe('AWS access', () => {
  it('takes the endpoint from --endpoint-url, then AWS_ENDPOINT_URL_<SERVICE>, then AWS_ENDPOINT_URL, as the SDK does', () => {
    const env = { AWS_ENDPOINT_URL: 'http://127.0.0.1:1', AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:2' };

    expect(overriddenEndpoint('s3', {}, env)).toBe('http://127.0.0.1:2');
    expect(overriddenEndpoint('logs', {}, env)).toBe('http://127.0.0.1:1');
    expect(overriddenEndpoint('s3', { endpointUrl: 'http://127.0.0.1:3' }, env)).toBe('http://127.0.0.1:3');
    expect(overriddenEndpoint('s3', {}, { ...env, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' })).toBeUndefined();
    expect(endpointNotice({ cloudFormation: 'http://127.0.0.1:1', logs: 'http://127.0.0.1:2' })).toBe(
      'Using endpoints: CloudFormation http://127.0.0.1:1, CloudWatch Logs http://127.0.0.1:2',
    );
    expect(endpointNotice({})).toBeUndefined();
  });

  it('says how to configure credentials when the SDK finds none', async () => {
    const failure = await failureOf(sdkError('CredentialsProviderError', 'Could not load credentials from any providers'));

    expect(failure.message).toMatch(/^No AWS credentials found\. Configure them with `aws configure`.*--profile NAME/);
  });

  it('names the IAM action that was denied', async () => {
    const failure = await failureOf(sdkError('AccessDenied', 'User: arn:aws:iam::1:user/u is not authorized', 403));

    expect(failure.message).toMatch(/^Access denied: the AWS identity in use may not call cloudformation:CreateChangeSet\. Grant it cloudformation:CreateChangeSet/);
    expect(failure.message).toContain('AWS said: User: arn:aws:iam::1:user/u is not authorized');
    expect([failure.code, failure.action]).toEqual(['AccessDenied', 'cloudformation:CreateChangeSet']);
  });

  it('keeps any other AWS error with its name, for callers that handle one', async () => {
    const failure = await failureOf(sdkError('ValidationError', 'Stack with id x does not exist', 400));

    expect(failure.message).toBe('cloudformation:CreateChangeSet failed: ValidationError: Stack with id x does not exist');
    expect(failure.awsMessage).toBe('Stack with id x does not exist');
  });

  it('polls every 2 seconds unless WSAPP_AWS_POLL_SECONDS says otherwise, and refuses a bad value', () => {
    expect(pacerFromEnv({}).intervalMs).toBe(2000);
    expect(pacerFromEnv({ WSAPP_AWS_POLL_SECONDS: '0.05' }).intervalMs).toBe(50);
    expect(() => pacerFromEnv({ WSAPP_AWS_POLL_SECONDS: 'soon' })).toThrow(/WSAPP_AWS_POLL_SECONDS must be a number of seconds above 0 and at most 60, got "soon"/);
  });

  it('reads K=V words, keeping = in values, and refuses a word without a key', () => {
    expect(keyValues(['Env=prod', 'Owner=a=b'], '--tags')).toEqual([['Env', 'prod'], ['Owner', 'a=b']]);
    expect(() => keyValues(['=x'], '--tags')).toThrow('--tags takes KEY=VALUE words, got "=x"; e.g. --tags Stage=prod');
  });
});

describe('artifacts', () => {
  it('names an artifact by the SHA-256 of its content under the app', () => {
    expect(artifactKey('chat', Buffer.from('abc'), '.zip')).toBe('chat/ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad.zip');
  });

  it('gives CloudFormation a path-style URL on an overridden S3 endpoint and the regional URL otherwise', () => {
    const artifact = { bucket: 'b', key: 'chat/x y.template', uploaded: true };

    expect(objectUrl(artifact, 'eu-west-1')).toBe('https://b.s3.eu-west-1.amazonaws.com/chat/x%20y.template');
    expect(objectUrl(artifact, 'us-east-1', 'http://127.0.0.1:9000/')).toBe('http://127.0.0.1:9000/b/chat/x%20y.template');
    expect(objectUrl(artifact, 'cn-north-1')).toBe('https://b.s3.cn-north-1.amazonaws.com.cn/chat/x%20y.template');
  });

  it("reads S3's bucket locations: nothing for us-east-1 and EU for the oldest eu-west-1 buckets", () => {
    expect([regionOfLocation(undefined), regionOfLocation(''), regionOfLocation('EU'), regionOfLocation('ap-south-1')]).toEqual([
      'us-east-1',
      'us-east-1',
      'eu-west-1',
      'ap-south-1',
    ]);
  });

  it('points only the functions that use the packaged deployment.zip at the upload, leaving the input alone', () => {
    const template: CfnTemplate = {
      Resources: {
        WebsocketMessage: { Type: 'AWS::Serverless::Function', Properties: { CodeUri: './deployment.zip', Handler: 'app.handler' } },
        Other: { Type: 'AWS::Serverless::Function', Properties: { CodeUri: 's3://elsewhere/code.zip' } },
        Table: { Type: 'AWS::DynamoDB::Table', Properties: {} },
      },
    };

    const deployed = pointCodeAt(template, 's3://b/chat/k.zip');

    expect(deployed.Resources.WebsocketMessage?.Properties).toEqual({ CodeUri: 's3://b/chat/k.zip', Handler: 'app.handler' });
    expect(deployed.Resources.Other).toBe(template.Resources.Other);
    expect(template.Resources.WebsocketMessage?.Properties).toEqual({ CodeUri: './deployment.zip', Handler: 'app.handler' });
  });

  it('keeps the managed bucket private, encrypted, TLS-only and retained, in a template CloudFormation Validate accepts', async () => {
    const template = managedBucketTemplate() as { Resources: Record<string, { Properties: Record<string, unknown>; DeletionPolicy?: string }> };
    const bucket = template.Resources.ArtifactBucket;
    const policy = JSON.stringify(template.Resources.ArtifactBucketPolicy);

    expect(bucket?.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(JSON.stringify(bucket?.Properties.BucketEncryption)).toContain('AES256');
    expect(bucket?.DeletionPolicy).toBe('Retain');
    expect(policy).toContain('"aws:SecureTransport":"false"');
    expect(policy).toContain('"Effect":"Deny"');
    const validator = await TemplateValidator.create();
    try {
      expect(validator.validate(JSON.stringify(template, null, 2), 'managed-bucket.json').filter(isFailure)).toEqual([]);
    } finally {
      validator.free();
    }
  });
});

describe('change sets and stacks', () => {
  it('lists a change set one logical ID per line, aligned, and asks before a removal or replacement', () => {
    const changes = [
      { action: 'Add', logicalId: 'WebsocketConnect', type: 'AWS::Serverless::Function' },
      { action: 'Replace', logicalId: 'WebsocketAPI', type: 'AWS::ApiGatewayV2::Api' },
    ] as const;

    expect(changeSetLines(changes)).toEqual([
      '  Add      WebsocketConnect  AWS::Serverless::Function',
      '  Replace  WebsocketAPI      AWS::ApiGatewayV2::Api',
    ]);
    expect(isDestructive(changes)).toBe(true);
    expect(isDestructive([{ action: 'Modify', logicalId: 'X', type: 'T' }])).toBe(false);
    expect(changeSetName(new Date('2026-12-01T10:15:00.123Z'))).toMatch(/^wsapp-20261201T101500Z-[0-9a-f]{6}$/);
    expect(changeSetName(new Date(0))).not.toBe(changeSetName(new Date(0)));
  });

  it('tells settling statuses from settled ones, and successes from rollbacks', () => {
    expect(['CREATE_IN_PROGRESS', 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', 'REVIEW_IN_PROGRESS', 'ROLLBACK_COMPLETE'].map(isSettling)).toEqual([true, true, false, false]);
    expect(['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'UPDATE_ROLLBACK_COMPLETE', 'ROLLBACK_COMPLETE'].map(isSuccess)).toEqual([true, true, false, false]);
  });

  it('finds the first resource that failed, not the ones cancelled after it nor the stack itself', () => {
    const event = (logicalId: string, status: string, reason: string, type = 'AWS::Lambda::Function'): StackEventRecord => ({ id: logicalId + status, time: new Date(0), logicalId, type, status, reason });
    const events = [
      event('Queue', 'CREATE_FAILED', 'Resource creation cancelled'),
      event('WebsocketAPI', 'CREATE_FAILED', 'Invalid route selection expression', 'AWS::ApiGatewayV2::Api'),
      event('chat-dev', 'ROLLBACK_IN_PROGRESS', 'The following resource(s) failed to create', 'AWS::CloudFormation::Stack'),
    ];

    expect(firstFailure(events)?.logicalId).toBe('WebsocketAPI');
  });

  it("prints the Lambda ARNs and the URL the way chalice deploy does", () => {
    const lines = deployedResourceLines({
      WebsocketMessageHandlerArn: 'arn:aws:lambda:us-east-1:1:function:m',
      WebsocketConnectHandlerArn: 'arn:aws:lambda:us-east-1:1:function:c',
      WebsocketConnectEndpointURL: 'wss://abc.execute-api.us-east-1.amazonaws.com/api/',
      WebsocketAPIId: 'abc',
    });

    expect(lines).toEqual([
      'Resources deployed:',
      '  - Lambda ARN: arn:aws:lambda:us-east-1:1:function:c',
      '  - Lambda ARN: arn:aws:lambda:us-east-1:1:function:m',
      '  - Websocket API URL: wss://abc.execute-api.us-east-1.amazonaws.com/api/',
    ]);
  });
});
