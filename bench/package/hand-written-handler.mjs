// The baseline for bench/package: an echo handler written by hand against the same SDK client
// wsapp uses, with no framework. Bundled with the same esbuild settings as `wsapp package`.
import { ApiGatewayManagementApiClient, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';

let client;

export const handler = async (event) => {
  const { domainName, stage, connectionId } = event.requestContext;
  client ??= new ApiGatewayManagementApiClient({
    endpoint: process.env.WSAPP_MANAGEMENT_ENDPOINT ?? `https://${domainName}/${stage}`,
  });
  await client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: event.body }));
  return { statusCode: 200 };
};
