import { WsApp } from '@wsapp/framework';
import { startLocalGateway, type LocalGateway } from '@wsapp/local';
import { connect, eventually, type TestClient } from './helpers';

const KB = 1024;

describe('the close code $disconnect reports', () => {
  let gateway: LocalGateway;
  let disconnects: Array<number | undefined>;
  let received: number;

  beforeEach(async () => {
    disconnects = [];
    received = 0;
    const app = new WsApp({ name: 'close-codes' });
    app.onWsMessage(() => void received++);
    app.onWsDisconnect((event) => void disconnects.push(event.disconnectStatusCode));
    gateway = await startLocalGateway(app, { port: 0 });
  });
  afterEach(() => gateway.close());

  it.each<[string, number, (client: TestClient) => void]>([
    // ws does not check UTF-8 when it sends, so the invalid frame reaches the gateway as written.
    ['a text frame that is not valid UTF-8', 1007, (client) => client.socket.send(Buffer.from([0xff]), { binary: false })],
    ['a single frame over 32 KB', 1009, (client) => client.socket.send('x'.repeat(32 * KB + 1))],
    [
      'a message over 128 KB in 16 KB frames',
      1009,
      (client) => {
        const frame = 'z'.repeat(16 * KB);
        for (let i = 0; i < 9; i++) client.socket.send(frame, { fin: i === 8 });
      },
    ],
  ])('is the code the client was sent when it sends %s', async (_what, code, send) => {
    const client = await connect(gateway.url);

    send(client);

    expect((await client.closed).code).toBe(code);
    await eventually(() => disconnects.length === 1, '$disconnect');
    expect(disconnects).toEqual([code]);
    expect(received).toBe(0);
  });
});
