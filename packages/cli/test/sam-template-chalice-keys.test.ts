// What each of Chalice's per-function keys does to the SAM template (the properties Chalice's
// package.py writes for them), and that every such template passes --validate's checks.
import { resolveStageSettings, type ProjectConfig, type ResolveOptions } from '../src/config';
import {
  VPC_ENI_STATEMENT,
  XRAY_WRITE_STATEMENT,
  buildSamTemplate,
  serializeTemplate,
  type AppModel,
  type CfnTemplate,
  type JsonObject,
} from '../src/template';
import { TemplateValidator, isFailure, type TemplateFinding } from '../src/validate';

const CHAT: AppModel = {
  name: 'chat',
  routeSelectionExpression: '$request.body.action',
  routes: [
    { routeKey: '$connect', kind: 'connect', twoWay: false },
    { routeKey: '$disconnect', kind: 'disconnect', twoWay: false },
    { routeKey: '$default', kind: 'message', twoWay: false },
  ],
  authorizer: { identitySources: ['route.request.querystring.token'] },
};
const FUNCTION_IDS = ['WebsocketConnect', 'WebsocketDisconnect', 'WebsocketMessage', 'WebsocketAuthorizer'];
const LAYER = 'arn:aws:lambda:us-west-2:123456789012:layer:deps:3';
const ROLE = 'arn:aws:iam::123456789012:role/chat-prod';
const POLICY = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['dynamodb:PutItem'], Resource: '*' }] };

const build = (config: ProjectConfig, options: ResolveOptions = {}): CfnTemplate =>
  buildSamTemplate({ app: CHAT, settings: resolveStageSettings(config, 'dev', options), wsappVersion: '0.1.0' });
const propertiesOf = (template: CfnTemplate, id: string): JsonObject => template.Resources[id]?.Properties as JsonObject;
const defaultPolicy = (template: CfnTemplate): JsonObject =>
  ((propertiesOf(template, 'DefaultRole').Policies as JsonObject[])[0] as JsonObject).PolicyDocument as JsonObject;

describe("Chalice's per-function keys in the SAM template", () => {
  let validator: TemplateValidator;
  /** The findings that are not INFO, JSON and YAML alike (the failures fail --validate). */
  const findingsOf = (template: CfnTemplate): TemplateFinding[] => {
    const json = validator.validate(serializeTemplate(template, 'json'), 'sam.json').filter((finding) => finding.severity !== 'INFO');
    const yaml = validator.validate(serializeTemplate(template, 'yaml'), 'sam.yaml').filter((finding) => finding.severity !== 'INFO');
    expect(yaml.map(({ ruleId, logicalId }) => ({ ruleId, logicalId }))).toEqual(json.map(({ ruleId, logicalId }) => ({ ruleId, logicalId })));
    return json;
  };
  const failuresOf = (template: CfnTemplate): TemplateFinding[] => findingsOf(template).filter(isFailure);

  beforeAll(async () => {
    validator = await TemplateValidator.create();
  });
  afterAll(() => validator.free());

  it('layers: the function\'s Layers', () => {
    const template = build({ layers: [LAYER], lambda_functions: { websocket_message: { layers: [LAYER, LAYER.replace(':3', ':4')] } } });

    expect(propertiesOf(template, 'WebsocketConnect').Layers).toEqual([LAYER]);
    expect(propertiesOf(template, 'WebsocketMessage').Layers).toEqual([LAYER, LAYER.replace(':3', ':4')]);
    expect(propertiesOf(build({}), 'WebsocketConnect').Layers).toBeUndefined();
    expect(failuresOf(template)).toEqual([]);
  });

  it('subnet_ids and security_group_ids: VpcConfig, and the ENI permissions in the generated DefaultRole (Chalice\'s VPC_ATTACH_POLICY)', () => {
    const template = build({ lambda_functions: { websocket_message: { subnet_ids: ['subnet-0a1b', 'subnet-0c2d'], security_group_ids: ['sg-0e3f'] } } });

    expect(propertiesOf(template, 'WebsocketMessage').VpcConfig).toEqual({ SecurityGroupIds: ['sg-0e3f'], SubnetIds: ['subnet-0a1b', 'subnet-0c2d'] });
    expect(propertiesOf(template, 'WebsocketConnect').VpcConfig).toBeUndefined();
    expect(defaultPolicy(template).Statement).toContainEqual({
      Effect: 'Allow',
      Action: ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DetachNetworkInterface', 'ec2:DeleteNetworkInterface'],
      Resource: '*',
    });
    expect(defaultPolicy(build({})).Statement).not.toContainEqual(VPC_ENI_STATEMENT);
    expect(failuresOf(template)).toEqual([]);
  });

  it('reserved_concurrency: ReservedConcurrentExecutions', () => {
    const template = build({ reserved_concurrency: 50, lambda_functions: { websocket_authorizer: { reserved_concurrency: 0 } } });

    expect(propertiesOf(template, 'WebsocketMessage').ReservedConcurrentExecutions).toBe(50);
    expect(propertiesOf(template, 'WebsocketAuthorizer').ReservedConcurrentExecutions).toBe(0);
    expect(propertiesOf(build({}), 'WebsocketMessage').ReservedConcurrentExecutions).toBeUndefined();
    expect(failuresOf(template)).toEqual([]);
  });

  it('xray: Tracing Active, and X-Ray write permissions in the generated DefaultRole (Chalice\'s XRAY_POLICY)', () => {
    const template = build({ stages: { dev: { xray: true, lambda_functions: { websocket_authorizer: { xray: false } } } } });
    // Chalice's order: the stage's xray wins over a function's at the top level.
    const stageWins = build({ stages: { dev: { xray: true } }, lambda_functions: { websocket_authorizer: { xray: false } } });

    expect(FUNCTION_IDS.map((id) => propertiesOf(template, id).Tracing)).toEqual(['Active', 'Active', 'Active', 'PassThrough']);
    expect(FUNCTION_IDS.map((id) => propertiesOf(stageWins, id).Tracing)).toEqual(Array(4).fill('Active'));
    expect(defaultPolicy(template).Statement).toContainEqual({ Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' });
    expect(defaultPolicy(build({})).Statement).not.toContainEqual(XRAY_WRITE_STATEMENT);
    expect(FUNCTION_IDS.map((id) => propertiesOf(build({}), id).Tracing)).toEqual(Array(4).fill('PassThrough'));
    expect(failuresOf(template)).toEqual([]);
  });

  it('manage_iam_role false with iam_role_arn: every function runs as that role and no DefaultRole is generated', () => {
    const template = build({ manage_iam_role: false, iam_role_arn: ROLE });

    expect(template.Resources.DefaultRole).toBeUndefined();
    expect(Object.values(template.Resources).filter((resource) => resource.Type === 'AWS::IAM::Role')).toEqual([]);
    expect(FUNCTION_IDS.map((id) => propertiesOf(template, id).Role)).toEqual(Array(4).fill(ROLE));
    // The only remark beyond INFO: the ARN names its account, which the validator would rather see as ${AWS::AccountId}.
    expect(findingsOf(template).map(({ severity, ruleId }) => `${severity} ${ruleId}`)).toEqual(Array(4).fill('WARN W9013'));
  });

  it('autogen_policy false: a role per function, {Function}Role with {Function}RolePolicy, as Chalice names them', () => {
    const template = build(
      { lambda_functions: { websocket_message: { autogen_policy: false, iam_policy_file: 'message-policy.json' } } },
      { readPolicy: () => POLICY },
    );

    expect(propertiesOf(template, 'WebsocketMessageRole')).toEqual({
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Sid: '', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      },
      Policies: [{ PolicyName: 'WebsocketMessageRolePolicy', PolicyDocument: POLICY }],
    });
    expect(propertiesOf(template, 'WebsocketMessage').Role).toEqual({ 'Fn::GetAtt': ['WebsocketMessageRole', 'Arn'] });
    expect(propertiesOf(template, 'WebsocketConnect').Role).toEqual({ 'Fn::GetAtt': ['DefaultRole', 'Arn'] });
    expect(failuresOf(template)).toEqual([]);
  });

  it('mixed roles: DefaultRole is least privilege for just the functions that share it', () => {
    const template = build(
      {
        lambda_functions: {
          websocket_connect: { manage_iam_role: false, iam_role_arn: ROLE },
          websocket_message: { autogen_policy: false },
          websocket_disconnect: { xray: true },
        },
      },
      { readPolicy: () => POLICY },
    );

    expect(Object.keys(template.Resources).filter((id) => template.Resources[id]?.Type === 'AWS::IAM::Role')).toEqual(['DefaultRole', 'WebsocketMessageRole']);
    expect((defaultPolicy(template).Statement as JsonObject[])[0]?.Resource).toEqual([
      { 'Fn::GetAtt': ['WebsocketDisconnectLogGroup', 'Arn'] },
      { 'Fn::GetAtt': ['WebsocketAuthorizerLogGroup', 'Arn'] },
    ]);
    expect(defaultPolicy(template).Statement).toContainEqual(XRAY_WRITE_STATEMENT);
    expect(propertiesOf(template, 'WebsocketConnect').Role).toBe(ROLE);
    expect(failuresOf(template)).toEqual([]);
  });

  it('all of them at once, in the order Chalice writes the properties, validates', () => {
    const template = build({
      xray: true,
      layers: [LAYER],
      reserved_concurrency: 10,
      subnet_ids: ['subnet-0a1b'],
      security_group_ids: ['sg-0e3f'],
      stages: { dev: { lambda_timeout: 20, environment_variables: { TABLE: 'chat' } } },
    });

    expect(Object.keys(propertiesOf(template, 'WebsocketMessage'))).toEqual([
      'Runtime', 'Handler', 'CodeUri', 'Tags', 'Tracing', 'Timeout', 'MemorySize', 'Role', 'LoggingConfig',
      'Environment', 'VpcConfig', 'ReservedConcurrentExecutions', 'Layers',
    ]);
    expect(failuresOf(template)).toEqual([]);
  });
});
