import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebsocketMessageLambdaEvent } from '@wsapp/framework';
import { capturedEvent } from '@wsapp/local/testing';
import { app } from '../app';

/** The captured API Gateway message event, for the `$default` route, a connection and a body. */
function messageEvent(connectionId: string, body: string): WebsocketMessageLambdaEvent {
  return capturedEvent('message', { body, requestContext: { routeKey: '$default', connectionId } });
}

describe('echo-server example', () => {
  let server: Server;
  const posts: Array<{ path: string; body: string }> = [];

  beforeAll(async () => {
    // A real @connections endpoint on loopback: live ids get 200, "gone" ids get 410 GoneException.
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        posts.push({ path: req.url ?? '', body: Buffer.concat(chunks).toString('utf8') });
        if (req.url?.includes('gone')) res.writeHead(410, { 'x-amzn-ErrorType': 'GoneException' }).end();
        else res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    app.websocketApi.configure({ endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api` });
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends every message back to the connection it came from', async () => {
    await app.handler(messageEvent('BFaT_fALIAMCKug=', 'foo bar baz'));
    expect(posts.at(-1)).toEqual({ path: '/api/@connections/BFaT_fALIAMCKug%3D', body: 'foo bar baz' });
  });

  it('ignores a connection that is already gone', async () => {
    await expect(app.handler(messageEvent('gone-connection', 'foo'))).resolves.toEqual({ statusCode: 200 });
    expect(posts.at(-1)?.path).toBe('/api/@connections/gone-connection');
  });
});
