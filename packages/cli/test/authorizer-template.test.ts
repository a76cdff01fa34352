import { WsApp } from '@wsapp/framework';
import { parseProjectConfig, resolveStageSettings, type StageSettings } from '../src/config';
import { appModelOf, buildSamTemplate, serializeTemplate, type AppModel, type CfnTemplate, type JsonObject } from '../src/template';
import { TemplateValidator, isFailure, type TemplateFinding } from '../src/validate';

const DEFAULT_SOURCES = ['route.request.header.Authorization'];

/** An app with its own `$connect` handler and an authorizer with the default identity source. */
const GUARDED_CHAT: AppModel = {
  name: 'guarded-chat',
  routeSelectionExpression: '$request.body.action',
  routes: [
    { routeKey: '$connect', kind: 'connect', twoWay: false },
    { routeKey: '$disconnect', kind: 'disconnect', twoWay: false },
    { routeKey: '$default', kind: 'message', twoWay: false },
  ],
  authorizer: { identitySources: DEFAULT_SOURCES },
};

/** An app with an authorizer but no `$connect` handler. */
const GUARDED_ECHO: AppModel = {
  name: 'guarded-echo',
  routeSelectionExpression: '$request.body.action',
  routes: [{ routeKey: '$default', kind: 'message', twoWay: false }],
  authorizer: { identitySources: ['route.request.querystring.token'] },
};

const build = (app: AppModel, settings: StageSettings = resolveStageSettings({}, 'dev')): CfnTemplate =>
  buildSamTemplate({ app, settings, wsappVersion: '0.1.0' });
const propertiesOf = (template: CfnTemplate, id: string): JsonObject => template.Resources[id]?.Properties as JsonObject;

const AUTHORIZER_URI = {
  'Fn::Sub':
    'arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${WebsocketAuthorizer.Arn}/invocations',
};
const AUTHORIZER_PERMISSION = {
  Type: 'AWS::Lambda::Permission',
  Properties: {
    FunctionName: { Ref: 'WebsocketAuthorizer' },
    Action: 'lambda:InvokeFunction',
    Principal: 'apigateway.amazonaws.com',
    SourceArn: {
      'Fn::Sub': 'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${WebsocketAPI}/authorizers/${WebsocketAPIAuthorizer}',
    },
  },
};

describe('the template of an app with an authorizer', () => {
  let validator: TemplateValidator;
  const failuresOf = (template: JsonObject, format: 'json' | 'yaml' = 'json'): TemplateFinding[] =>
    validator.validate(serializeTemplate(template, format), `sam.${format}`).filter(isFailure);

  beforeAll(async () => {
    validator = await TemplateValidator.create();
  });
  afterAll(() => validator.free());

  it("puts the authorizer on the $connect handler's route and adds its function, authorizer and permission", () => {
    const template = build(GUARDED_CHAT);

    expect(Object.keys(template.Resources)).toEqual([
      'DefaultRole',
      'WebsocketConnectLogGroup',
      'WebsocketConnect',
      'WebsocketMessageLogGroup',
      'WebsocketMessage',
      'WebsocketDisconnectLogGroup',
      'WebsocketDisconnect',
      'WebsocketAuthorizerLogGroup',
      'WebsocketAuthorizer',
      'WebsocketAPI',
      'WebsocketConnectAPIIntegration',
      'WebsocketConnectInvokePermission',
      'WebsocketMessageAPIIntegration',
      'WebsocketMessageInvokePermission',
      'WebsocketDisconnectAPIIntegration',
      'WebsocketDisconnectInvokePermission',
      'WebsocketAPIAuthorizer',
      'WebsocketAuthorizerInvokePermission',
      'WebsocketConnectRoute',
      'WebsocketDisconnectRoute',
      'WebsocketMessageRoute',
      'WebsocketAPIDeployment',
      'WebsocketAPIStage',
    ]);
    expect(template.Resources.WebsocketAPIAuthorizer).toEqual({
      Type: 'AWS::ApiGatewayV2::Authorizer',
      Properties: {
        ApiId: { Ref: 'WebsocketAPI' },
        AuthorizerType: 'REQUEST',
        Name: 'guarded-chat-dev-authorizer',
        IdentitySource: DEFAULT_SOURCES,
        AuthorizerUri: AUTHORIZER_URI,
      },
    });
    expect(template.Resources.WebsocketAuthorizerInvokePermission).toEqual(AUTHORIZER_PERMISSION);
    expect(template.Resources.WebsocketConnectRoute).toEqual({
      Type: 'AWS::ApiGatewayV2::Route',
      Properties: {
        ApiId: { Ref: 'WebsocketAPI' },
        RouteKey: '$connect',
        AuthorizationType: 'CUSTOM',
        AuthorizerId: { Ref: 'WebsocketAPIAuthorizer' },
        Target: { 'Fn::Join': ['/', ['integrations', { Ref: 'WebsocketConnectAPIIntegration' }]] },
      },
    });
    expect(template.Resources.WebsocketAPIDeployment?.DependsOn).toEqual([
      'WebsocketAPIAuthorizer',
      'WebsocketConnectRoute',
      'WebsocketDisconnectRoute',
      'WebsocketMessageRoute',
    ]);
    expect(failuresOf(template)).toEqual([]);
    expect(failuresOf(template, 'yaml')).toEqual([]);
  });

  it('leaves the other routes without authorization', () => {
    const template = build(GUARDED_CHAT);

    for (const id of ['WebsocketDisconnectRoute', 'WebsocketMessageRoute']) {
      expect(propertiesOf(template, id).AuthorizationType).toBeUndefined();
      expect(propertiesOf(template, id).AuthorizerId).toBeUndefined();
    }
  });

  it('runs the authorizer as a function like the others: same code, handler, runtime, role, own log group', () => {
    const template = build(GUARDED_CHAT);

    expect(template.Resources.WebsocketAuthorizer).toEqual({
      Type: 'AWS::Serverless::Function',
      Properties: {
        Runtime: 'nodejs22.x',
        Handler: 'app.handler',
        CodeUri: './deployment.zip',
        Tags: { wsapp: 'version=0.1.0:stage=dev:app=guarded-chat' },
        Tracing: 'PassThrough',
        Timeout: 10,
        MemorySize: 128,
        Role: { 'Fn::GetAtt': ['DefaultRole', 'Arn'] },
        LoggingConfig: { LogGroup: { Ref: 'WebsocketAuthorizerLogGroup' } },
        Environment: { Variables: { NODE_OPTIONS: '--enable-source-maps' } },
      },
    });
    expect(template.Resources.WebsocketAuthorizerLogGroup).toEqual({
      Type: 'AWS::Logs::LogGroup',
      Properties: { LogGroupName: { 'Fn::Sub': '/aws/lambda/${AWS::StackName}-WebsocketAuthorizer' } },
    });
    expect(template.Resources.WebsocketAuthorizerAPIIntegration).toBeUndefined();
    expect(template.Resources.WebsocketAuthorizerRoute).toBeUndefined();
  });

  it("lets the role write logs to the authorizer's log group too, and to no other", () => {
    const template = build(GUARDED_ECHO);

    const [policy] = propertiesOf(template, 'DefaultRole').Policies as JsonObject[];
    const [logs] = (policy?.PolicyDocument as JsonObject).Statement as JsonObject[];
    expect(logs).toEqual({
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: [{ 'Fn::GetAtt': ['WebsocketMessageLogGroup', 'Arn'] }, { 'Fn::GetAtt': ['WebsocketAuthorizerLogGroup', 'Arn'] }],
    });
  });

  it("gives the authorizer function its Outputs after the route functions', before the URL", () => {
    const template = build(GUARDED_CHAT);

    expect(Object.keys(template.Outputs as JsonObject)).toEqual([
      'WebsocketAPIId',
      'WebsocketConnectHandlerArn',
      'WebsocketConnectHandlerName',
      'WebsocketMessageHandlerArn',
      'WebsocketMessageHandlerName',
      'WebsocketDisconnectHandlerArn',
      'WebsocketDisconnectHandlerName',
      'WebsocketAuthorizerHandlerArn',
      'WebsocketAuthorizerHandlerName',
      'WebsocketConnectEndpointURL',
    ]);
    expect((template.Outputs as JsonObject).WebsocketAuthorizerHandlerArn).toEqual({ Value: { 'Fn::GetAtt': ['WebsocketAuthorizer', 'Arn'] } });
    expect((template.Outputs as JsonObject).WebsocketAuthorizerHandlerName).toEqual({ Value: { Ref: 'WebsocketAuthorizer' } });
  });

  it('generates an authorized $connect route to a MOCK integration when the app has no $connect handler', () => {
    const template = build(GUARDED_ECHO);

    expect(Object.keys(template.Resources)).toEqual([
      'DefaultRole',
      'WebsocketMessageLogGroup',
      'WebsocketMessage',
      'WebsocketAuthorizerLogGroup',
      'WebsocketAuthorizer',
      'WebsocketAPI',
      'WebsocketMessageAPIIntegration',
      'WebsocketMessageInvokePermission',
      'WebsocketAPIAuthorizer',
      'WebsocketAuthorizerInvokePermission',
      'WebsocketConnectMockIntegration',
      'WebsocketConnectRoute',
      'WebsocketMessageRoute',
      'WebsocketAPIDeployment',
      'WebsocketAPIStage',
    ]);
    expect(template.Resources.WebsocketConnectMockIntegration).toEqual({
      Type: 'AWS::ApiGatewayV2::Integration',
      Properties: {
        ApiId: { Ref: 'WebsocketAPI' },
        IntegrationType: 'MOCK',
        RequestTemplates: { $default: '{"statusCode": 200}' },
        TemplateSelectionExpression: '\\$default',
      },
    });
    expect(template.Resources.WebsocketConnectRoute).toEqual({
      Type: 'AWS::ApiGatewayV2::Route',
      Properties: {
        ApiId: { Ref: 'WebsocketAPI' },
        RouteKey: '$connect',
        AuthorizationType: 'CUSTOM',
        AuthorizerId: { Ref: 'WebsocketAPIAuthorizer' },
        Target: { 'Fn::Join': ['/', ['integrations', { Ref: 'WebsocketConnectMockIntegration' }]] },
      },
    });
    expect(template.Resources.WebsocketConnect).toBeUndefined();
    expect(template.Resources.WebsocketAPIDeployment?.DependsOn).toEqual([
      'WebsocketAPIAuthorizer',
      'WebsocketConnectRoute',
      'WebsocketMessageRoute',
    ]);
    expect(failuresOf(template)).toEqual([]);
    expect(failuresOf(template, 'yaml')).toEqual([]);
  });

  it("passes the app's identity sources to the authorizer as given, in order", () => {
    const sources = ['route.request.querystring.token', 'route.request.header.X-Tenant'];
    const template = build({ ...GUARDED_ECHO, authorizer: { identitySources: sources } });

    expect(propertiesOf(template, 'WebsocketAPIAuthorizer')).toEqual({
      ApiId: { Ref: 'WebsocketAPI' },
      AuthorizerType: 'REQUEST',
      Name: 'guarded-echo-dev-authorizer',
      IdentitySource: sources,
      AuthorizerUri: AUTHORIZER_URI,
    });
    expect(failuresOf(template)).toEqual([]);
  });

  it('names the authorizer after the app and the stage', () => {
    const template = build(GUARDED_ECHO, resolveStageSettings({}, 'prod'));

    expect(propertiesOf(template, 'WebsocketAPIAuthorizer').Name).toBe('guarded-echo-prod-authorizer');
  });

  it('applies lambda_functions.websocket_authorizer, per stage and at the top level, through the same layers as the others', () => {
    const config = parseProjectConfig(
      {
        lambda_timeout: 20,
        environment_variables: { SHARED: 'top' },
        tags: { team: 'chat' },
        lambda_functions: { websocket_authorizer: { lambda_memory_size: 256, environment_variables: { JWKS_URL: 'https://idp/jwks' } } },
        stages: {
          prod: {
            lambda_functions: {
              websocket_authorizer: { lambda_timeout: 5, tags: { tier: 'auth' }, log_retention_in_days: 30 },
            },
          },
        },
      },
      'config.json',
    );
    const template = build(GUARDED_ECHO, resolveStageSettings(config, 'prod'));

    expect(propertiesOf(template, 'WebsocketAuthorizer')).toMatchObject({
      MemorySize: 256,
      Timeout: 5,
      Tags: { wsapp: 'version=0.1.0:stage=prod:app=guarded-echo', team: 'chat', tier: 'auth' },
      Environment: { Variables: { SHARED: 'top', JWKS_URL: 'https://idp/jwks', NODE_OPTIONS: '--enable-source-maps' } },
    });
    expect(propertiesOf(template, 'WebsocketAuthorizerLogGroup').RetentionInDays).toBe(30);
    expect(propertiesOf(template, 'WebsocketMessage')).toMatchObject({
      MemorySize: 128,
      Timeout: 20,
      Tags: { wsapp: 'version=0.1.0:stage=prod:app=guarded-echo', team: 'chat' },
      Environment: { Variables: { SHARED: 'top', NODE_OPTIONS: '--enable-source-maps' } },
    });
    expect(propertiesOf(template, 'WebsocketMessageLogGroup').RetentionInDays).toBeUndefined();
    expect(failuresOf(template)).toEqual([]);
  });

  it('adds no authorizer resources to an app without one', () => {
    const { authorizer: _none, ...unguarded } = GUARDED_ECHO;
    const template = build(unguarded);

    for (const id of ['WebsocketAuthorizer', 'WebsocketAuthorizerLogGroup', 'WebsocketAPIAuthorizer', 'WebsocketAuthorizerInvokePermission', 'WebsocketConnectMockIntegration', 'WebsocketConnectRoute']) {
      expect({ id, resource: template.Resources[id] }).toEqual({ id, resource: undefined });
    }
    expect((template.Outputs as JsonObject).WebsocketAuthorizerHandlerArn).toBeUndefined();
  });

  it('still refuses an app whose only registration is the authorizer', () => {
    expect(() => build({ ...GUARDED_ECHO, routes: [] })).toThrow('App guarded-echo registers no websocket handlers');
  });

  it('is deterministic with an authorizer', () => {
    expect(serializeTemplate(build(GUARDED_ECHO), 'json')).toBe(serializeTemplate(build(GUARDED_ECHO), 'json'));
  });

  it('is checked by the validator: a misspelt authorizer property fails', () => {
    const template = build(GUARDED_ECHO);
    const properties = propertiesOf(template, 'WebsocketAPIAuthorizer');
    properties.IdentitySources = properties.IdentitySource ?? [];
    delete properties.IdentitySource;

    expect(failuresOf(template)).toEqual(expect.arrayContaining([expect.objectContaining({ logicalId: 'WebsocketAPIAuthorizer' })]));
  });
});

describe('appModelOf', () => {
  it("reads the identity sources of a WsApp's authorizer, defaulted or given", () => {
    const defaulted = new WsApp({ name: 'a' });
    defaulted.authorizer(() => ({ principalId: 'u' }));
    defaulted.onWsMessage(() => undefined);
    const given = new WsApp({ name: 'b' });
    given.authorizer(() => null, { identitySources: ['route.request.querystring.token'] });
    const none = new WsApp({ name: 'c' });

    expect(appModelOf(defaulted).authorizer).toEqual({ identitySources: ['route.request.header.Authorization'] });
    expect(appModelOf(given).authorizer).toEqual({ identitySources: ['route.request.querystring.token'] });
    expect(appModelOf(none)).toEqual({ name: 'c', routeSelectionExpression: '$request.body.action', routes: [] });
  });
});
