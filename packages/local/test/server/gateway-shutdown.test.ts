import { WsApp, type WebsocketLambdaEvent } from '@wsapp/framework';
import { startLocalGateway } from '@wsapp/local';
import { connect, eventually } from './helpers';

describe('local gateway shutdown', () => {
  it('closes every connection with 1001, runs $disconnect for each, and restores the environment', async () => {
    // Prepare
    const before = process.env.WSAPP_MANAGEMENT_ENDPOINT;
    const app = new WsApp({ name: 'shutdown' });
    const disconnects: WebsocketLambdaEvent[] = [];
    app.onWsDisconnect(async (event) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      disconnects.push(event.raw);
    });
    const gateway = await startLocalGateway(app, { port: 0 });
    const clients = await Promise.all([connect(gateway.url), connect(gateway.url), connect(gateway.url)]);

    // Act
    await gateway.close();

    // Assess: close() resolved only after every $disconnect handler finished.
    expect(disconnects.map((e) => (e.requestContext as { disconnectStatusCode?: number }).disconnectStatusCode)).toEqual([1001, 1001, 1001]);
    expect(await Promise.all(clients.map((c) => c.closed))).toEqual(Array(3).fill({ code: 1001, reason: 'Going away' }));
    expect(process.env.WSAPP_MANAGEMENT_ENDPOINT).toBe(before);
    expect(process.env.AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI).toBeUndefined();
    await expect(fetch(`${gateway.managementEndpoint}/@connections/AAAAAAAAAAAAAAA%3D`)).rejects.toThrow();
  });

  it('gives handlers a region and dummy credentials when the process has none, and takes them back on close', async () => {
    const saved = { ...process.env };
    for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_PROFILE']) {
      delete process.env[name];
    }
    try {
      const app = new WsApp({ name: 'no-credentials' });
      const seen: Array<string | undefined> = [];
      app.onWsMessage(() => {
        seen.push(process.env.AWS_REGION, process.env.AWS_ACCESS_KEY_ID, process.env.AWS_SECRET_ACCESS_KEY);
      });
      const gateway = await startLocalGateway(app, { port: 0 });
      const client = await connect(gateway.url);
      client.socket.send('hi');
      await eventually(() => seen.length === 3, 'the message handler');
      await gateway.close();

      expect(seen).toEqual(['us-east-1', 'wsapp-local', 'wsapp-local']);
      expect(process.env.AWS_REGION).toBeUndefined();
      expect(process.env.AWS_ACCESS_KEY_ID).toBeUndefined();
    } finally {
      Object.assign(process.env, saved);
    }
  });

  it('refuses to start on a port that is taken, with an error naming the port', async () => {
    const app = new WsApp({ name: 'taken' });
    const first = await startLocalGateway(app, { port: 0 });
    try {
      await expect(startLocalGateway(app, { port: first.port })).rejects.toThrow(`Cannot start the local gateway on 127.0.0.1:${first.port}`);
    } finally {
      await first.close();
    }
  });
});
