// websocket_api_custom_domain in the SAM template: Chalice's resources and logical IDs for the
// same config (chalice/package.py `_add_websocket_domain_name`, checked by Chalice's own
// `test_can_generate_domain_for_ws_endpoint`), Chalice's Outputs unchanged plus wsapp's three
// for DNS, --validate clean, and app.websocketApi still working behind the domain.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WsApp, managementEndpointFor } from '@wsapp/framework';
import { capturedEvent } from '@wsapp/local/testing';
import { parseProjectConfig, resolveStageSettings, type ProjectConfig } from '../src/config';
import { mergeTemplate } from '../src/merge';
import { CUSTOM_DOMAIN_LOGICAL_IDS, buildSamTemplate, serializeTemplate, type AppModel, type CfnTemplate, type JsonObject } from '../src/template';
import { TemplateValidator, isFailure } from '../src/validate';

const ECHO: AppModel = {
  name: 'echo-server',
  routeSelectionExpression: '$request.body.action',
  routes: [{ routeKey: '$default', kind: 'message', twoWay: false }],
};
const CERTIFICATE = 'arn:aws:acm:us-west-2:123456789012:certificate/0c6e2a1e-1111-2222-3333-444455556666';
const build = (config: ProjectConfig, stage = 'dev'): CfnTemplate =>
  buildSamTemplate({ app: ECHO, settings: resolveStageSettings(config, stage), wsappVersion: '0.1.0' });
const chaliceEcho = (): CfnTemplate =>
  JSON.parse(readFileSync(join(__dirname, 'fixtures', 'chalice-package', 'echo-sam.json'), 'utf8')) as CfnTemplate;

describe('websocket_api_custom_domain', () => {
  let validator: TemplateValidator;
  beforeAll(async () => {
    validator = await TemplateValidator.create();
  });
  afterAll(() => validator.free());

  it("gives Chalice's two resources for Chalice's test config, plus the security policy", () => {
    // The config of Chalice's test_can_generate_domain_for_ws_endpoint, and what it expects.
    const template = build({
      api_gateway_stage: 'api',
      websocket_api_custom_domain: { certificate_arn: 'my_cert_arn', domain_name: 'example.com', tags: { foo: 'bar', bar: 'baz' } },
    });

    expect(template.Resources.WebsocketApiCustomDomain).toEqual({
      Type: 'AWS::ApiGatewayV2::DomainName',
      Properties: {
        DomainName: 'example.com',
        // Chalice's SAM template leaves SecurityPolicy to API Gateway's default, TLS_1_2; wsapp writes it.
        DomainNameConfigurations: [{ CertificateArn: 'my_cert_arn', EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_2' }],
        Tags: { foo: 'bar', bar: 'baz' },
      },
    });
    expect(template.Resources.WebsocketApiCustomDomainMapping).toEqual({
      Type: 'AWS::ApiGatewayV2::ApiMapping',
      Properties: {
        DomainName: { Ref: 'WebsocketApiCustomDomain' },
        ApiId: { Ref: 'WebsocketAPI' },
        ApiMappingKey: '(none)',
        Stage: { Ref: 'WebsocketAPIStage' },
      },
    });
    expect([CUSTOM_DOMAIN_LOGICAL_IDS.domainName, CUSTOM_DOMAIN_LOGICAL_IDS.apiMapping]).toEqual(['WebsocketApiCustomDomain', 'WebsocketApiCustomDomainMapping']);
  });

  it("keeps Chalice's Outputs as they are and adds where to point DNS and the URL to connect to", () => {
    const template = build({ stages: { dev: { websocket_api_custom_domain: { domain_name: 'ws.example.com', certificate_arn: CERTIFICATE } } } });

    expect(template.Outputs).toEqual({
      ...(chaliceEcho().Outputs as JsonObject),
      WebsocketApiCustomDomainRegionalDomainName: { Value: { 'Fn::GetAtt': ['WebsocketApiCustomDomain', 'RegionalDomainName'] } },
      WebsocketApiCustomDomainRegionalHostedZoneId: { Value: { 'Fn::GetAtt': ['WebsocketApiCustomDomain', 'RegionalHostedZoneId'] } },
      WebsocketApiCustomDomainURL: { Value: 'wss://ws.example.com/' },
    });
    expect(Object.keys(template.Outputs as JsonObject).slice(0, 4)).toEqual(Object.keys(chaliceEcho().Outputs as JsonObject));
  });

  it('maps the stage at url_prefix, which the URL output includes (without the API Gateway stage)', () => {
    const template = build({
      api_gateway_stage: 'v1',
      websocket_api_custom_domain: { domain_name: 'ws.example.com', certificate_arn: CERTIFICATE, url_prefix: 'chat' },
    });

    expect((template.Resources.WebsocketApiCustomDomainMapping?.Properties as JsonObject).ApiMappingKey).toBe('chat');
    expect((template.Outputs as JsonObject).WebsocketApiCustomDomainURL).toEqual({ Value: 'wss://ws.example.com/chat/' });
    expect((build({ websocket_api_custom_domain: { domain_name: 'ws.example.com', certificate_arn: CERTIFICATE, url_prefix: '/' } }).Resources
      .WebsocketApiCustomDomainMapping?.Properties as JsonObject).ApiMappingKey).toBe('(none)');
  });

  it('is per stage: a stage without one (and no top-level one) has no domain resources', () => {
    const config = parseProjectConfig(
      { stages: { dev: {}, prod: { websocket_api_custom_domain: { domain_name: 'ws.example.com', certificate_arn: CERTIFICATE } } } },
      'config.json',
    );

    expect(build(config, 'dev').Resources.WebsocketApiCustomDomain).toBeUndefined();
    expect(build(config, 'prod').Resources.WebsocketApiCustomDomain?.Type).toBe('AWS::ApiGatewayV2::DomainName');
  });

  it('validates, in JSON and YAML, and takes a Chalice merge template that refers to it', () => {
    const template = build({
      websocket_api_custom_domain: { domain_name: 'ws.example.com', certificate_arn: CERTIFICATE, url_prefix: 'chat', tags: { team: 'chat' } },
    });
    const merged = mergeTemplate(template, {
      Resources: {
        WebsocketDnsRecord: {
          Type: 'AWS::Route53::RecordSet',
          Properties: {
            HostedZoneName: 'example.com.',
            Name: 'ws.example.com.',
            Type: 'A',
            AliasTarget: {
              DNSName: { 'Fn::GetAtt': ['WebsocketApiCustomDomain', 'RegionalDomainName'] },
              HostedZoneId: { 'Fn::GetAtt': ['WebsocketApiCustomDomain', 'RegionalHostedZoneId'] },
            },
          },
        },
      },
    });

    for (const format of ['json', 'yaml'] as const) {
      const findings = validator.validate(serializeTemplate(merged, format), `sam.${format}`).filter((finding) => finding.severity !== 'INFO');
      expect(findings).toEqual([]);
      expect(findings.filter(isFailure)).toEqual([]);
    }
  });

  it('leaves app.websocketApi working: it derives the @connections endpoint from the API id and stage, not the domain', async () => {
    const template = build({ api_gateway_stage: 'v1', websocket_api_custom_domain: { domain_name: 'ws.example.com', certificate_arn: CERTIFICATE } });
    const stage = (template.Resources.WebsocketAPIStage?.Properties as JsonObject).StageName as string;
    const app = new WsApp({ name: 'echo-server' });
    let endpoint = '';
    app.onWsMessage(() => {
      endpoint = app.websocketApi.endpoint;
    });
    const region = process.env.AWS_REGION;
    process.env.AWS_REGION = 'us-west-2';
    try {
      // What API Gateway sends when the client connected to wss://ws.example.com/: the custom
      // domain in domainName, but the API's own id and stage.
      await app.handler(
        capturedEvent('message', { body: 'hi', requestContext: { routeKey: '$default', domainName: 'ws.example.com', apiId: 'abc123', stage } }),
      );
    } finally {
      if (region === undefined) delete process.env.AWS_REGION;
      else process.env.AWS_REGION = region;
    }

    expect(endpoint).toBe(managementEndpointFor('abc123', 'v1', 'us-west-2'));
    expect(endpoint).toBe('https://abc123.execute-api.us-west-2.amazonaws.com/v1');
  });
});
