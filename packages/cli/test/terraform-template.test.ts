import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseProjectConfig, resolveStageSettings, type ProjectConfig, type StageSettings } from '../src/config';
import {
  AWS_PROVIDER_VERSION,
  buildTerraformTemplate,
  customRouteName,
  literal,
  serializeTerraform,
  type TerraformJson,
} from '../src/terraform';
import { CUSTOM_DOMAIN_LOGICAL_IDS, VPC_ENI_STATEMENT, XRAY_WRITE_STATEMENT, type AppModel, type JsonObject } from '../src/template';

/** `chalice package --pkg-format terraform` of the echo tutorial app (Chalice 1.33), copied into the fixtures. */
const chalice = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'terraform', 'echo-chalice.tf.json'), 'utf8')) as TerraformJson;

const ECHO: AppModel = {
  name: 'echo-server',
  routeSelectionExpression: '$request.body.action',
  routes: [{ routeKey: '$default', kind: 'message', twoWay: false }],
};
const CHAT: AppModel = {
  name: 'chat',
  routeSelectionExpression: '$request.body.action',
  routes: [
    { routeKey: '$connect', kind: 'connect', twoWay: false },
    { routeKey: '$disconnect', kind: 'disconnect', twoWay: false },
    { routeKey: '$default', kind: 'message', twoWay: true },
  ],
};
const ROOMS: AppModel = {
  name: 'rooms',
  routeSelectionExpression: '$request.body.type',
  routes: [
    { routeKey: 'sendMessage', kind: 'custom', twoWay: false },
    { routeKey: 'join-room', kind: 'custom', twoWay: true },
  ],
  authorizer: { identitySources: ['route.request.querystring.token'] },
};

const build = (app: AppModel, settings: StageSettings = resolveStageSettings({}, 'dev'), iamPolicy?: JsonObject): TerraformJson =>
  buildTerraformTemplate({ app, settings, wsappVersion: '0.1.0', ...(iamPolicy ? { iamPolicy } : {}) });
const body = (config: TerraformJson, type: string, name: string): JsonObject => {
  const found = config.resource[type]?.[name];
  if (!found) throw new Error(`${type}.${name} is not in the configuration`);
  return found;
};
const names = (config: TerraformJson): string[] =>
  Object.entries(config.resource).flatMap(([type, named]) => Object.keys(named).map((name) => `${type}.${name}`)).sort();

/** The settings of the stage `dev` of a config (checked as `wsapp package` checks it), reading `iam_policy_file`s from `policies`. */
function settingsOf(config: ProjectConfig, policies: Record<string, JsonObject> = {}): StageSettings {
  const readPolicy = (file: string): JsonObject => {
    const policy = policies[file];
    if (!policy) throw new Error(`no policy ${file}`);
    return policy;
  };
  return resolveStageSettings(parseProjectConfig(config, 'config.json'), 'dev', { readPolicy });
}

describe('buildTerraformTemplate', () => {
  it("has Chalice's resources, names and outputs for the echo app, plus one log group per function", () => {
    const config = build(ECHO);

    const theirs = Object.entries(chalice.resource).flatMap(([type, named]) => Object.keys(named).map((name) => `${type}.${name}`));
    expect(names(config)).toEqual([...theirs, 'aws_cloudwatch_log_group.websocket_message'].sort());
    expect(Object.keys(config.output).sort()).toEqual(Object.keys(chalice.output).sort());
    expect(config.terraform).toEqual({
      required_version: '>= 1.0',
      required_providers: { aws: { source: 'hashicorp/aws', version: AWS_PROVIDER_VERSION } },
    });
    expect(config.data).toBeUndefined(); // invoke_arn, execution_arn and invoke_url carry partition, region and account
    expect(body(config, 'aws_iam_role', 'default-role')).toEqual({ ...chalice.resource.aws_iam_role?.['default-role'], assume_role_policy: expect.any(String) });
    expect(JSON.parse(body(config, 'aws_iam_role', 'default-role').assume_role_policy as string)).toEqual(
      JSON.parse(chalice.resource.aws_iam_role?.['default-role']?.assume_role_policy as string),
    );
    expect(body(config, 'aws_apigatewayv2_api', 'websocket_api')).toEqual(chalice.resource.aws_apigatewayv2_api?.websocket_api);
    expect(body(config, 'aws_apigatewayv2_route', 'websocket_message_route')).toEqual(chalice.resource.aws_apigatewayv2_route?.websocket_message_route);
    expect(body(config, 'aws_apigatewayv2_stage', 'websocket_api_stage')).toEqual(chalice.resource.aws_apigatewayv2_stage?.websocket_api_stage);
    expect(config.output.WebsocketConnectEndpointURL).toEqual({ value: '${aws_apigatewayv2_stage.websocket_api_stage.invoke_url}/' });
  });

  it("gives the functions Node's runtime, app.handler, the bundle's hash, source maps and their own log groups", () => {
    const config = build(ECHO);

    expect(body(config, 'aws_lambda_function', 'websocket_message')).toEqual({
      function_name: 'echo-server-dev-websocket_message',
      runtime: 'nodejs22.x',
      handler: 'app.handler',
      memory_size: 128,
      timeout: 60,
      tags: { wsapp: 'version=0.1.0:stage=dev:app=echo-server' },
      source_code_hash: '${filebase64sha256("${path.module}/deployment.zip")}',
      filename: '${path.module}/deployment.zip',
      role: '${aws_iam_role.default-role.arn}',
      logging_config: { log_format: 'Text', log_group: '${aws_cloudwatch_log_group.websocket_message.name}' },
      tracing_config: { mode: 'PassThrough' },
      environment: { variables: { NODE_OPTIONS: '--enable-source-maps' } },
      depends_on: ['aws_iam_role_policy.default-role'],
    });
    expect(body(config, 'aws_cloudwatch_log_group', 'websocket_message')).toEqual({ name: '/aws/lambda/echo-server-dev-websocket_message' });
    expect(body(config, 'aws_apigatewayv2_integration', 'websocket_message_api_integration')).toMatchObject({
      integration_type: 'AWS_PROXY',
      integration_uri: '${aws_lambda_function.websocket_message.invoke_arn}',
    });
    expect(body(config, 'aws_lambda_permission', 'websocket_message_invoke_permission').source_arn).toBe(
      '${aws_apigatewayv2_api.websocket_api.execution_arn}/*',
    );
  });

  it("scopes the default role's policy to this API's @connections and its functions' own log groups", () => {
    const policy = JSON.parse(body(build(CHAT), 'aws_iam_role_policy', 'default-role').policy as string) as JsonObject;

    expect(policy).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: ['websocket_connect', 'websocket_message', 'websocket_disconnect'].map((name) => `\${aws_cloudwatch_log_group.${name}.arn}:*`),
        },
        { Effect: 'Allow', Action: ['execute-api:ManageConnections'], Resource: '${aws_apigatewayv2_api.websocket_api.execution_arn}/*' },
      ],
    });
  });

  it('applies the stage settings: memory, timeout, tags, environment, log level and retention, runtime, API stage', () => {
    const settings = resolveStageSettings(
      {
        runtime: 'nodejs24.x',
        api_gateway_stage: 'v1',
        log_retention_in_days: 14,
        tags: { team: 'chat' },
        environment_variables: { GREETING: 'hi ${name}' },
        lambda_functions: { websocket_message: { lambda_memory_size: 512, lambda_timeout: 10, log_level: 'WARN' } },
      },
      'prod',
    );
    const config = build(CHAT, settings);

    expect(body(config, 'aws_lambda_function', 'websocket_message')).toMatchObject({
      function_name: 'chat-prod-websocket_message',
      runtime: 'nodejs24.x',
      memory_size: 512,
      timeout: 10,
      tags: { wsapp: 'version=0.1.0:stage=prod:app=chat', team: 'chat' },
      environment: { variables: { GREETING: 'hi $${name}', NODE_OPTIONS: '--enable-source-maps' } },
      logging_config: { log_format: 'JSON', application_log_level: 'WARN', log_group: '${aws_cloudwatch_log_group.websocket_message.name}' },
    });
    expect(body(config, 'aws_lambda_function', 'websocket_connect')).toMatchObject({ memory_size: 128, logging_config: { log_format: 'Text' } });
    expect(body(config, 'aws_cloudwatch_log_group', 'websocket_connect')).toEqual({ name: '/aws/lambda/chat-prod-websocket_connect', retention_in_days: 14 });
    expect(body(config, 'aws_apigatewayv2_stage', 'websocket_api_stage').name).toBe('v1');
    expect(body(config, 'aws_iam_role', 'default-role').name).toBe('chat-prod');
  });

  it('leaves NODE_OPTIONS out with source_maps false, and keeps a NODE_OPTIONS of the config', () => {
    const off = build(ECHO, resolveStageSettings({ source_maps: false }, 'dev'));
    const own = build(ECHO, resolveStageSettings({ environment_variables: { NODE_OPTIONS: '--max-old-space-size=100' } }, 'dev'));

    expect(body(off, 'aws_lambda_function', 'websocket_message').environment).toBeUndefined();
    expect(body(own, 'aws_lambda_function', 'websocket_message').environment).toEqual({ variables: { NODE_OPTIONS: '--max-old-space-size=100' } });
  });

  it('declares custom and two-way routes, with route responses, on the websocket_message integration', () => {
    const config = build(ROOMS);
    const joinRoom = customRouteName('join-room');

    expect(joinRoom).toMatch(/^websocket_route_join_room_[0-9a-f]{8}$/);
    expect(body(config, 'aws_apigatewayv2_route', 'websocket_route_sendMessage')).toEqual({
      api_id: '${aws_apigatewayv2_api.websocket_api.id}',
      route_key: 'sendMessage',
      target: 'integrations/${aws_apigatewayv2_integration.websocket_message_api_integration.id}',
    });
    expect(body(config, 'aws_apigatewayv2_route', joinRoom)).toMatchObject({ route_key: 'join-room', route_response_selection_expression: '$default' });
    expect(body(config, 'aws_apigatewayv2_route_response', `${joinRoom}_response`)).toEqual({
      api_id: '${aws_apigatewayv2_api.websocket_api.id}',
      route_id: `\${aws_apigatewayv2_route.${joinRoom}.id}`,
      route_response_key: '$default',
    });
    expect(Object.keys(config.resource.aws_lambda_function ?? {})).toEqual(['websocket_message', 'websocket_authorizer']);
  });

  it('authorizes $connect: a REQUEST authorizer on websocket_authorizer, its permission, and a MOCK $connect route without a handler', () => {
    const config = build(ROOMS);

    expect(body(config, 'aws_apigatewayv2_authorizer', 'websocket_api_authorizer')).toEqual({
      api_id: '${aws_apigatewayv2_api.websocket_api.id}',
      authorizer_type: 'REQUEST',
      name: 'rooms-dev-authorizer',
      identity_sources: ['route.request.querystring.token'],
      authorizer_uri: '${aws_lambda_function.websocket_authorizer.invoke_arn}',
    });
    expect(body(config, 'aws_lambda_permission', 'websocket_authorizer_invoke_permission').source_arn).toBe(
      '${aws_apigatewayv2_api.websocket_api.execution_arn}/authorizers/${aws_apigatewayv2_authorizer.websocket_api_authorizer.id}',
    );
    expect(body(config, 'aws_apigatewayv2_route', 'websocket_connect_route')).toMatchObject({
      route_key: '$connect',
      authorization_type: 'CUSTOM',
      authorizer_id: '${aws_apigatewayv2_authorizer.websocket_api_authorizer.id}',
      target: 'integrations/${aws_apigatewayv2_integration.websocket_connect_mock_integration.id}',
    });
    expect(body(config, 'aws_apigatewayv2_integration', 'websocket_connect_mock_integration')).toMatchObject({ integration_type: 'MOCK' });
    const withHandler = build({ ...CHAT, authorizer: { identitySources: ['route.request.header.Authorization'] } });
    expect(body(withHandler, 'aws_apigatewayv2_route', 'websocket_connect_route')).toMatchObject({
      authorization_type: 'CUSTOM',
      target: 'integrations/${aws_apigatewayv2_integration.websocket_connect_api_integration.id}',
    });
  });

  it('deploys again when a route, route response, authorizer or integration changes', () => {
    const deployment = body(build(ROOMS), 'aws_apigatewayv2_deployment', 'websocket_api_deployment');
    const joinRoom = customRouteName('join-room');

    expect(deployment.depends_on).toEqual(
      [
        'aws_apigatewayv2_authorizer.websocket_api_authorizer',
        'aws_apigatewayv2_route.websocket_connect_route',
        `aws_apigatewayv2_route.${joinRoom}`,
        'aws_apigatewayv2_route.websocket_route_sendMessage',
        `aws_apigatewayv2_route_response.${joinRoom}_response`,
      ].sort(),
    );
    const trigger = (deployment.triggers as JsonObject).redeployment as string;
    for (const dependency of [...(deployment.depends_on as string[]), 'aws_apigatewayv2_integration.websocket_message_api_integration']) {
      expect(trigger).toContain(dependency);
    }
    expect(deployment.lifecycle).toEqual({ create_before_destroy: true });
  });

  it('sets layers, the VPC, reserved concurrency and X-Ray tracing, and lets the default role do what they need', () => {
    const settings = settingsOf({
      layers: ['arn:aws:lambda:us-east-1:123456789012:layer:deps:3'],
      subnet_ids: ['subnet-1', 'subnet-2'],
      security_group_ids: ['sg-1'],
      reserved_concurrency: 5,
      xray: true,
    });
    const config = build(ECHO, settings);

    expect(body(config, 'aws_lambda_function', 'websocket_message')).toMatchObject({
      layers: ['arn:aws:lambda:us-east-1:123456789012:layer:deps:3'],
      vpc_config: { subnet_ids: ['subnet-1', 'subnet-2'], security_group_ids: ['sg-1'] },
      reserved_concurrent_executions: 5,
      tracing_config: { mode: 'Active' },
    });
    const policy = JSON.parse(body(config, 'aws_iam_role_policy', 'default-role').policy as string) as { Statement: JsonObject[] };
    expect(policy.Statement.slice(2)).toEqual([VPC_ENI_STATEMENT, XRAY_WRITE_STATEMENT]);
    const plain = JSON.parse(body(build(ECHO), 'aws_iam_role_policy', 'default-role').policy as string) as { Statement: unknown[] };
    expect(plain.Statement).toHaveLength(2);
  });

  it("gives a function with autogen_policy false a role of its own with its iam_policy_file's policy, taken literally", () => {
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/${aws:username}/*' }] };
    const config = build(CHAT, settingsOf({ lambda_functions: { websocket_connect: { autogen_policy: false, iam_policy_file: 'connect.json' } } }, { 'connect.json': policy }));

    expect(body(config, 'aws_iam_role', 'websocket_connect_role').name).toBe('chat-dev-websocket_connect');
    expect(body(config, 'aws_iam_role_policy', 'websocket_connect_role')).toEqual({
      name: 'websocket_connect_rolePolicy',
      policy: literal(JSON.stringify(policy)),
      role: '${aws_iam_role.websocket_connect_role.id}',
    });
    expect(body(config, 'aws_iam_role_policy', 'websocket_connect_role').policy).toContain('b/$${aws:username}/*');
    expect(body(config, 'aws_lambda_function', 'websocket_connect')).toMatchObject({
      role: '${aws_iam_role.websocket_connect_role.arn}',
      depends_on: ['aws_iam_role_policy.websocket_connect_role'],
    });
    const shared = JSON.parse(body(config, 'aws_iam_role_policy', 'default-role').policy as string) as { Statement: Array<{ Resource: unknown }> };
    expect(shared.Statement[0]?.Resource).toEqual(['websocket_message', 'websocket_disconnect'].map((name) => `\${aws_cloudwatch_log_group.${name}.arn}:*`));
  });

  it('runs functions with manage_iam_role false as their iam_role_arn, and creates no role nobody uses', () => {
    const arn = 'arn:aws:iam::123456789012:role/chat';
    const config = build(CHAT, settingsOf({ manage_iam_role: false, iam_role_arn: arn }));

    expect(config.resource.aws_iam_role).toBeUndefined();
    expect(config.resource.aws_iam_role_policy).toBeUndefined();
    expect(body(config, 'aws_lambda_function', 'websocket_message').role).toBe(arn);
    expect(body(config, 'aws_lambda_function', 'websocket_message').depends_on).toBeUndefined();
  });

  it("refuses a function's own role without a policy, unless the stage's iam_policy_file is given", () => {
    const settings = resolveStageSettings({ autogen_policy: false }, 'dev'); // no readPolicy
    const policy = { Version: '2012-10-17', Statement: [] };

    expect(() => build(ECHO, settings)).toThrow('autogen_policy is false for websocket_message, so .wsapp/policy-dev.json');
    expect(body(build(ECHO, settings, policy), 'aws_iam_role_policy', 'websocket_message_role').policy).toBe(JSON.stringify(policy));
  });

  it('maps a custom domain to the stage, with the outputs of the SAM template for its URL and DNS', () => {
    const certificateArn = 'arn:aws:acm:us-east-1:123456789012:certificate/1';
    const domain = { domain_name: 'ws.example.com', certificate_arn: certificateArn, url_prefix: 'chat', tags: { team: 'chat' } };
    const config = build(CHAT, settingsOf({ websocket_api_custom_domain: domain }));

    expect(body(config, 'aws_apigatewayv2_domain_name', 'websocket_api_custom_domain')).toEqual({
      domain_name: 'ws.example.com',
      domain_name_configuration: { certificate_arn: certificateArn, endpoint_type: 'REGIONAL', security_policy: 'TLS_1_2' },
      tags: { team: 'chat' },
    });
    expect(body(config, 'aws_apigatewayv2_api_mapping', 'websocket_api_custom_domain_api_mapping')).toEqual({
      api_id: '${aws_apigatewayv2_api.websocket_api.id}',
      domain_name: '${aws_apigatewayv2_domain_name.websocket_api_custom_domain.id}',
      stage: '${aws_apigatewayv2_stage.websocket_api_stage.id}',
      api_mapping_key: 'chat',
    });
    const configuration = '${aws_apigatewayv2_domain_name.websocket_api_custom_domain.domain_name_configuration[0]';
    expect(config.output).toMatchObject({
      [CUSTOM_DOMAIN_LOGICAL_IDS.urlOutput]: { value: 'wss://ws.example.com/chat/' },
      [CUSTOM_DOMAIN_LOGICAL_IDS.regionalDomainNameOutput]: { value: `${configuration}.target_domain_name}` },
      [CUSTOM_DOMAIN_LOGICAL_IDS.regionalHostedZoneIdOutput]: { value: `${configuration}.hosted_zone_id}` },
    });
    const root = build(CHAT, settingsOf({ websocket_api_custom_domain: { domain_name: 'ws.example.com', certificate_arn: certificateArn } }));
    expect(body(root, 'aws_apigatewayv2_api_mapping', 'websocket_api_custom_domain_api_mapping').api_mapping_key).toBeUndefined();
    expect(root.output[CUSTOM_DOMAIN_LOGICAL_IDS.urlOutput]).toEqual({ value: 'wss://ws.example.com/' });
  });

  it('is deterministic, and refuses an app without handlers or with another app_name', () => {
    expect(serializeTerraform(build(ROOMS))).toBe(serializeTerraform(build({ ...ROOMS, routes: [...ROOMS.routes].reverse() })));
    expect(() => build({ ...ECHO, routes: [] })).toThrow('App echo-server registers no websocket handlers');
    expect(() => build(ECHO, resolveStageSettings({ app_name: 'other' }, 'dev'))).toThrow(
      'app_name in .wsapp/config.json ("other") differs from the app\'s name ("echo-server")',
    );
  });
});
