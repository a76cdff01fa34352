import resources from '../resources.json';
import { TTL_ATTRIBUTE } from '../lib/storage';
import seed from './fixtures/seed-resources.json';

type Statement = { Effect: string; Action: string[]; Resource: unknown };

const policy = resources.Resources.DefaultRole.Properties.Policies[0]?.PolicyDocument;
const statements = (policy?.Statement ?? []) as Statement[];
const grantsOn = (prefix: string): Statement[] =>
  statements.filter((statement) => statement.Action.some((action) => action.startsWith(prefix)));

describe('resources.json', () => {
  it("keeps the seed's table and adds a TTL on the attribute the storage writes", () => {
    const { TimeToLiveSpecification, ...table } = resources.Resources.ChaliceChatTable.Properties;
    expect(table).toEqual(seed.Resources.ChaliceChatTable.Properties);
    expect(TimeToLiveSpecification).toEqual({ AttributeName: TTL_ATTRIBUTE, Enabled: true });
  });

  it('sets TABLE on the three functions as the seed does', () => {
    for (const name of ['WebsocketConnect', 'WebsocketMessage', 'WebsocketDisconnect'] as const) {
      expect(resources.Resources[name]).toEqual(seed.Resources[name]);
      expect(resources.Resources[name].Properties.Environment.Variables.TABLE).toEqual({ Ref: 'ChaliceChatTable' });
    }
  });

  it("allows ManageConnections on this template's WebsocketAPI only", () => {
    expect(grantsOn('execute-api:')).toEqual([
      {
        Effect: 'Allow',
        Action: ['execute-api:ManageConnections'],
        Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${WebsocketAPI}/*' },
      },
    ]);
  });

  it('allows DynamoDB on the chat table and its ReverseLookup index only, and the index for queries only', () => {
    const table = 'arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${ChaliceChatTable}';
    const dynamo = grantsOn('dynamodb:');
    expect(dynamo.map((statement) => statement.Resource)).toEqual([
      { 'Fn::Sub': table },
      { 'Fn::Sub': `${table}/index/ReverseLookup` },
    ]);
    expect(dynamo[1]?.Action).toEqual(['dynamodb:Query']);
    const wildcards = statements.flatMap((statement) => statement.Action).filter((action) => action.includes('*'));
    expect(wildcards).toEqual([]);
  });

  it("keeps the seed's log permissions and nothing else", () => {
    const seedStatements = seed.Resources.DefaultRole.Properties.Policies[0]?.PolicyDocument.Statement ?? [];
    expect(grantsOn('logs:')).toEqual([seedStatements[0]]);
    expect(statements).toHaveLength(4);
  });
});
