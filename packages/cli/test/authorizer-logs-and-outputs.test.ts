import type { CloudFormationClient, StackResourceSummary } from '@aws-sdk/client-cloudformation';
import { functionIdOf, functionLogGroups, unknownFunctionMessage } from '../src/logs/log-groups';
import { deployedResourceLines } from '../src/stack/stack-outputs';

/** A CloudFormation client whose ListStackResources answers with these resources, in one page. */
function cloudFormationWith(resources: StackResourceSummary[]): CloudFormationClient {
  return { send: async () => ({ StackResourceSummaries: resources }) } as unknown as CloudFormationClient;
}

const logGroup = (logicalId: string, name: string): StackResourceSummary =>
  ({ LogicalResourceId: logicalId, PhysicalResourceId: name, ResourceType: 'AWS::Logs::LogGroup' }) as StackResourceSummary;

const STACK = cloudFormationWith([
  logGroup('WebsocketMessageLogGroup', '/aws/lambda/chat-dev-WebsocketMessage'),
  logGroup('WebsocketAuthorizerLogGroup', '/aws/lambda/chat-dev-WebsocketAuthorizer'),
]);

describe('wsapp logs --function for the authorizer', () => {
  it.each(['authorizer', 'websocket_authorizer', 'WebsocketAuthorizer'])('takes %s for the authorizer function', (name) => {
    expect(functionIdOf(name)).toBe('WebsocketAuthorizer');
  });

  it('still takes the route functions by every name, and nothing inherited from Object', () => {
    expect(['connect', 'websocket_disconnect', 'WebsocketMessage'].map(functionIdOf)).toEqual([
      'WebsocketConnect',
      'WebsocketDisconnect',
      'WebsocketMessage',
    ]);
    expect(functionIdOf('toString')).toBeUndefined();
  });

  it("selects the authorizer's log group", async () => {
    await expect(functionLogGroups(STACK, 'chat-dev', 'us-east-1', 'authorizer')).resolves.toEqual([
      { functionId: 'WebsocketAuthorizer', name: '/aws/lambda/chat-dev-WebsocketAuthorizer' },
    ]);
  });

  it('lists the authorizer among all the log groups', async () => {
    const groups = await functionLogGroups(STACK, 'chat-dev', 'us-east-1');

    expect(groups.map((group) => group.functionId)).toEqual(['WebsocketMessage', 'WebsocketAuthorizer']);
  });

  it('names authorizer among the choices when --function names no function', async () => {
    const message =
      'Unknown --function "auth": use connect, message, disconnect or authorizer ' +
      '(or websocket_message, WebsocketMessage, websocket_authorizer, WebsocketAuthorizer)';

    expect(unknownFunctionMessage('auth')).toBe(message);
    await expect(functionLogGroups(STACK, 'chat-dev', 'us-east-1', 'auth')).rejects.toThrow(message);
  });

  it('says which functions have log groups when the app has no authorizer', async () => {
    const unguarded = cloudFormationWith([logGroup('WebsocketMessageLogGroup', '/aws/lambda/chat-dev-WebsocketMessage')]);

    await expect(functionLogGroups(unguarded, 'chat-dev', 'us-east-1', 'authorizer')).rejects.toThrow(
      'Stack chat-dev has no log group for WebsocketAuthorizer (the functions with one: WebsocketMessage)',
    );
  });
});

describe('Resources deployed: with an authorizer', () => {
  it("lists the authorizer's Lambda ARN after the three route functions', whatever the order of the outputs", () => {
    const lines = deployedResourceLines({
      WebsocketAuthorizerHandlerArn: 'arn:aws:lambda:us-east-1:1:function:a',
      WebsocketDisconnectHandlerArn: 'arn:aws:lambda:us-east-1:1:function:d',
      WebsocketMessageHandlerArn: 'arn:aws:lambda:us-east-1:1:function:m',
      WebsocketConnectHandlerArn: 'arn:aws:lambda:us-east-1:1:function:c',
      WebsocketConnectEndpointURL: 'wss://abc.execute-api.us-east-1.amazonaws.com/api/',
    });

    expect(lines).toEqual([
      'Resources deployed:',
      '  - Lambda ARN: arn:aws:lambda:us-east-1:1:function:c',
      '  - Lambda ARN: arn:aws:lambda:us-east-1:1:function:m',
      '  - Lambda ARN: arn:aws:lambda:us-east-1:1:function:d',
      '  - Lambda ARN: arn:aws:lambda:us-east-1:1:function:a',
      '  - Websocket API URL: wss://abc.execute-api.us-east-1.amazonaws.com/api/',
    ]);
  });

  it('lists it after the message function for an app without a $connect handler', () => {
    expect(
      deployedResourceLines({
        WebsocketAuthorizerHandlerArn: 'arn:aws:lambda:us-east-1:1:function:a',
        WebsocketMessageHandlerArn: 'arn:aws:lambda:us-east-1:1:function:m',
      }),
    ).toEqual(['Resources deployed:', '  - Lambda ARN: arn:aws:lambda:us-east-1:1:function:m', '  - Lambda ARN: arn:aws:lambda:us-east-1:1:function:a']);
  });
});
