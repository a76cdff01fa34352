// @ts-nocheck -- `pnpm typecheck` covers bench/, and in a fresh checkout the node_modules links
// below do not exist yet, so the SDK import would not resolve for tsc (it does at run time).
// The echo app of bench/echo, written the way an app that builds its own SDK client would be:
// one ApiGatewayManagementApiClient on the endpoint `wsapp local` sets for handlers
// (AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI), and PostToConnectionCommand for every message. So
// each echo goes through the SDK's request pipeline and the gateway's HTTP `@connections`
// endpoint on loopback, unlike examples/echo-server, whose `app.websocketApi.send` the gateway
// answers in process.
//
// Not a workspace package: bench/echo/run.mjs links ./node_modules/@aws-sdk/... and
// ./node_modules/@wsapp/framework to the packages the repo already has before it starts this app.
import { ApiGatewayManagementApiClient, GoneException, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { WsApp } from '@wsapp/framework';

export const app = new WsApp({ name: 'http-echo' });

// `wsapp local` sets the endpoint once it listens, after it has loaded this file: create the
// client on the first message, then reuse it.
let client: ApiGatewayManagementApiClient | undefined;

app.onWsMessage(async (event) => {
  const endpoint = process.env.AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI;
  // Loopback only: never let a missing variable send the bench to AWS.
  if (!endpoint?.startsWith('http://127.0.0.1:')) throw new Error(`Not a loopback @connections endpoint: ${endpoint}`);
  client ??= new ApiGatewayManagementApiClient({ endpoint });
  try {
    await client.send(new PostToConnectionCommand({ ConnectionId: event.connectionId, Data: event.body }));
  } catch (error) {
    // Disconnected, so we can't send the message back.
    if (!(error instanceof GoneException)) throw error;
  }
});

export const handler = app.handler;
