import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FUNCTION_LOGICAL_IDS, startEmbeddedDynamoDb } from '@wsapp/local';
import { parseProjectConfig, resolveStageSettings, type StageSettings } from '../src/config';
import { mergeTemplate } from '../src/merge';
import {
  buildSamTemplate,
  customRouteLogicalId,
  serializeTemplate,
  type AppModel,
  type CfnTemplate,
  type JsonObject,
} from '../src/template';
import { TemplateValidator, isFailure, type TemplateFinding } from '../src/validate';

/** `chalice package` output for the tutorial apps, copied into the fixtures (see its README). */
const CHALICE_PACKAGE = join(__dirname, 'fixtures', 'chalice-package');
const reference = (name: string): CfnTemplate =>
  JSON.parse(readFileSync(join(CHALICE_PACKAGE, name), 'utf8')) as CfnTemplate;
const chatResources = (): JsonObject =>
  JSON.parse(readFileSync(join(__dirname, 'fixtures', 'chat-resources.json'), 'utf8')) as JsonObject;

const ECHO: AppModel = {
  name: 'echo-server',
  routeSelectionExpression: '$request.body.action',
  routes: [{ routeKey: '$default', kind: 'message', twoWay: false }],
};
const CHAT: AppModel = {
  name: 'chalice-chat-example',
  routeSelectionExpression: '$request.body.action',
  routes: [
    { routeKey: '$connect', kind: 'connect', twoWay: false },
    { routeKey: '$disconnect', kind: 'disconnect', twoWay: false },
    { routeKey: '$default', kind: 'message', twoWay: false },
  ],
};
const ROOMS: AppModel = {
  name: 'rooms',
  routeSelectionExpression: '$request.body.type',
  routes: [
    { routeKey: 'sendMessage', kind: 'custom', twoWay: false },
    { routeKey: 'join-room', kind: 'custom', twoWay: true },
  ],
};

const defaults = (stage = 'dev'): StageSettings => resolveStageSettings({}, stage);
const build = (app: AppModel, settings: StageSettings = defaults()): CfnTemplate =>
  buildSamTemplate({ app, settings, wsappVersion: '0.1.0' });

/** What we chose differently from Chalice, per resource type. */
const OUR_CHOICES = ['Runtime', 'Handler', 'Tags', 'LoggingConfig'];

function withoutKeys(value: unknown, keys: readonly string[]): JsonObject {
  const copy = { ...(value as JsonObject) };
  for (const key of keys) delete copy[key];
  return copy;
}

/** A function's properties without the NODE_OPTIONS we add (and without Environment when that was all of it). */
function withoutSourceMapsOption(properties: unknown): JsonObject {
  const copy = { ...(properties as JsonObject) };
  const variables = { ...((copy.Environment as JsonObject | undefined)?.Variables as JsonObject | undefined) };
  expect(variables.NODE_OPTIONS).toBe('--enable-source-maps');
  delete variables.NODE_OPTIONS;
  if (Object.keys(variables).length === 0) delete copy.Environment;
  else copy.Environment = { ...(copy.Environment as JsonObject), Variables: variables };
  return copy;
}

function expectSameAsChaliceExceptOurChoices(ours: CfnTemplate, chalice: CfnTemplate, sameRole: boolean): void {
  // Logical IDs: Chalice's, plus one log group per function.
  const functionIds = Object.keys(chalice.Resources).filter(
    (id) => chalice.Resources[id]?.Type === 'AWS::Serverless::Function',
  );
  expect(Object.keys(ours.Resources).sort()).toEqual(
    [...Object.keys(chalice.Resources), ...functionIds.map((id) => `${id}LogGroup`)].sort(),
  );
  expect(ours.Outputs).toEqual(chalice.Outputs);
  for (const [id, theirs] of Object.entries(chalice.Resources)) {
    const mine = ours.Resources[id];
    expect({ id, type: mine?.Type }).toEqual({ id, type: theirs.Type });
    if (theirs.Type === 'AWS::Serverless::Function') {
      expect(withoutKeys(withoutSourceMapsOption(mine?.Properties), OUR_CHOICES)).toEqual(withoutKeys(theirs.Properties, OUR_CHOICES));
      expect(mine?.Properties).toMatchObject({ Runtime: 'nodejs22.x', Handler: 'app.handler' });
    } else if (theirs.Type === 'AWS::IAM::Role' && !sameRole) {
      expect((mine?.Properties as JsonObject).AssumeRolePolicyDocument).toEqual(
        (theirs.Properties as JsonObject).AssumeRolePolicyDocument,
      );
    } else {
      expect(mine).toEqual(theirs);
    }
  }
}

describe('buildSamTemplate', () => {
  let validator: TemplateValidator;
  const failuresOf = (template: JsonObject, format: 'json' | 'yaml' = 'json'): TemplateFinding[] =>
    validator.validate(serializeTemplate(template, format), `sam.${format}`).filter(isFailure);

  beforeAll(async () => {
    validator = await TemplateValidator.create();
  });
  afterAll(() => validator.free());

  it("matches Chalice's echo template resource by resource, apart from runtime, handler, tags, NODE_OPTIONS, role and log groups", () => {
    const template = build(ECHO);

    expectSameAsChaliceExceptOurChoices(template, reference('echo-sam.json'), false);
    expect(failuresOf(template)).toEqual([]);
  });

  it("matches Chalice's merged chat template when the seed's resources.json is merged unchanged", () => {
    const template = mergeTemplate(build(CHAT), chatResources());

    expectSameAsChaliceExceptOurChoices(template, reference('chat-sam.json'), true);
    for (const id of ['WebsocketConnect', 'WebsocketMessage', 'WebsocketDisconnect']) {
      expect((template.Resources[id]?.Properties as JsonObject).Environment).toEqual({
        Variables: { NODE_OPTIONS: '--enable-source-maps', TABLE: { Ref: 'ChaliceChatTable' } },
      });
    }
    expect(failuresOf(template)).toEqual([]);
  });

  it('turns on source maps in every function with NODE_OPTIONS', () => {
    const template = build(CHAT);

    for (const id of ['WebsocketConnect', 'WebsocketMessage', 'WebsocketDisconnect']) {
      expect((template.Resources[id]?.Properties as JsonObject).Environment).toEqual({
        Variables: { NODE_OPTIONS: '--enable-source-maps' },
      });
    }
  });

  it("keeps the user's own NODE_OPTIONS from config, per function, instead of adding ours", () => {
    const settings = resolveStageSettings(
      { lambda_functions: { websocket_message: { environment_variables: { NODE_OPTIONS: '--max-old-space-size=200' } } } },
      'dev',
    );

    const template = build(CHAT, settings);

    expect((template.Resources.WebsocketMessage?.Properties as JsonObject).Environment).toEqual({
      Variables: { NODE_OPTIONS: '--max-old-space-size=200' },
    });
    expect((template.Resources.WebsocketConnect?.Properties as JsonObject).Environment).toEqual({
      Variables: { NODE_OPTIONS: '--enable-source-maps' },
    });
  });

  it('leaves NODE_OPTIONS to a merge template that sets it', () => {
    const merged = mergeTemplate(build(ECHO), {
      Resources: { WebsocketMessage: { Properties: { Environment: { Variables: { NODE_OPTIONS: '--no-warnings' } } } } },
    });

    expect((merged.Resources.WebsocketMessage?.Properties as JsonObject).Environment).toEqual({
      Variables: { NODE_OPTIONS: '--no-warnings' },
    });
  });

  it('adds no NODE_OPTIONS, and no empty Environment, when source_maps is false', () => {
    const template = build(ECHO, resolveStageSettings({ source_maps: false }, 'dev'));
    const kept = build(ECHO, resolveStageSettings({ source_maps: false, environment_variables: { A: 'a' } }, 'dev'));

    expect((template.Resources.WebsocketMessage?.Properties as JsonObject).Environment).toBeUndefined();
    expect((kept.Resources.WebsocketMessage?.Properties as JsonObject).Environment).toEqual({ Variables: { A: 'a' } });
  });

  it('keeps the resource and output order Chalice uses, so templates diff cleanly', () => {
    const chalice = reference('chat-sam.json');
    const ours = build(CHAT);

    const withoutLogGroups = Object.keys(ours.Resources).filter((id) => !id.endsWith('LogGroup'));
    expect(withoutLogGroups).toEqual(Object.keys(chalice.Resources).filter((id) => id !== 'ChaliceChatTable'));
    expect(Object.keys(ours.Outputs as JsonObject)).toEqual(Object.keys(chalice.Outputs as JsonObject));
  });

  it('grants ManageConnections on this API only and logs on its own log groups only', () => {
    const template = build(CHAT);

    const role = template.Resources.DefaultRole?.Properties as JsonObject;
    expect(role.Policies).toEqual([
      {
        PolicyName: 'DefaultRolePolicy',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
              Resource: ['WebsocketConnectLogGroup', 'WebsocketMessageLogGroup', 'WebsocketDisconnectLogGroup'].map(
                (id) => ({ 'Fn::GetAtt': [id, 'Arn'] }),
              ),
            },
            {
              Effect: 'Allow',
              Action: ['execute-api:ManageConnections'],
              Resource: {
                'Fn::Sub': 'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${WebsocketAPI}/*',
              },
            },
          ],
        },
      },
    ]);
    expect(template.Resources.WebsocketConnect?.Properties).toMatchObject({
      LoggingConfig: { LogGroup: { Ref: 'WebsocketConnectLogGroup' } },
    });
    expect(template.Resources.WebsocketConnectLogGroup).toEqual({
      Type: 'AWS::Logs::LogGroup',
      Properties: { LogGroupName: { 'Fn::Sub': '/aws/lambda/${AWS::StackName}-WebsocketConnect' } },
    });
  });

  it('creates only the functions, routes and outputs of the handlers the app registers', () => {
    const template = build({ ...CHAT, routes: [{ routeKey: '$connect', kind: 'connect', twoWay: false }] });

    expect(Object.keys(template.Resources)).toEqual([
      'DefaultRole',
      'WebsocketConnectLogGroup',
      'WebsocketConnect',
      'WebsocketAPI',
      'WebsocketConnectAPIIntegration',
      'WebsocketConnectInvokePermission',
      'WebsocketConnectRoute',
      'WebsocketAPIDeployment',
      'WebsocketAPIStage',
    ]);
    expect(Object.keys(template.Outputs as JsonObject)).toEqual([
      'WebsocketAPIId',
      'WebsocketConnectHandlerArn',
      'WebsocketConnectHandlerName',
      'WebsocketConnectEndpointURL',
    ]);
    expect(failuresOf(template)).toEqual([]);
  });

  it('routes custom routes to the WebsocketMessage function, which exists without a $default handler', () => {
    const template = build(ROOMS);
    const joinRoom = customRouteLogicalId('join-room');

    expect(template.Resources.WebsocketMessage?.Type).toBe('AWS::Serverless::Function');
    expect(template.Resources.WebsocketMessageRoute).toBeUndefined();
    expect(template.Resources.WebsocketRouteSendMessage).toEqual({
      Type: 'AWS::ApiGatewayV2::Route',
      Properties: {
        ApiId: { Ref: 'WebsocketAPI' },
        RouteKey: 'sendMessage',
        Target: { 'Fn::Join': ['/', ['integrations', { Ref: 'WebsocketMessageAPIIntegration' }]] },
      },
    });
    expect(template.Resources[joinRoom]?.Properties).toMatchObject({
      RouteKey: 'join-room',
      RouteResponseSelectionExpression: '$default',
    });
    expect(template.Resources[`${joinRoom}Response`]).toEqual({
      Type: 'AWS::ApiGatewayV2::RouteResponse',
      Properties: { ApiId: { Ref: 'WebsocketAPI' }, RouteId: { Ref: joinRoom }, RouteResponseKey: '$default' },
    });
    expect(template.Resources.WebsocketAPIDeployment?.DependsOn).toEqual(
      [joinRoom, `${joinRoom}Response`, 'WebsocketRouteSendMessage'].sort(),
    );
    expect((template.Resources.WebsocketAPI?.Properties as JsonObject).RouteSelectionExpression).toBe(
      '$request.body.type',
    );
    expect(failuresOf(template)).toEqual([]);
  });

  it('gives a two-way $default route its $default route response', () => {
    const template = build({ ...ECHO, routes: [{ routeKey: '$default', kind: 'message', twoWay: true }] });

    expect(template.Resources.WebsocketMessageRoute?.Properties).toMatchObject({
      RouteResponseSelectionExpression: '$default',
    });
    expect(template.Resources.WebsocketMessageRouteResponse?.Properties).toEqual({
      ApiId: { Ref: 'WebsocketAPI' },
      RouteId: { Ref: 'WebsocketMessageRoute' },
      RouteResponseKey: '$default',
    });
    expect(template.Resources.WebsocketAPIDeployment?.DependsOn).toEqual([
      'WebsocketMessageRoute',
      'WebsocketMessageRouteResponse',
    ]);
    expect(failuresOf(template)).toEqual([]);
  });

  it('applies config overrides per stage and per function', () => {
    const config = parseProjectConfig(
      JSON.parse(readFileSync(join(__dirname, 'fixtures', 'custom-routes-app', '.wsapp', 'config.json'), 'utf8')),
      'config.json',
    );
    const dev = build(ROOMS, resolveStageSettings(config, 'dev'));
    const prod = build(ROOMS, resolveStageSettings(config, 'prod'));

    expect(dev.Resources.WebsocketMessage?.Properties).toMatchObject({
      Runtime: 'nodejs22.x',
      MemorySize: 512,
      Timeout: 10,
      Tags: { wsapp: 'version=0.1.0:stage=dev:app=rooms', team: 'rooms' },
      Environment: { Variables: { LOG_LEVEL: 'info', STAGE: 'dev', NODE_OPTIONS: '--enable-source-maps' } },
    });
    expect(dev.Resources.WebsocketMessageLogGroup?.Properties).toMatchObject({ RetentionInDays: 14 });
    expect(prod.Resources.WebsocketMessage?.Properties).toMatchObject({
      Runtime: 'nodejs24.x',
      MemorySize: 256,
      Timeout: 60,
      Environment: { Variables: { LOG_LEVEL: 'info', NODE_OPTIONS: '--enable-source-maps' } },
    });
    expect(prod.Resources.WebsocketAPIStage?.Properties).toMatchObject({ StageName: 'v1' });
    expect((prod.Resources.WebsocketAPI?.Properties as JsonObject).Name).toBe('rooms-prod-websocket-api');
    expect((prod.Outputs as JsonObject).WebsocketConnectEndpointURL).toEqual({
      Value: { 'Fn::Sub': 'wss://${WebsocketAPI}.execute-api.${AWS::Region}.${AWS::URLSuffix}/v1/' },
    });
    expect(failuresOf(dev)).toEqual([]);
    expect(failuresOf(prod, 'yaml')).toEqual([]);
  });

  it('gives each function a role of its own with the policy of iam_policy_file when autogen_policy is false, as Chalice does', () => {
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] };
    const settings = resolveStageSettings({ autogen_policy: false }, 'dev', { readPolicy: () => policy });

    const template = build(CHAT, settings);

    expect(template.Resources.DefaultRole).toBeUndefined();
    for (const id of ['WebsocketConnect', 'WebsocketMessage', 'WebsocketDisconnect']) {
      expect((template.Resources[`${id}Role`]?.Properties as JsonObject).Policies).toEqual([
        { PolicyName: `${id}RolePolicy`, PolicyDocument: policy },
      ]);
      expect((template.Resources[id]?.Properties as JsonObject).Role).toEqual({ 'Fn::GetAtt': [`${id}Role`, 'Arn'] });
    }
    expect(failuresOf(template)).toEqual([]);
  });

  it('still takes the policy of the stage from iamPolicy, and says what is missing without either', () => {
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] };
    const settings = resolveStageSettings({ autogen_policy: false }, 'dev');

    const template = buildSamTemplate({ app: ECHO, settings, wsappVersion: '0.1.0', iamPolicy: policy });

    expect((template.Resources.WebsocketMessageRole?.Properties as JsonObject).Policies).toEqual([
      { PolicyName: 'WebsocketMessageRolePolicy', PolicyDocument: policy },
    ]);
    expect(() => buildSamTemplate({ app: ECHO, settings, wsappVersion: '0.1.0' })).toThrow(
      'autogen_policy is false for websocket_message, so .wsapp/policy-dev.json (or its own iam_policy_file) must provide the IAM policy',
    );
  });

  it('refuses an app without handlers and an app_name that differs from the app', () => {
    expect(() => build({ ...ECHO, routes: [] })).toThrow(
      'App echo-server registers no websocket handlers; register one with onWsConnect',
    );
    expect(() => build(ECHO, { ...defaults(), appName: 'other' })).toThrow(
      'app_name in .wsapp/config.json ("other") differs from the app\'s name ("echo-server")',
    );
  });

  it('is deterministic: the same input gives the same serialised template', () => {
    expect(serializeTemplate(build(ROOMS), 'json')).toBe(serializeTemplate(build(ROOMS), 'json'));
    expect(serializeTemplate(build({ ...ROOMS, routes: [...ROOMS.routes].reverse() }), 'json')).toBe(
      serializeTemplate(build(ROOMS), 'json'),
    );
  });

  it('fails validation for an unknown AWS::Serverless::Function property and for a schema error', () => {
    const template = build(ECHO);
    (template.Resources.WebsocketMessage?.Properties as JsonObject).MemorySzie = 256;
    (template.Resources.WebsocketAPIStage?.Properties as JsonObject).Bogus = true;

    const failures = failuresOf(template);

    expect(failures).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ruleId: 'WSAPP001', logicalId: 'WebsocketMessage', propertyPath: 'Properties.MemorySzie' }),
        expect.objectContaining({ severity: 'FATAL', logicalId: 'WebsocketAPIStage' }),
      ]),
    );
  });
});

describe('the function logical IDs', () => {
  it('are the ones whose environment the embedded DynamoDB of wsapp local reads', async () => {
    const settings = resolveStageSettings(
      {
        lambda_functions: {
          websocket_connect: { environment_variables: { FROM_CONNECT: 'c' } },
          websocket_message: { environment_variables: { FROM_MESSAGE: 'm' } },
          websocket_disconnect: { environment_variables: { FROM_DISCONNECT: 'd' } },
        },
      },
      'dev',
    );
    const template = build(CHAT, settings);

    const db = await startEmbeddedDynamoDb(template);
    try {
      const routeFunctionIds = [FUNCTION_LOGICAL_IDS.websocket_connect, FUNCTION_LOGICAL_IDS.websocket_message, FUNCTION_LOGICAL_IDS.websocket_disconnect];
      expect(routeFunctionIds.map((id) => template.Resources[id]?.Type)).toEqual(Array(3).fill('AWS::Serverless::Function'));
      expect(template.Resources[FUNCTION_LOGICAL_IDS.websocket_authorizer]).toBeUndefined(); // CHAT has no authorizer
      expect(db.environment).toEqual({
        FROM_CONNECT: 'c',
        FROM_MESSAGE: 'm',
        FROM_DISCONNECT: 'd',
        NODE_OPTIONS: '--enable-source-maps',
        AWS_ENDPOINT_URL_DYNAMODB: db.endpoint,
      });
      expect(db.warnings).toEqual([]);
    } finally {
      await db.close();
    }
  });
});

describe('customRouteLogicalId', () => {
  it.each([
    ['sendMessage', 'WebsocketRouteSendMessage'],
    ['join', 'WebsocketRouteJoin'],
    ['v2', 'WebsocketRouteV2'],
  ])('turns the alphanumeric key %s into %s', (key, id) => {
    expect(customRouteLogicalId(key)).toBe(id);
  });

  it('adds a hash of the key when sanitising loses characters, so similar keys stay distinct', () => {
    const ids = ['send-message', 'send_message', 'SendMessage', 'sendMessage'].map(customRouteLogicalId);

    expect(ids[0]).toMatch(/^WebsocketRouteSendMessage[0-9A-F]{8}$/);
    expect(new Set(ids).size).toBe(4);
    expect(customRouteLogicalId('send-message')).toBe(ids[0]);
    expect(customRouteLogicalId('$$$')).toMatch(/^WebsocketRoute[0-9A-F]{8}$/);
  });
});
