import { request } from 'node:http';
import {
  ApiGatewayManagementApiClient,
  GoneException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { WsApp, type WebsocketHandlerResult } from '@wsapp/framework';
import { startLocalGateway, type GatewayEventRecord, type LocalGateway } from '@wsapp/local';
import { connect, eventually, rawHandshake, upgradeHeaders } from './helpers';

/** Posts raw bytes to `@connections/{id}` and resolves with the status, error type and body. */
function postBytes(gateway: LocalGateway, connectionId: string, body: Buffer): Promise<{ status: number; errorType: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${gateway.managementEndpoint}/@connections/${encodeURIComponent(connectionId)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(body.length) },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const errorType = res.headers['x-amzn-errortype'];
        resolve({ status: res.statusCode ?? 0, errorType: typeof errorType === 'string' ? errorType : undefined, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Opens a client and returns it with the id the gateway gave it. */
async function openClient(gateway: LocalGateway): Promise<{ client: Awaited<ReturnType<typeof connect>>; id: string }> {
  const before = new Set(gateway.connections.keys());
  const client = await connect(gateway.url);
  const id = [...gateway.connections.keys()].find((key) => !before.has(key)) as string;
  return { client, id };
}

describe('a client that leaves during a slow $connect', () => {
  let gateway: LocalGateway;
  let disconnects: Array<number | undefined>;
  let connectOutcomes: string[];

  /** Starts a gateway whose $connect waits until the test decides its result. */
  const startWithSlowConnect = async (): Promise<{ started: Promise<void>; decide(result: WebsocketHandlerResult): void }> => {
    let decide!: (result: WebsocketHandlerResult) => void;
    const decided = new Promise<WebsocketHandlerResult>((resolve) => (decide = resolve));
    let markStarted!: () => void;
    const started = new Promise<void>((resolve) => (markStarted = resolve));
    const app = new WsApp({ name: 'slow-connect' });
    app.onWsConnect(() => {
      markStarted();
      return decided;
    });
    app.onWsDisconnect((event) => void disconnects.push(event.disconnectStatusCode));
    const onEvent = (record: GatewayEventRecord): void => {
      if (record.eventType === 'CONNECT') connectOutcomes.push(record.outcome);
    };
    gateway = await startLocalGateway(app, { port: 0, onEvent });
    return { started, decide };
  };

  /** The client sends its FIN; a later request the gateway answers shows the gateway has read it. */
  const leave = async (socket: ReturnType<typeof rawHandshake>['socket']): Promise<void> => {
    await new Promise<void>((resolve) => socket.end(resolve));
    const later = await fetch(`${gateway.managementEndpoint}/@connections/AAAAAAAAAAAAAAA%3D`);
    await later.arrayBuffer();
    expect(later.status).toBe(410);
  };

  beforeEach(() => {
    disconnects = [];
    connectOutcomes = [];
  });
  afterEach(() => gateway.close());

  it('still gets its $disconnect, with 1006, exactly once when $connect then accepts', async () => {
    // Prepare
    const { started, decide } = await startWithSlowConnect();
    const { socket } = rawHandshake(gateway.port, 'GET /api HTTP/1.1', upgradeHeaders());
    await started;

    // Act
    await leave(socket);
    decide({ statusCode: 200 });
    // Before close(): a gateway that is closing abandons every handshake it finishes.
    await eventually(() => disconnects.length > 0, '$disconnect');
    await gateway.close(); // resolves once every $disconnect has run

    // Assess
    expect(disconnects).toEqual([1006]);
  });

  it('gets no $disconnect when $connect then refuses', async () => {
    // Prepare
    const { started, decide } = await startWithSlowConnect();
    const { socket } = rawHandshake(gateway.port, 'GET /api HTTP/1.1', upgradeHeaders());
    await started;

    // Act
    await leave(socket);
    decide({ statusCode: 401 });
    await eventually(() => connectOutcomes.length > 0, 'the $connect outcome');
    await new Promise((resolve) => setImmediate(resolve)); // the rest of the handshake is microtasks
    await gateway.close(); // resolves once every $disconnect has run

    // Assess
    expect(connectOutcomes).toEqual(['refused']);
    expect(disconnects).toEqual([]);
  });
});

describe('a client that stops reading', () => {
  it('gets 1008 and posts to it 410, every post settles, and the other connections keep working', async () => {
    // Prepare
    const app = new WsApp({ name: 'stalled' });
    const disconnects = new Map<string, number | undefined>();
    app.onWsDisconnect((event) => void disconnects.set(event.connectionId, event.disconnectStatusCode));
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const gateway = await startLocalGateway(app, { port: 0, limits: { maxBufferedBytes: 64 * 1024 } });
    const sdk = new ApiGatewayManagementApiClient({
      endpoint: gateway.managementEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'wsapp-test', secretAccessKey: 'wsapp-test' },
    });
    const stalled = await openClient(gateway);
    const other = await openClient(gateway);
    const data = 'x'.repeat(32 * 1024);
    stalled.client.socket.pause();
    try {
      // Act: post until the gateway gives up on the client (the kernel's socket buffers fill first).
      let delivered = 0;
      let refusal: unknown;
      while (refusal === undefined && delivered < 2_000) {
        await sdk.send(new PostToConnectionCommand({ ConnectionId: stalled.id, Data: data })).then(
          () => void delivered++,
          (error: unknown) => void (refusal = error),
        );
      }
      const later = await Promise.allSettled(
        Array.from({ length: 5 }, () => sdk.send(new PostToConnectionCommand({ ConnectionId: stalled.id, Data: data }))),
      );
      stalled.client.socket.resume();

      // Assess
      expect(refusal).toBeInstanceOf(GoneException);
      expect(later.map((outcome) => (outcome.status === 'rejected' ? (outcome.reason as Error).name : 'delivered'))).toEqual(Array(5).fill('GoneException'));
      expect((await stalled.client.closed).code).toBe(1008);
      await eventually(() => disconnects.has(stalled.id), "the stalled connection's $disconnect");
      expect(disconnects.get(stalled.id)).toBe(1008);
      expect(stalled.client.messages).toHaveLength(delivered);
      await sdk.send(new PostToConnectionCommand({ ConnectionId: other.id, Data: 'still here' }));
      expect(await other.client.next()).toBe('still here');
      expect(errors).toHaveBeenCalledWith(expect.stringContaining(`connection ${stalled.id} is not reading`));
    } finally {
      errors.mockRestore();
      sdk.destroy();
      await gateway.close();
    }
  });
});

describe('a post whose body is not UTF-8', () => {
  it('answers 400 BadRequestException, delivers nothing, and leaves the connection open', async () => {
    // Prepare
    const app = new WsApp({ name: 'bad-bytes' });
    const gateway = await startLocalGateway(app, { port: 0 });
    const { client, id } = await openClient(gateway);
    try {
      // Act
      const answer = await postBytes(gateway, id, Buffer.from([0xff, 0xfe]));
      const valid = await postBytes(gateway, id, Buffer.from('valid ✓', 'utf8'));

      // Assess: the next frame the client receives is the valid post.
      expect(answer).toMatchObject({ status: 400, errorType: 'BadRequestException' });
      expect(JSON.parse(answer.body)).toEqual({ message: expect.stringContaining('not valid UTF-8') });
      expect(valid.status).toBe(200);
      expect(await client.next()).toBe('valid ✓');
      expect(client.messages).toEqual(['valid ✓']);
      expect(client.socket.readyState).toBe(client.socket.OPEN);
      expect(gateway.connections.has(id)).toBe(true);
      client.socket.close();
    } finally {
      await gateway.close();
    }
  });
});
