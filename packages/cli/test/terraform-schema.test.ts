// wsapp.tf.json checked against the machine-readable schema of the AWS provider (hashicorp/aws
// 6.25.0, from @cdktf/provider-aws 21.22.1, pinned in tools/aws-provider-schema and installed on first run): every resource and data source
// type, argument and block name (nested ones too), the required ones, no computed-only ones,
// and every reference to another resource's attribute.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseProjectConfig, resolveStageSettings } from '../src/config';
import { buildTerraformTemplate, customRouteName, type TerraformJson } from '../src/terraform';
import type { AppModel, JsonObject } from '../src/template';
import { loadAwsProviderSchema, type AwsProviderSchema } from './helpers/aws-provider-schema';
import { makeApp } from './helpers/local-process';
import { runCli } from './helpers/run-cli';
import { temporaryFolder } from './helpers/temporary-folder';
import { checkTerraformAgainstSchema } from './helpers/terraform-schema-check';

const ROOT = resolve(__dirname, '..', '..', '..');
const FIXTURES = join(__dirname, 'fixtures', 'terraform');
const readJson = (path: string): TerraformJson => JSON.parse(readFileSync(path, 'utf8')) as TerraformJson;
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** An app with an authorizer (and no `$connect` handler), custom routes, and two-way routes, custom and `$default`. */
const GUARDED_ROOMS = `import { WsApp } from '@wsapp/framework';

export const app = new WsApp({ name: 'guarded-rooms', routeSelectionExpression: '$request.body.type' });

app.authorizer((request) => (request.queryStringParameters?.token === 'letmein' ? { principalId: 'user-1' } : null), {
  identitySources: ['route.request.querystring.token'],
});
app.onWsRoute('sendMessage', (event) => app.websocketApi.send(event.connectionId, event.body));
app.onWsRoute('join-room', () => 'joined', { twoWay: true });
app.onWsMessage(() => 'echo', { twoWay: true });
app.onWsDisconnect(() => undefined);
`;

/** Every config key that changes the Terraform output, at the levels Chalice allows. */
const GUARDED_ROOMS_CONFIG = {
  version: '1.0',
  app_name: 'guarded-rooms',
  log_retention_in_days: 30,
  tags: { team: 'rooms' },
  layers: ['arn:aws:lambda:us-east-1:123456789012:layer:deps:3'],
  xray: true,
  stages: {
    dev: {
      subnet_ids: ['subnet-1', 'subnet-2'],
      security_group_ids: ['sg-1'],
      websocket_api_custom_domain: {
        domain_name: 'ws.example.com',
        certificate_arn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
        url_prefix: 'rooms',
        tags: { team: 'rooms' },
      },
      lambda_functions: {
        websocket_message: { reserved_concurrency: 10, log_level: 'INFO', lambda_memory_size: 512 },
        websocket_authorizer: { autogen_policy: false, iam_policy_file: 'authorizer-policy.json', lambda_timeout: 5 },
        websocket_disconnect: { manage_iam_role: false, iam_role_arn: 'arn:aws:iam::123456789012:role/rooms-disconnect' },
      },
    },
  },
};

/** The authorizer's own policy: its secret, and what a function in a VPC with X-Ray needs (or wsapp warns). */
const AUTHORIZER_POLICY = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:${aws:username}' },
    { Effect: 'Allow', Action: ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DeleteNetworkInterface'], Resource: '*' },
    { Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' },
  ],
};

/** Terraform's override files: each top-level argument of an overriding block replaces the original's. */
function applyOverride(config: TerraformJson, override: TerraformJson): TerraformJson {
  const merged = copy(config);
  for (const [type, named] of Object.entries(override.resource)) {
    for (const [name, body] of Object.entries(named)) Object.assign((merged.resource[type] ??= {})[name] ?? {}, body);
  }
  return merged;
}

/** Several configuration files of one module, read together as Terraform reads a folder (no name may repeat). */
function together(...configs: TerraformJson[]): TerraformJson {
  const module = copy(configs[0] as TerraformJson);
  for (const config of configs.slice(1)) {
    for (const [type, named] of Object.entries(config.resource)) {
      for (const [name, body] of Object.entries(named)) {
        if (module.resource[type]?.[name] !== undefined) throw new Error(`${type}.${name} is declared twice`);
        (module.resource[type] ??= {})[name] = body;
      }
    }
  }
  return module;
}

describe('the schema of hashicorp/aws', () => {
  let schema: AwsProviderSchema;
  beforeAll(() => {
    schema = loadAwsProviderSchema(); // installs it first on a fresh checkout (a 37 MB download)
  }, 600_000);

  it('is the real provider schema of a recent version, read from @cdktf/provider-aws', () => {
    expect(schema.providerVersion).toBe('6.25.0');
    expect(schema.source).toBe('@cdktf/provider-aws@21.22.1');
    expect(schema.resourceTypes().length).toBeGreaterThan(1500);
    const lambda = schema.resource('aws_lambda_function');
    expect([...(lambda?.settable.values() ?? [])].filter((argument) => argument.required).map((argument) => argument.name).sort()).toEqual([
      'function_name',
      'role',
    ]);
    expect([...(lambda?.computedOnly ?? [])]).toEqual(expect.arrayContaining(['arn', 'invoke_arn', 'version', 'qualified_arn']));
    expect(lambda?.settable.get('vpc_config')?.block?.().computedOnly).toEqual(new Set(['vpc_id']));
    expect(lambda?.settable.get('logging_config')?.block?.().settable.get('log_format')?.required).toBe(true);
    expect(schema.data('aws_partition')?.computedOnly.has('partition')).toBe(true);
  });

  it("passes Chalice's own chalice.tf.json but for the null provider's data source, which is not the AWS provider's", () => {
    expect(checkTerraformAgainstSchema(readJson(join(FIXTURES, 'echo-chalice.tf.json')), schema)).toEqual([
      'data.null_data_source: not a data source type of hashicorp/aws 6.25.0',
    ]);
  });

  it('finds each kind of mistake: types, arguments, nested blocks, required, computed-only, values and references', () => {
    const app: AppModel = { name: 'echo', routeSelectionExpression: '$request.body.action', routes: [{ routeKey: '$default', kind: 'message', twoWay: false }] };
    const config = copy(buildTerraformTemplate({ app, settings: resolveStageSettings({}, 'dev'), wsappVersion: '0.1.0' }));
    const lambda = config.resource.aws_lambda_function?.websocket_message as JsonObject;
    Object.assign(lambda, {
      memory: 256,
      arn: 'arn:aws:lambda:us-east-1:123456789012:function:echo',
      timeout: 'long',
      tracing_config: 'Active',
      vpc_config: { subnet_ids: ['subnet-1'], security_group_ids: ['sg-1'], vpc_id: 'vpc-1', subnets: [] },
      logging_config: { log_group: 'x' },
      depends_on: ['aws_iam_role_policy.nope'],
    });
    delete (config.resource.aws_apigatewayv2_route?.websocket_message_route as JsonObject).api_id;
    config.resource.aws_apigatewayv2_websocket = { api: {} };
    config.data = { aws_regionz: { here: {} } };
    config.output.Url = { value: '${aws_apigatewayv2_stage.websocket_api_stage.invoke_uri}/${aws_lambda_function.nope.arn}' };

    expect(checkTerraformAgainstSchema(config, schema).sort()).toEqual(
      [
        'resource.aws_lambda_function.websocket_message.memory: memory is not an argument or block here',
        'resource.aws_lambda_function.websocket_message.arn: arn is computed by the provider and cannot be set',
        'resource.aws_lambda_function.websocket_message.timeout: a number is expected, got "long"',
        'resource.aws_lambda_function.websocket_message.tracing_config: a block is expected, got "Active"',
        'resource.aws_lambda_function.websocket_message.vpc_config.vpc_id: vpc_id is computed by the provider and cannot be set',
        'resource.aws_lambda_function.websocket_message.vpc_config.subnets: subnets is not an argument or block here',
        'resource.aws_lambda_function.websocket_message.logging_config: the required log_format is missing',
        'resource.aws_lambda_function.websocket_message.depends_on: aws_iam_role_policy.nope is not declared',
        'resource.aws_apigatewayv2_route.websocket_message_route: the required api_id is missing',
        'resource.aws_apigatewayv2_websocket: not a resource type of hashicorp/aws 6.25.0',
        'data.aws_regionz: not a data source type of hashicorp/aws 6.25.0',
        '${aws_apigatewayv2_stage.websocket_api_stage.invoke_uri}: invoke_uri is not an attribute of aws_apigatewayv2_stage.websocket_api_stage',
        '${aws_lambda_function.nope.arn}: aws_lambda_function.nope is not declared',
      ].sort(),
    );
  });

  it('passes wsapp.tf.json of an app with every config key that changes it and a heartbeat, built in process', () => {
    const app: AppModel = {
      name: 'everything',
      routeSelectionExpression: '$request.body.type',
      routes: [
        { routeKey: '$connect', kind: 'connect', twoWay: false },
        { routeKey: '$default', kind: 'message', twoWay: true },
        { routeKey: 'send-message', kind: 'custom', twoWay: true },
        { routeKey: 'ping', kind: 'heartbeat', twoWay: true, response: '{"action":"pong"}' },
      ],
      authorizer: { identitySources: ['route.request.header.Authorization'] },
    };
    const config = { ...GUARDED_ROOMS_CONFIG, app_name: 'everything' };
    const settings = resolveStageSettings(parseProjectConfig(config, 'config.json'), 'dev', { readPolicy: () => AUTHORIZER_POLICY });
    const built = buildTerraformTemplate({ app, settings, wsappVersion: '0.1.0' });

    expect(Object.keys(built.resource).sort()).toEqual(
      [
        'aws_apigatewayv2_api',
        'aws_apigatewayv2_api_mapping',
        'aws_apigatewayv2_authorizer',
        'aws_apigatewayv2_deployment',
        'aws_apigatewayv2_domain_name',
        'aws_apigatewayv2_integration',
        'aws_apigatewayv2_integration_response',
        'aws_apigatewayv2_route',
        'aws_apigatewayv2_route_response',
        'aws_apigatewayv2_stage',
        'aws_cloudwatch_log_group',
        'aws_iam_role',
        'aws_iam_role_policy',
        'aws_lambda_function',
        'aws_lambda_permission',
      ].sort(),
    );
    expect(checkTerraformAgainstSchema(built, schema)).toEqual([]);
  });

  describe('for apps packaged by wsapp package --pkg-format terraform', () => {
    const work = temporaryFolder('terraform-schema');
    const apps: string[] = [];
    afterAll(() => {
      work.remove();
      for (const dir of apps) rmSync(dir, { recursive: true, force: true });
    });
    const packaged = (app: string, out: string): TerraformJson => {
      const run = runCli(['package', '--app', app, '--pkg-format', 'terraform', out], work.path);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      return readJson(join(work.path, out, 'wsapp.tf.json'));
    };

    it('passes the echo example', () => {
      const config = packaged(join(ROOT, 'examples', 'echo-server'), 'echo');

      expect(Object.keys(config.resource.aws_lambda_function ?? {})).toEqual(['websocket_message']);
      expect(checkTerraformAgainstSchema(config, schema)).toEqual([]);
    });

    it("passes the chat example, alone and with its user's own table file and override file", () => {
      const config = packaged(join(ROOT, 'examples', 'chat'), 'chat');
      const table = readJson(join(FIXTURES, 'chat-table.tf.json'));
      const override = readJson(join(FIXTURES, 'wsapp_override.tf.json'));

      expect(Object.keys(config.resource.aws_lambda_function ?? {})).toEqual(['websocket_connect', 'websocket_message', 'websocket_disconnect']);
      expect(checkTerraformAgainstSchema(config, schema)).toEqual([]);
      const withTable = applyOverride(together(config, table), override);
      expect(withTable.resource.aws_lambda_function?.websocket_message?.environment).toEqual({
        variables: { NODE_OPTIONS: '--enable-source-maps', TABLE: '${aws_dynamodb_table.chat.name}' },
      });
      expect(checkTerraformAgainstSchema(withTable, schema)).toEqual([]);
    });

    it('passes an app with an authorizer, custom and two-way routes, and every config key that changes the output', () => {
      const dir = makeApp({ 'app.ts': GUARDED_ROOMS });
      apps.push(dir);
      mkdirSync(join(dir, '.wsapp'), { recursive: true });
      writeFileSync(join(dir, '.wsapp', 'config.json'), JSON.stringify(GUARDED_ROOMS_CONFIG));
      writeFileSync(join(dir, '.wsapp', 'authorizer-policy.json'), JSON.stringify(AUTHORIZER_POLICY));

      const config = packaged(dir, 'rooms');

      expect(Object.keys(config.resource.aws_apigatewayv2_route ?? {})).toEqual([
        'websocket_connect_route', // the authorizer's, to the MOCK integration
        'websocket_disconnect_route',
        'websocket_message_route',
        customRouteName('join-room'),
        'websocket_route_sendMessage',
      ]);
      expect(Object.keys(config.resource.aws_apigatewayv2_route_response ?? {})).toHaveLength(2);
      expect(Object.keys(config.resource.aws_iam_role ?? {}).sort()).toEqual(['default-role', 'websocket_authorizer_role']);
      expect(config.resource.aws_apigatewayv2_domain_name).toBeDefined();
      expect(checkTerraformAgainstSchema(config, schema)).toEqual([]);
    });
  });
});
