import {
  ApiGatewayManagementApiClient,
  DeleteConnectionCommand,
  GetConnectionCommand,
  GoneException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { WsApp, type WebsocketLambdaEvent } from '@wsapp/framework';
import { startLocalGateway, type LocalGateway } from '@wsapp/local';
import { manualClock } from '@wsapp/local/testing';
import { connect, eventually, type TestClient } from './helpers';

describe('local gateway @connections API', () => {
  let gateway: LocalGateway;
  let app: WsApp;
  const disconnects: WebsocketLambdaEvent[] = [];
  const messages: string[] = [];
  const clock = manualClock();
  const clients: ApiGatewayManagementApiClient[] = [];
  const sdk = (endpoint: string): ApiGatewayManagementApiClient => {
    const client = new ApiGatewayManagementApiClient({ endpoint, region: 'us-east-1' });
    clients.push(client);
    return client;
  };
  const openClient = async (): Promise<{ client: TestClient; id: string }> => {
    const before = new Set(gateway.connections.keys());
    const client = await connect(gateway.url, undefined, { headers: { 'User-Agent': 'mgmt-test' } });
    const id = [...gateway.connections.keys()].find((key) => !before.has(key)) as string;
    return { client, id };
  };

  beforeAll(async () => {
    app = new WsApp({ name: 'management' });
    app.onWsMessage((event) => void messages.push(event.body));
    app.onWsDisconnect((event) => {
      disconnects.push(event.raw);
    });
    gateway = await startLocalGateway(app, { port: 0, clock });
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await gateway.close();
  });

  it.each([
    ['with the stage', (g: LocalGateway) => g.managementEndpoint],
    ['without the stage', (g: LocalGateway) => `http://127.0.0.1:${g.port}`],
    ['with a trailing slash (a // path)', (g: LocalGateway) => `${g.managementEndpoint}/`],
  ])('delivers a PostToConnection %s as a text frame', async (_what, endpoint) => {
    const { client, id } = await openClient();

    await sdk(endpoint(gateway)).send(new PostToConnectionCommand({ ConnectionId: id, Data: 'hello ✓' }));

    expect(await client.next()).toBe('hello ✓');
    client.socket.close();
  });

  it('delivers an empty post as an empty text frame', async () => {
    const { client, id } = await openClient();

    await sdk(gateway.managementEndpoint).send(new PostToConnectionCommand({ ConnectionId: id, Data: new Uint8Array() }));

    expect(await client.next()).toBe('');
    client.socket.close();
  });

  it('describes a connection with GetConnection: connectedAt, lastActiveAt (the time of its last message) and identity', async () => {
    // Prepare
    const connectedAt = clock.now();
    const { client, id } = await openClient();
    await clock.advance(1_500);
    const sentAt = clock.now();

    // Act
    client.socket.send('activity');
    await eventually(() => messages.includes('activity'), 'the message');
    const info = await sdk(gateway.managementEndpoint).send(new GetConnectionCommand({ ConnectionId: id }));

    // Assess
    expect(info.ConnectedAt?.getTime()).toBe(connectedAt);
    expect(info.LastActiveAt?.getTime()).toBe(sentAt);
    expect(info.Identity).toEqual({ SourceIp: '127.0.0.1', UserAgent: 'mgmt-test' });
    client.socket.close();
  });

  it('closes the socket on DeleteConnection and runs $disconnect', async () => {
    const { client, id } = await openClient();

    const output = await sdk(gateway.managementEndpoint).send(new DeleteConnectionCommand({ ConnectionId: id }));

    expect(output.$metadata.httpStatusCode).toBe(204);
    expect((await client.closed).code).toBe(1000);
    await eventually(() => disconnects.some((event) => event.requestContext.connectionId === id), '$disconnect');
  });

  it('answers 410 GoneException for an unknown id and for a closed connection, which the SDK recognises', async () => {
    const { client, id } = await openClient();
    client.socket.close();
    await eventually(() => disconnects.some((event) => event.requestContext.connectionId === id), '$disconnect');
    const api = sdk(gateway.managementEndpoint);

    const unknown = await api.send(new PostToConnectionCommand({ ConnectionId: 'AAAAAAAAAAAAAAA=', Data: 'x' })).catch((e: unknown) => e);
    const closed = await api.send(new GetConnectionCommand({ ConnectionId: id })).catch((e: unknown) => e);

    expect(unknown).toBeInstanceOf(GoneException);
    expect(closed).toBeInstanceOf(GoneException);
  });

  it('answers errors with x-amzn-ErrorType and x-amzn-RequestId: 410, 413 over 128 KB, 400 for a malformed id', async () => {
    const { client, id } = await openClient();
    const base = `${gateway.managementEndpoint}/@connections`;

    const gone = await fetch(`${base}/AAAAAAAAAAAAAAA%3D`, { method: 'POST', body: 'x' });
    const tooLarge = await fetch(`${base}/${encodeURIComponent(id)}`, { method: 'POST', body: 'x'.repeat(128 * 1024 + 1) });
    const largest = await fetch(`${base}/${encodeURIComponent(id)}`, { method: 'POST', body: 'x'.repeat(128 * 1024) });
    const malformed = await fetch(`${base}/not%ZZvalid`, { method: 'DELETE' });
    const badCharacters = await fetch(`${base}/bad!id`, { method: 'GET' });

    expect([gone.status, tooLarge.status, largest.status, malformed.status, badCharacters.status]).toEqual([410, 413, 200, 400, 400]);
    expect(gone.headers.get('x-amzn-errortype')).toBe('GoneException');
    expect(tooLarge.headers.get('x-amzn-errortype')).toBe('PayloadTooLargeException');
    expect(malformed.headers.get('x-amzn-errortype')).toBe('BadRequestException');
    for (const response of [gone, tooLarge, malformed]) expect(response.headers.get('x-amzn-requestid')).toMatch(/^\S{16}$/);
    expect((await client.next()).length).toBe(128 * 1024);
    client.socket.close();
  });

  it('lets handlers reach the gateway through the environment, with app.websocketApi and a hand-built SDK client', async () => {
    const envApp = new WsApp({ name: 'env' });
    const seen: Record<string, string | undefined> = {};
    let handBuilt: ApiGatewayManagementApiClient | undefined;
    envApp.onWsMessage(async (event) => {
      seen.endpoint = process.env.WSAPP_MANAGEMENT_ENDPOINT;
      seen.sdkEndpoint = process.env.AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI;
      handBuilt ??= new ApiGatewayManagementApiClient({});
      await handBuilt.send(new PostToConnectionCommand({ ConnectionId: event.connectionId, Data: 'from the SDK' }));
      await envApp.websocketApi.send(event.connectionId, 'from websocketApi');
    });
    const envGateway = await startLocalGateway(envApp, { port: 0 });
    try {
      const client = await connect(envGateway.url);
      client.socket.send('go');

      expect([await client.next(), await client.next()]).toEqual(['from the SDK', 'from websocketApi']);
      expect(seen).toEqual({ endpoint: envGateway.managementEndpoint, sdkEndpoint: envGateway.managementEndpoint });
      client.socket.close();
    } finally {
      handBuilt?.destroy();
      await envGateway.close();
    }
    expect(process.env.WSAPP_MANAGEMENT_ENDPOINT).toBe(gateway.managementEndpoint);
  });

  it('works with the AWS CLI: aws apigatewaymanagementapi post-to-connection', async () => {
    // Debian's awscli (v2) is the one CI installs; any other `aws` on PATH is the fallback.
    const awsCli = existsSync('/usr/bin/aws') ? '/usr/bin/aws' : 'aws';
    const { client, id } = await openClient();
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      AWS_ACCESS_KEY_ID: 'wsapp-test',
      AWS_SECRET_ACCESS_KEY: 'wsapp-test',
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    };
    const run = (args: string[]): Promise<string> =>
      new Promise((resolve, reject) => {
        execFile(awsCli, args, { env }, (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(`${stdout}${stderr}`)));
      });
    const version = await run(['--version']);
    // AWS CLI v2 reads blob arguments as base64 unless told otherwise; v1 takes them raw.
    const rawBlob = version.startsWith('aws-cli/1') ? [] : ['--cli-binary-format', 'raw-in-base64-out'];

    await run([
      'apigatewaymanagementapi', 'post-to-connection',
      '--endpoint-url', gateway.managementEndpoint,
      '--connection-id', id,
      '--data', 'hello from the aws cli',
      ...rawBlob,
    ]);

    expect(await client.next()).toBe('hello from the aws cli');
    client.socket.close();
  });
});
