// `wsapp package` of apps with a heartbeat, through the real binary and fixture apps on disk:
// the SAM template (validated, and merged), and wsapp.tf.json checked against the provider schema.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CfnTemplate, JsonObject } from '../src/template';
import type { TerraformJson } from '../src/terraform';
import { loadAwsProviderSchema } from './helpers/aws-provider-schema';
import { runCli } from './helpers/run-cli';
import { temporaryFolder } from './helpers/temporary-folder';
import { checkTerraformAgainstSchema } from './helpers/terraform-schema-check';

const FIXTURES = join(__dirname, 'fixtures');
/** `$connect` and the default heartbeat only. */
const KEEPALIVE_APP = join(FIXTURES, 'heartbeat-app');
/** A heartbeat on `keep-alive` answering `{"type":"still-here"}`, beside the custom route `sendMessage`. */
const ROOMS_APP = join(FIXTURES, 'heartbeat-rooms-app');
const HEARTBEAT_IDS = ['WebsocketRoutePing', 'WebsocketRoutePingMockIntegration', 'WebsocketRoutePingIntegrationResponse', 'WebsocketRoutePingResponse'];

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
const typesOf = (template: CfnTemplate): Record<string, string> =>
  Object.fromEntries(Object.entries(template.Resources).map(([id, resource]) => [id, resource.Type]));

describe('wsapp package for an app with a heartbeat', () => {
  const work = temporaryFolder('heartbeat-package');
  afterAll(() => work.remove());

  it('writes and validates a template whose heartbeat is a MOCK route with the frame, with no function for it', () => {
    const run = runCli(['package', '--app', KEEPALIVE_APP, '--validate', 'keepalive'], work.path);

    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Validated sam.json: no errors');
    expect(run.stdout).toContain('Functions: WebsocketConnect\n');
    expect(run.stdout).toMatch(/^Routes: .*ping \(two-way\) \[WebsocketRoutePing -> MOCK integration, answers \{"action":"pong"\}\]/m);
    const template = readJson<CfnTemplate>(join(work.path, 'keepalive', 'sam.json'));
    expect(typesOf(template)).toMatchObject({
      WebsocketRoutePing: 'AWS::ApiGatewayV2::Route',
      WebsocketRoutePingMockIntegration: 'AWS::ApiGatewayV2::Integration',
      WebsocketRoutePingIntegrationResponse: 'AWS::ApiGatewayV2::IntegrationResponse',
      WebsocketRoutePingResponse: 'AWS::ApiGatewayV2::RouteResponse',
    });
    expect(template.Resources.WebsocketRoutePingIntegrationResponse?.Properties).toMatchObject({
      IntegrationResponseKey: '$default',
      ResponseTemplates: { $default: '{"action":"pong"}' },
    });
    expect(Object.values(typesOf(template)).filter((type) => type === 'AWS::Serverless::Function')).toHaveLength(1);
    expect(template.Resources.WebsocketMessage).toBeUndefined();
    expect(template.Resources.WebsocketAPIDeployment?.DependsOn).toEqual(expect.arrayContaining(['WebsocketRoutePing', 'WebsocketRoutePingResponse']));
  });

  it("merges a merge template that changes the heartbeat's frame and adds a table, and the result still validates", () => {
    const merge = join(FIXTURES, 'heartbeat-resources.json');

    const run = runCli(['package', '--app', KEEPALIVE_APP, '--merge-template', merge, '--validate', 'merged'], work.path);

    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Validated sam.json: no errors');
    const template = readJson<CfnTemplate>(join(work.path, 'merged', 'sam.json'));
    for (const id of HEARTBEAT_IDS) expect(template.Resources[id]).toBeDefined();
    expect(template.Resources.WebsocketRoutePingIntegrationResponse?.Properties).toMatchObject({
      IntegrationId: { Ref: 'WebsocketRoutePingMockIntegration' },
      ResponseTemplates: { $default: '{"action":"pong","region":"eu"}' },
      TemplateSelectionExpression: '\\$default',
    });
    expect(((template.Resources.WebsocketConnect?.Properties as JsonObject).Environment as JsonObject).Variables).toEqual({
      NODE_OPTIONS: '--enable-source-maps',
      TABLE: { Ref: 'PresenceTable' },
    });
    expect(template.Resources.PresenceTable?.Type).toBe('AWS::DynamoDB::Table');
  });

  it('still routes a custom route to WebsocketMessage beside a heartbeat with its own key and frame', () => {
    const run = runCli(['package', '--app', ROOMS_APP, '--validate', 'rooms'], work.path);

    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Functions: WebsocketMessage\n');
    const template = readJson<CfnTemplate>(join(work.path, 'rooms', 'sam.json'));
    expect(template.Resources.WebsocketRouteSendMessage?.Properties).toMatchObject({
      Target: { 'Fn::Join': ['/', ['integrations', { Ref: 'WebsocketMessageAPIIntegration' }]] },
    });
    const heartbeatRoute = Object.entries(template.Resources).find(([, resource]) => (resource.Properties as JsonObject).RouteKey === 'keep-alive');
    expect(heartbeatRoute?.[0]).toMatch(/^WebsocketRouteKeepAlive[0-9A-F]{8}$/);
    expect(template.Resources[`${heartbeatRoute?.[0]}IntegrationResponse`]?.Properties).toMatchObject({
      ResponseTemplates: { $default: '{"type":"still-here"}' },
    });
  });

  it('writes the same resources to wsapp.tf.json, which passes the provider schema, and names them in the summary', () => {
    const schema = loadAwsProviderSchema();

    const run = runCli(['package', '--app', KEEPALIVE_APP, '--pkg-format', 'terraform', 'tf'], work.path);

    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Functions: websocket_connect\n');
    expect(run.stdout).toContain('Routes: $connect, ping (two-way) [websocket_route_ping -> MOCK integration, answers {"action":"pong"}]\n');
    const config = readJson<TerraformJson>(join(work.path, 'tf', 'wsapp.tf.json'));
    expect(Object.keys(config.resource.aws_apigatewayv2_integration ?? {})).toEqual([
      'websocket_connect_api_integration',
      'websocket_route_ping_mock_integration',
    ]);
    expect(Object.keys(config.resource.aws_apigatewayv2_integration_response ?? {})).toEqual(['websocket_route_ping_integration_response']);
    expect(Object.keys(config.resource.aws_apigatewayv2_route_response ?? {})).toEqual(['websocket_route_ping_response']);
    expect(Object.keys(config.resource.aws_lambda_function ?? {})).toEqual(['websocket_connect']);
    expect(checkTerraformAgainstSchema(config, schema)).toEqual([]);
  }, 600_000);
});
