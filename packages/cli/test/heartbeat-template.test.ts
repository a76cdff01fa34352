// The heartbeat route (`app.heartbeat()`) in both outputs, built in process from real WsApps:
// a two-way route to a MOCK integration whose integration response template is the app's frame,
// and a `$default` route response, so API Gateway answers it and no function runs.
import { WsApp } from '@wsapp/framework';
import { resolveStageSettings } from '../src/config';
import {
  appModelOf,
  buildSamTemplate,
  customRouteLogicalId,
  heartbeatLogicalIds,
  serializeTemplate,
  type AppModel,
  type CfnResource,
  type CfnTemplate,
  type JsonObject,
} from '../src/template';
import { buildTerraformTemplate, heartbeatNames, terraformSummary, type TerraformJson } from '../src/terraform';
import { TemplateValidator, isFailure } from '../src/validate';
import { loadAwsProviderSchema, type AwsProviderSchema } from './helpers/aws-provider-schema';
import { checkTerraformAgainstSchema } from './helpers/terraform-schema-check';

/** The chat app of the tutorial reduced to what a keep-alive needs: `$connect` and the default heartbeat. */
function keepaliveApp(): AppModel {
  const app = new WsApp({ name: 'keepalive' }).heartbeat();
  app.onWsConnect(() => undefined);
  return appModelOf(app);
}

/** A heartbeat with its own key and frame beside a custom route. */
function roomsApp(): AppModel {
  const app = new WsApp({ name: 'rooms', routeSelectionExpression: '$request.body.type' }).heartbeat({
    routeKey: 'keep-alive',
    response: '{"type":"still-here"}',
  });
  app.onWsRoute('sendMessage', () => undefined);
  return appModelOf(app);
}

const settings = resolveStageSettings({}, 'dev');
const sam = (app: AppModel): CfnTemplate => buildSamTemplate({ app, settings, wsappVersion: '0.1.0' });
const terraform = (app: AppModel): TerraformJson => buildTerraformTemplate({ app, settings, wsappVersion: '0.1.0' });
const ofType = (template: CfnTemplate, type: string): string[] =>
  Object.entries(template.Resources)
    .filter(([, resource]) => resource.Type === type)
    .map(([id]) => id);
const api = { Ref: 'WebsocketAPI' };

/** The four resources of the default heartbeat, exactly. */
const PING_RESOURCES: Record<string, CfnResource> = {
  WebsocketRoutePingMockIntegration: {
    Type: 'AWS::ApiGatewayV2::Integration',
    Properties: {
      ApiId: api,
      IntegrationType: 'MOCK',
      RequestTemplates: { $default: '{"statusCode": 200}' },
      TemplateSelectionExpression: '\\$default',
    },
  },
  WebsocketRoutePingIntegrationResponse: {
    Type: 'AWS::ApiGatewayV2::IntegrationResponse',
    Properties: {
      ApiId: api,
      IntegrationId: { Ref: 'WebsocketRoutePingMockIntegration' },
      IntegrationResponseKey: '$default',
      ResponseTemplates: { $default: '{"action":"pong"}' },
      TemplateSelectionExpression: '\\$default',
    },
  },
  WebsocketRoutePing: {
    Type: 'AWS::ApiGatewayV2::Route',
    Properties: {
      ApiId: api,
      RouteKey: 'ping',
      Target: { 'Fn::Join': ['/', ['integrations', { Ref: 'WebsocketRoutePingMockIntegration' }]] },
      RouteResponseSelectionExpression: '$default',
    },
  },
  WebsocketRoutePingResponse: {
    Type: 'AWS::ApiGatewayV2::RouteResponse',
    Properties: { ApiId: api, RouteId: { Ref: 'WebsocketRoutePing' }, RouteResponseKey: '$default' },
  },
};

describe('the SAM template of an app with a heartbeat', () => {
  let validator: TemplateValidator;
  beforeAll(async () => {
    validator = await TemplateValidator.create();
  });
  afterAll(() => validator.free());

  it('answers the heartbeat with a MOCK route, an integration response holding the frame and a $default route response', () => {
    const template = sam(keepaliveApp());

    for (const [id, resource] of Object.entries(PING_RESOURCES)) expect({ id, resource: template.Resources[id] }).toEqual({ id, resource });
    expect(heartbeatLogicalIds('ping')).toEqual({
      route: 'WebsocketRoutePing',
      integration: 'WebsocketRoutePingMockIntegration',
      integrationResponse: 'WebsocketRoutePingIntegrationResponse',
      routeResponse: 'WebsocketRoutePingResponse',
    });
  });

  it('creates no function, Lambda integration or permission for the heartbeat, and no websocket_message for it alone', () => {
    const template = sam(keepaliveApp());

    expect(Object.keys(template.Resources).sort()).toEqual(
      [
        'DefaultRole',
        'WebsocketAPI',
        'WebsocketAPIDeployment',
        'WebsocketAPIStage',
        'WebsocketConnect',
        'WebsocketConnectAPIIntegration',
        'WebsocketConnectInvokePermission',
        'WebsocketConnectLogGroup',
        'WebsocketConnectRoute',
        ...Object.keys(PING_RESOURCES),
      ].sort(),
    );
    expect(ofType(template, 'AWS::Serverless::Function')).toEqual(['WebsocketConnect']);
    expect(ofType(template, 'AWS::Lambda::Permission')).toEqual(['WebsocketConnectInvokePermission']);
    expect(Object.keys(template.Outputs as JsonObject)).not.toContain('WebsocketMessageHandlerArn');
  });

  it('makes the deployment wait for the heartbeat route, its integration response and its route response', () => {
    const template = sam(keepaliveApp());

    expect(template.Resources.WebsocketAPIDeployment?.DependsOn).toEqual([
      'WebsocketConnectRoute',
      'WebsocketRoutePing',
      'WebsocketRoutePingIntegrationResponse',
      'WebsocketRoutePingResponse',
    ]);
  });

  it('still routes a custom route to WebsocketMessage beside a heartbeat with its own key and frame', () => {
    const template = sam(roomsApp());
    const ids = heartbeatLogicalIds('keep-alive');

    expect(ids.route).toBe(customRouteLogicalId('keep-alive'));
    expect(ids.route).toMatch(/^WebsocketRouteKeepAlive[0-9A-F]{8}$/);
    expect(template.Resources.WebsocketRouteSendMessage?.Properties).toMatchObject({
      RouteKey: 'sendMessage',
      Target: { 'Fn::Join': ['/', ['integrations', { Ref: 'WebsocketMessageAPIIntegration' }]] },
    });
    expect(template.Resources[ids.route]?.Properties).toMatchObject({
      RouteKey: 'keep-alive',
      Target: { 'Fn::Join': ['/', ['integrations', { Ref: ids.integration }]] },
      RouteResponseSelectionExpression: '$default',
    });
    expect((template.Resources[ids.integrationResponse]?.Properties as JsonObject).ResponseTemplates).toEqual({
      $default: '{"type":"still-here"}',
    });
    expect(ofType(template, 'AWS::Serverless::Function')).toEqual(['WebsocketMessage']);
    expect(ofType(template, 'AWS::ApiGatewayV2::Route').sort()).toEqual([ids.route, 'WebsocketRouteSendMessage'].sort());
  });

  it('passes AWS CloudFormation Validate, as JSON and as YAML', () => {
    for (const app of [keepaliveApp(), roomsApp()]) {
      for (const format of ['json', 'yaml'] as const) {
        const failures = validator.validate(serializeTemplate(sam(app), format), `sam.${format}`).filter(isFailure);
        expect({ app: app.name, format, failures }).toEqual({ app: app.name, format, failures: [] });
      }
    }
  });

  it('is checked by the validator: a misspelt integration response property or a route response without its key fails', () => {
    const template = sam(keepaliveApp());
    const integrationResponse = template.Resources.WebsocketRoutePingIntegrationResponse?.Properties as JsonObject;
    integrationResponse.ResponseTemplate = integrationResponse.ResponseTemplates ?? {};
    delete integrationResponse.ResponseTemplates;
    delete (template.Resources.WebsocketRoutePingResponse?.Properties as JsonObject).RouteResponseKey;

    const failures = validator.validate(serializeTemplate(template, 'json'), 'sam.json').filter(isFailure);

    expect(failures).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ logicalId: 'WebsocketRoutePingIntegrationResponse' }),
        expect.objectContaining({ logicalId: 'WebsocketRoutePingResponse' }),
      ]),
    );
  });

  it('refuses a heartbeat whose logical IDs a custom route already has', () => {
    const app = new WsApp({ name: 'clash' }).heartbeat();
    app.onWsRoute('pingMockIntegration', () => undefined);

    expect(() => sam(appModelOf(app))).toThrow(
      'The heartbeat route needs the logical ID WebsocketRoutePingMockIntegration, which is already taken',
    );
  });

  it("refuses an app model whose heartbeat route has lost its response, instead of answering with nothing", () => {
    const app: AppModel = { ...keepaliveApp(), routes: keepaliveApp().routes.map(({ routeKey, kind, twoWay }) => ({ routeKey, kind, twoWay })) };

    expect(() => sam(app)).toThrow('The heartbeat route "ping" has no response to answer with; register it with app.heartbeat()');
  });
});

describe('appModelOf', () => {
  it("keeps the heartbeat's response and gives other routes none", () => {
    expect(keepaliveApp().routes).toEqual([
      { routeKey: 'ping', kind: 'heartbeat', twoWay: true, response: '{"action":"pong"}' },
      { routeKey: '$connect', kind: 'connect', twoWay: false },
    ]);
    expect(keepaliveApp().routes[1]).not.toHaveProperty('response');
  });
});

describe('the Terraform output of an app with a heartbeat', () => {
  let schema: AwsProviderSchema;
  beforeAll(() => {
    schema = loadAwsProviderSchema();
  }, 600_000);
  const apiId = '${aws_apigatewayv2_api.websocket_api.id}';

  it('declares the same four resources under Chalice-style names, and no function or permission for the heartbeat', () => {
    const config = terraform(keepaliveApp());
    const names = heartbeatNames('ping');

    expect(names).toEqual({
      route: 'websocket_route_ping',
      integration: 'websocket_route_ping_mock_integration',
      integrationResponse: 'websocket_route_ping_integration_response',
      routeResponse: 'websocket_route_ping_response',
    });
    expect(config.resource.aws_apigatewayv2_integration?.[names.integration]).toEqual({
      api_id: apiId,
      integration_type: 'MOCK',
      request_templates: { $default: '{"statusCode": 200}' },
      template_selection_expression: '\\$default',
    });
    expect(config.resource.aws_apigatewayv2_integration_response).toEqual({
      [names.integrationResponse]: {
        api_id: apiId,
        integration_id: '${aws_apigatewayv2_integration.websocket_route_ping_mock_integration.id}',
        integration_response_key: '$default',
        response_templates: { $default: '{"action":"pong"}' },
        template_selection_expression: '\\$default',
      },
    });
    expect(config.resource.aws_apigatewayv2_route?.[names.route]).toEqual({
      api_id: apiId,
      route_key: 'ping',
      target: 'integrations/${aws_apigatewayv2_integration.websocket_route_ping_mock_integration.id}',
      route_response_selection_expression: '$default',
    });
    expect(config.resource.aws_apigatewayv2_route_response).toEqual({
      [names.routeResponse]: { api_id: apiId, route_id: '${aws_apigatewayv2_route.websocket_route_ping.id}', route_response_key: '$default' },
    });
    expect(Object.keys(config.resource.aws_lambda_function ?? {})).toEqual(['websocket_connect']);
    expect(Object.keys(config.resource.aws_lambda_permission ?? {})).toEqual(['websocket_connect_invoke_permission']);
  });

  it('deploys after the heartbeat route, its integration response and its route response, and again when they change', () => {
    const deployment = terraform(keepaliveApp()).resource.aws_apigatewayv2_deployment?.websocket_api_deployment as JsonObject;

    expect(deployment.depends_on).toEqual([
      'aws_apigatewayv2_integration_response.websocket_route_ping_integration_response',
      'aws_apigatewayv2_route.websocket_connect_route',
      'aws_apigatewayv2_route.websocket_route_ping',
      'aws_apigatewayv2_route_response.websocket_route_ping_response',
    ]);
    expect((deployment.triggers as JsonObject).redeployment).toContain('aws_apigatewayv2_integration.websocket_route_ping_mock_integration, ');
    expect((deployment.triggers as JsonObject).redeployment).toContain('aws_apigatewayv2_integration_response.websocket_route_ping_integration_response, ');
  });

  it('passes the schema of hashicorp/aws, with a custom route beside the heartbeat on websocket_message', () => {
    const config = terraform(roomsApp());
    const names = heartbeatNames('keep-alive');

    expect(names.route).toMatch(/^websocket_route_keep_alive_[0-9a-f]{8}$/);
    expect(config.resource.aws_apigatewayv2_route?.websocket_route_sendMessage?.target).toBe(
      'integrations/${aws_apigatewayv2_integration.websocket_message_api_integration.id}',
    );
    expect(Object.keys(config.resource.aws_apigatewayv2_route ?? {}).sort()).toEqual([names.route, 'websocket_route_sendMessage'].sort());
    expect(checkTerraformAgainstSchema(config, schema)).toEqual([]);
    expect(checkTerraformAgainstSchema(terraform(keepaliveApp()), schema)).toEqual([]);
  });

  it("escapes a frame's %{ for Terraform's string templates, so the frame arrives as the app gave it", () => {
    const app = new WsApp({ name: 'percent' }).heartbeat({ response: '{"progress":"100%{done}"}' });
    app.onWsConnect(() => undefined);

    const config = terraform(appModelOf(app));

    expect(config.resource.aws_apigatewayv2_integration_response?.[heartbeatNames('ping').integrationResponse]?.response_templates).toEqual({
      $default: '{"progress":"100%%{done}"}',
    });
  });

  it('names the heartbeat, its MOCK integration and its frame in the summary', () => {
    const app = keepaliveApp();

    expect(terraformSummary(app, terraform(app), settings)).toEqual([
      'Functions: websocket_connect',
      'Routes: $connect, ping (two-way) [websocket_route_ping -> MOCK integration, answers {"action":"pong"}]',
    ]);
  });
});
