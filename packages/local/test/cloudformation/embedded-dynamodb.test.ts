import {
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WsApp } from '@wsapp/framework';
import {
  FUNCTION_LOGICAL_IDS,
  startEmbeddedDynamoDb,
  startLocalGateway,
  type MergeTemplate,
  type TemplateResource,
} from '@wsapp/local';
import { connect, eventually } from '../server/helpers';

const chatTemplate = (): MergeTemplate =>
  JSON.parse(readFileSync(join(__dirname, 'fixtures', 'chat-resources.json'), 'utf8')) as MergeTemplate;

function localClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: 'us-east-1' });
}

describe('embedded DynamoDB from a merge template', () => {
  it('creates every table with its key schema and global secondary indexes', async () => {
    const db = await startEmbeddedDynamoDb(chatTemplate());
    try {
      const client = localClient(db.endpoint);
      const { Table } = await client.send(new DescribeTableCommand({ TableName: 'ChaliceChat' }));
      expect(Table?.KeySchema).toEqual([
        { AttributeName: 'PK', KeyType: 'HASH' },
        { AttributeName: 'SK', KeyType: 'RANGE' },
      ]);
      expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName)).toEqual(['ReverseLookup']);
      expect(db.tables).toEqual([
        { logicalId: 'ChaliceChatTable', tableName: 'ChaliceChat', arn: 'arn:aws:dynamodb:us-east-1:123456789012:table/ChaliceChat' },
      ]);
      expect(db.warnings).toEqual([]);
      client.destroy();
    } finally {
      await db.close();
    }
  });

  it('resolves the handler environment: Ref gives the table name, plus the DynamoDB endpoint', async () => {
    const db = await startEmbeddedDynamoDb(chatTemplate());
    try {
      expect(db.environment).toEqual({ TABLE: 'ChaliceChat', AWS_ENDPOINT_URL_DYNAMODB: db.endpoint });
      expect(db.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await db.close();
    }
  });

  it('takes the environment from the resources FUNCTION_LOGICAL_IDS names, and from no other function', async () => {
    const withVariable = (name: string): TemplateResource => ({
      Type: 'AWS::Serverless::Function',
      Properties: { Environment: { Variables: { [name]: 'set' } } },
    });
    const template: MergeTemplate = {
      Resources: {
        [FUNCTION_LOGICAL_IDS.websocket_connect]: withVariable('FROM_CONNECT'),
        [FUNCTION_LOGICAL_IDS.websocket_message]: withVariable('FROM_MESSAGE'),
        [FUNCTION_LOGICAL_IDS.websocket_disconnect]: withVariable('FROM_DISCONNECT'),
        Worker: withVariable('FROM_WORKER'),
      },
    };

    const db = await startEmbeddedDynamoDb(template);
    try {
      expect(db.environment).toEqual({
        FROM_CONNECT: 'set',
        FROM_MESSAGE: 'set',
        FROM_DISCONNECT: 'set',
        AWS_ENDPOINT_URL_DYNAMODB: db.endpoint,
      });
      expect(db.warnings).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it('resolves Fn::GetAtt Arn, Fn::Sub and Fn::Join, and warns once for each thing it cannot emulate', async () => {
    const template: MergeTemplate = {
      Resources: {
        Things: {
          Type: 'AWS::DynamoDB::Table',
          Properties: {
            TableName: { 'Fn::Sub': '${AWS::StackName}-things' },
            BillingMode: 'PAY_PER_REQUEST',
            AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
            KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
            StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
          },
        },
        Queue: { Type: 'AWS::SQS::Queue' },
        WebsocketMessage: {
          Properties: {
            Environment: {
              Variables: {
                THINGS_ARN: { 'Fn::GetAtt': ['Things', 'Arn'] },
                THINGS_INDEX: { 'Fn::Sub': ['${Things.Arn}/index/${Index}', { Index: 'byName' }] },
                JOINED: { 'Fn::Join': ['-', [{ Ref: 'Things' }, { Ref: 'AWS::Region' }]] },
                QUEUE_URL: { Ref: 'Queue' },
              },
            },
          },
        },
      },
    };
    const db = await startEmbeddedDynamoDb(template, { stackName: 'demo' });
    try {
      expect(db.environment).toEqual({
        THINGS_ARN: 'arn:aws:dynamodb:us-east-1:123456789012:table/demo-things',
        THINGS_INDEX: 'arn:aws:dynamodb:us-east-1:123456789012:table/demo-things/index/byName',
        JOINED: 'demo-things-us-east-1',
        AWS_ENDPOINT_URL_DYNAMODB: db.endpoint,
      });
      expect(db.warnings).toEqual([
        'Table Things: StreamSpecification not emulated locally (ignored)',
        'Resource Queue (AWS::SQS::Queue) is not emulated locally; references to it stay unset',
        'Environment variable QUEUE_URL of WebsocketMessage: Ref Queue names nothing the local gateway emulates; it is not set',
      ]);
    } finally {
      await db.close();
    }
  });

  it('keeps data on disk with persist and reuses the tables on the next start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsapp-dynamodb-'));
    try {
      const first = await startEmbeddedDynamoDb(chatTemplate(), { persist: dir });
      const writer = localClient(first.endpoint);
      await writer.send(new PutItemCommand({ TableName: 'ChaliceChat', Item: { PK: { S: 'a' }, SK: { S: 'room_x' } } }));
      writer.destroy();
      await first.close();

      const second = await startEmbeddedDynamoDb(chatTemplate(), { persist: dir });
      const reader = localClient(second.endpoint);
      const { Item } = await reader.send(new GetItemCommand({ TableName: 'ChaliceChat', Key: { PK: { S: 'a' }, SK: { S: 'room_x' } } }));
      expect(Item).toEqual({ PK: { S: 'a' }, SK: { S: 'room_x' } });
      reader.destroy();
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('serves an app that uses the unmodified DynamoDB client through the local gateway', async () => {
    // Prepare: the app builds its client with no endpoint, as it would on Lambda.
    const db = await startEmbeddedDynamoDb(chatTemplate());
    const app = new WsApp({ name: 'dynamo-app' });
    let client: DynamoDBClient | undefined;
    const endpoints: string[] = [];
    app.onWsConnect(async (event) => {
      if (!client) {
        client = new DynamoDBClient({});
        // Never further than loopback: every request must go where the gateway's environment points.
        client.middlewareStack.add(
          (next) => async (args) => {
            const { hostname } = args.request as { hostname?: string };
            if (hostname !== '127.0.0.1') throw new Error(`DynamoDB request to ${hostname}, not loopback`);
            endpoints.push(hostname);
            return next(args);
          },
          { step: 'finalizeRequest', name: 'loopbackOnly' },
        );
      }
      await client.send(
        new PutItemCommand({ TableName: process.env.TABLE, Item: { PK: { S: event.connectionId }, SK: { S: 'username_' } } }),
      );
    });
    const gateway = await startLocalGateway(app, { port: 0, environment: db.environment });
    try {
      // Act
      const ws = await connect(gateway.url);
      const connectionId = [...gateway.connections.keys()][0] as string;
      // Assess: the item is found through the GSI declared in the template.
      const reader = localClient(db.endpoint);
      const { Items } = await reader.send(
        new QueryCommand({
          TableName: 'ChaliceChat',
          IndexName: 'ReverseLookup',
          KeyConditionExpression: 'SK = :sk',
          ExpressionAttributeValues: { ':sk': { S: 'username_' } },
        }),
      );
      expect(Items).toEqual([{ PK: { S: connectionId }, SK: { S: 'username_' } }]);
      expect(new Set(endpoints)).toEqual(new Set(['127.0.0.1']));
      reader.destroy();
      ws.socket.close();
      await eventually(() => gateway.connections.size === 0, 'the connection to close');
    } finally {
      client?.destroy();
      await gateway.close();
      await db.close();
    }
    expect(process.env.TABLE).toBeUndefined();
  });
});
