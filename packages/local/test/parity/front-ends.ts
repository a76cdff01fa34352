// The two front ends of the emulated gateway behind one small interface, so that the parity
// suite can run every behaviour through both and expect the same outcome.
import WebSocket from 'ws';
import type { WsApp } from '@wsapp/framework';
import { startLocalGateway, type GatewayLimits, type LocalGateway } from '@wsapp/local';
import { ConnectionRefusedError, createTestClient, manualClock, type ManualClock, type TestClient, type TestConnection } from '@wsapp/local/testing';

/** A refused handshake as the client sees it. */
export interface Refusal {
  status: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  body: string;
}

/** One client connection, whichever front end it is on. */
export interface ClientConnection {
  /** The subprotocol the handshake selected ('' for none). */
  readonly protocol: string;
  /** Sends a text (string) or binary (Buffer) message. */
  send(data: string | Buffer): void;
  /** Every text frame received so far. */
  readonly received: string[];
  /** Resolves once `count` frames have arrived. */
  frames(count: number): Promise<string[]>;
  /** Resolves with the close code once the connection has closed and `$disconnect` has run. */
  closed(): Promise<number>;
  close(code?: number, reason?: string): void;
}

export interface ConnectOptions {
  protocols?: string[];
  query?: Record<string, string>;
  /** More handshake headers, names in the casing to send. */
  headers?: Record<string, string>;
}

/** A front end running one app. */
export interface FrontEnd {
  readonly clock: ManualClock;
  connect(options?: ConnectOptions): Promise<ClientConnection | Refusal>;
  /** Lets everything in flight run (the socket front end needs real I/O turns). */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

export interface FrontEndKind {
  name: 'socket' | 'in-memory';
  start(app: WsApp, limits?: Partial<GatewayLimits>): Promise<FrontEnd>;
}

const turn = () => new Promise<void>((resolve) => setTimeout(resolve, 5));

async function until<T>(read: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 2_000; i++) {
    const value = read();
    if (value !== undefined) return value;
    await turn();
  }
  throw new Error(`Timed out waiting for ${what}`);
}

function socketConnection(socket: WebSocket, gateway: LocalGateway, ids: () => string[]): ClientConnection {
  const received: string[] = [];
  socket.on('message', (data: Buffer) => received.push(data.toString('utf8')));
  const closedCode = new Promise<number>((resolve) => socket.on('close', (code: number) => resolve(code)));
  const mine = ids().at(-1);
  return {
    protocol: socket.protocol,
    received,
    send: (data) => socket.send(data, { binary: typeof data !== 'string' }),
    frames: (count) => until(() => (received.length >= count ? received.slice(0, count) : undefined), `${count} frames`),
    async closed() {
      const code = await closedCode;
      await until(() => (mine === undefined || !gateway.connections.has(mine) ? true : undefined), 'the connection to end');
      return code;
    },
    close: (code, reason) => socket.close(code, reason),
  };
}

function openSocket(url: string, protocols: string[], headers: Record<string, string>): Promise<WebSocket | Refusal> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, protocols, { headers });
    socket.on('error', () => undefined);
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_req, res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const headers = Object.fromEntries(Object.entries(res.headers).map(([name, value]) => [name, String(value)]));
        resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    socket.once('close', (code: number) => reject(new Error(`closed during the handshake with ${code}`)));
  });
}

const socketFrontEnd: FrontEndKind = {
  name: 'socket',
  async start(app, limits) {
    const clock = manualClock(Date.now());
    const gateway = await startLocalGateway(app, { port: 0, clock, ...(limits ? { limits } : {}) });
    const order: string[] = [];
    return {
      clock,
      async connect(options = {}) {
        const query = new URLSearchParams(options.query ?? {}).toString();
        const before = new Set(gateway.connections.keys());
        const opened = await openSocket(`${gateway.url}${query ? `?${query}` : ''}`, options.protocols ?? [], options.headers ?? {});
        if (!(opened instanceof WebSocket)) return opened;
        order.push(...[...gateway.connections.keys()].filter((id) => !before.has(id)));
        return socketConnection(opened, gateway, () => order);
      },
      settle: async () => {
        for (let i = 0; i < 4; i++) await turn();
      },
      stop: () => gateway.close(),
    };
  },
};

function memoryConnection(conn: TestConnection): ClientConnection {
  const protocolHeader = conn.handshakeHeaders.find(([name]) => name.toLowerCase() === 'sec-websocket-protocol');
  return {
    protocol: protocolHeader?.[1] ?? '',
    received: conn.received,
    send: (data) => void conn.send(data).catch(() => undefined),
    frames: (count) => until(() => (conn.received.length >= count ? conn.received.slice(0, count) : undefined), `${count} frames`),
    async closed() {
      await conn.disconnected;
      return conn.closeCode ?? 0;
    },
    close: (code, reason) => void conn.close(code, reason).catch(() => undefined),
  };
}

function refusalOf(error: ConnectionRefusedError): Refusal {
  const headers = Object.fromEntries(error.response.headerLines.map(([name, value]) => [name.toLowerCase(), value]));
  return { status: error.statusCode, headers, body: error.response.body ?? '' };
}

const inMemoryFrontEnd: FrontEndKind = {
  name: 'in-memory',
  async start(app, limits) {
    const clock = manualClock(Date.now());
    const client: TestClient = createTestClient(app, { clock, handlerErrors: 'frame', ...(limits ? { limits } : {}) });
    return {
      clock,
      async connect(options = {}) {
        const headers: Record<string, string> = {
          ...options.headers,
          ...(options.protocols?.length ? { 'Sec-WebSocket-Protocol': options.protocols.join(', ') } : {}),
        };
        try {
          return memoryConnection(await client.connect({ headers, ...(options.query ? { query: options.query } : {}) }));
        } catch (error) {
          if (error instanceof ConnectionRefusedError) return refusalOf(error);
          throw error;
        }
      },
      settle: async () => {
        for (let i = 0; i < 4; i++) await turn();
      },
      stop: () => client.dispose(),
    };
  },
};

/** Both front ends, for `describe.each`. */
export const FRONT_ENDS: FrontEndKind[] = [socketFrontEnd, inMemoryFrontEnd];

/** Narrows a connect result to an accepted connection (failing the test otherwise). */
export function accepted(result: ClientConnection | Refusal): ClientConnection {
  if ('status' in result) throw new Error(`the handshake was refused with ${result.status}: ${result.body}`);
  return result;
}

/** Narrows a connect result to a refusal (failing the test otherwise). */
export function refused(result: ClientConnection | Refusal): Refusal {
  if (!('status' in result)) throw new Error('the handshake was accepted');
  return result;
}
