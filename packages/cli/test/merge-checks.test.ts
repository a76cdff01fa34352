import { resolveStageSettings } from '../src/config';
import { checkMergeTemplate } from '../src/merge-checks';
import { buildSamTemplate, type CfnTemplate, type JsonObject } from '../src/template';

const GENERATED: CfnTemplate = buildSamTemplate({
  app: {
    name: 'echo-server',
    routeSelectionExpression: '$request.body.action',
    routes: [{ routeKey: '$default', kind: 'message', twoWay: false }],
  },
  settings: resolveStageSettings({}, 'dev'),
  wsappVersion: '0.1.0',
});

const check = (extension: JsonObject, allowTypeOverride = false): string[] =>
  checkMergeTemplate(GENERATED, extension, { file: 'extra.json', allowTypeOverride });

describe('checkMergeTemplate', () => {
  it("accepts the seed's kind of merge template: new resources and added properties", () => {
    const warnings = check({
      Resources: {
        Table: { Type: 'AWS::DynamoDB::Table', Properties: { BillingMode: 'PAY_PER_REQUEST' } },
        WebsocketMessage: { Properties: { Environment: { Variables: { TABLE: { Ref: 'Table' } } } } },
      },
      Outputs: { TableName: { Value: { Ref: 'Table' } } },
      Parameters: { Stage: { Type: 'String' } },
      Transform: ['AWS::LanguageExtensions', 'AWS::Serverless-2016-10-31'],
    });

    expect(warnings).toEqual([]);
  });

  it.each<[string, JsonObject, string]>([
    ['Resources that is a string', { Resources: 'oops' }, 'Merge template extra.json: Resources must be an object keyed by logical ID, got "oops"'],
    ['Resources that is a list', { Resources: [] }, 'Merge template extra.json: Resources must be an object keyed by logical ID, got []'],
    ['Outputs that is a list', { Outputs: [1] }, 'Merge template extra.json: Outputs must be an object keyed by output name, got [1]'],
    ['Parameters that is a number', { Parameters: 3 }, 'Merge template extra.json: Parameters must be an object keyed by parameter name, got 3'],
    ['Conditions that is a string', { Conditions: 'IsProd' }, 'Merge template extra.json: Conditions must be an object keyed by condition name'],
    ['Metadata that is a string', { Metadata: 'x' }, 'Merge template extra.json: Metadata must be an object, got "x"'],
    ['a Description that is not text', { Description: { a: 1 } }, 'Merge template extra.json: Description must be a string, got {"a":1}'],
    ['an output that is a string', { Outputs: { WebsocketAPIId: 'id' } }, 'Merge template extra.json: Outputs.WebsocketAPIId must be an object, got "id"'],
    ['a generated resource that is a string', { Resources: { WebsocketMessage: 'x' } }, 'Merge template extra.json: Resources.WebsocketMessage must be an object, got "x"'],
    ['Properties that are a list', { Resources: { WebsocketMessage: { Properties: [] } } }, 'Merge template extra.json: Resources.WebsocketMessage.Properties must be an object, got []'],
    ['a new resource without Type', { Resources: { Table: { Properties: {} } } }, 'Merge template extra.json: Resources.Table has no Type; a new resource needs one, such as AWS::DynamoDB::Table'],
    ['a Type that is not text', { Resources: { Table: { Type: 7 } } }, 'Merge template extra.json: Resources.Table.Type must be a resource type such as AWS::DynamoDB::Table, got 7'],
    ['a Transform without the SAM transform', { Transform: 'AWS::LanguageExtensions' }, 'Merge template extra.json: Transform "AWS::LanguageExtensions" drops AWS::Serverless-2016-10-31, which the generated functions need; list both, such as ["AWS::LanguageExtensions","AWS::Serverless-2016-10-31"]'],
    ['a Transform that is a number', { Transform: 1 }, 'Merge template extra.json: Transform must be a transform name or a list of them, got 1'],
  ])('refuses %s', (_name, extension, message) => {
    expect(() => check(extension)).toThrow(message);
  });

  it('refuses a generated resource set to null, naming it and its type', () => {
    expect(() => check({ Resources: { WebsocketMessage: null } })).toThrow(
      'Merge template extra.json: Resources.WebsocketMessage is null, which would remove the generated resource WebsocketMessage ' +
        '(AWS::Serverless::Function); a merge can change generated resources but not remove them',
    );
  });

  it('refuses null anywhere, naming its path, because CloudFormation does not allow null values', () => {
    expect(() => check({ Resources: { WebsocketMessage: { Properties: { Layers: ['arn', null] } } } })).toThrow(
      'Merge template extra.json: Resources.WebsocketMessage.Properties.Layers[1] is null, but CloudFormation does not allow null values in templates',
    );
    expect(() => check({ Outputs: { WebsocketAPIId: null } })).toThrow('Outputs.WebsocketAPIId is null');
    expect(() => check({ Resources: { Extra: null } })).toThrow('Resources.Extra is null');
  });

  it("refuses a change of a generated resource's Type, naming the logical ID, the old and the new type", () => {
    expect(() => check({ Resources: { WebsocketMessage: { Type: 'AWS::Lambda::Function' } } })).toThrow(
      'Merge template extra.json: Resources.WebsocketMessage.Type changes the generated resource WebsocketMessage from ' +
        'AWS::Serverless::Function to AWS::Lambda::Function, a type the rest of the template relies on; pass --allow-type-override to change it anyway',
    );
  });

  it('allows the change of Type with allowTypeOverride, as a warning', () => {
    const warnings = check({ Resources: { WebsocketAPIStage: { Type: 'AWS::ApiGatewayV2::Stage' }, DefaultRole: { Type: 'AWS::IAM::ManagedPolicy' } } }, true);

    expect(warnings).toEqual([
      'merge template extra.json: Resources.DefaultRole.Type changes the generated resource DefaultRole from AWS::IAM::Role to ' +
        'AWS::IAM::ManagedPolicy (allowed by --allow-type-override)',
    ]);
  });
});
