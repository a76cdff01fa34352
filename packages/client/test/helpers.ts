import { WsApp, type WebsocketEvent } from '@wsapp/framework';
import { startLocalGateway, type LocalGateway, type LocalGatewayOptions } from '@wsapp/local';
import { manualClock, type ManualClock } from '@wsapp/local/testing';
import WebSocket from 'ws';
import type { ClientClock, ClientEvents, WebsocketClient } from '../src';

/** A manual clock for the gateway and the same clock for the client, recording every delay the client schedules. */
export interface SharedClock {
  /** Give this one to the gateway, and `advance` it. */
  manual: ManualClock;
  /** Give this one to the client. */
  client: ClientClock;
  /** Every `setTimer` delay the client asked for, in order. */
  delays: number[];
}

/** A manual clock shared by the gateway and the client; the client's side records its timers. */
export function sharedClock(): SharedClock {
  const manual = manualClock();
  const delays: number[] = [];
  const client: ClientClock = {
    now: () => manual.now(),
    setTimer(ms, fire) {
      delays.push(ms);
      return manual.setTimer(ms, fire);
    },
  };
  return { manual, client, delays };
}

/** The `ws` class, recording every socket the client opens (so a test can cut one). */
export function recordingWebSocket(): { WebSocket: new (url: string) => WebSocket; sockets: WebSocket[] } {
  const sockets: WebSocket[] = [];
  class RecordingWebSocket extends WebSocket {
    constructor(url: string) {
      super(url);
      sockets.push(this);
    }
  }
  return { WebSocket: RecordingWebSocket, sockets };
}

/** Resolves with the detail of the client's next `event`. */
export function nextEvent<E extends Exclude<keyof ClientEvents, 'message'>>(
  client: Pick<WebsocketClient, 'on'>,
  event: E,
): Promise<Parameters<ClientEvents[E]>[0]> {
  return new Promise((resolve) => {
    const off = client.on(event, ((detail: Parameters<ClientEvents[E]>[0]) => {
      off();
      resolve(detail);
    }) as ClientEvents[E]);
  });
}

/** Every event of a client, in order, as `[name, detail]`. */
export function recordEvents(client: Pick<WebsocketClient, 'on'>): Array<[string, unknown]> {
  const events: Array<[string, unknown]> = [];
  for (const name of ['connecting', 'open', 'reconnecting', 'closed', 'error'] as const) {
    client.on(name, (detail: unknown) => void events.push([name, detail]));
  }
  client.on('message', (data) => void events.push(['message', data]));
  return events;
}

/** Resolves when `predicate` holds, checking every few milliseconds (gives up after 10 s). */
export async function eventually(predicate: () => boolean, what = 'the condition'): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** What the server app saw, in order. */
export interface ServerLog {
  /** `connect ID`, `message ID BODY` and `disconnect ID CODE` lines. */
  lines: string[];
  /** Connection ids in the order they connected. */
  connections: string[];
  /** Bodies of `$default` messages, by connection id. */
  bodies(connectionId: string): string[];
  /** `$default` messages of every connection. */
  messageCount(): number;
}

/**
 * An app that records `$connect`, `$default` messages and `$disconnect`, echoes `$default`
 * messages that start with `echo:`, and accepts the handshake unless `connectStatus` says otherwise.
 */
export function recordingApp(connectStatus: () => number | undefined = () => undefined): { app: WsApp; log: ServerLog } {
  const app = new WsApp({ name: 'client-test' });
  const lines: string[] = [];
  const connections: string[] = [];
  const messages: Array<{ connectionId: string; body: string }> = [];
  app.onWsConnect((event: WebsocketEvent) => {
    const statusCode = connectStatus();
    lines.push(`connect ${event.connectionId}${statusCode ? ` refused ${statusCode}` : ''}`);
    if (statusCode) return { statusCode };
    connections.push(event.connectionId);
    return undefined;
  });
  app.onWsMessage(async (event: WebsocketEvent) => {
    lines.push(`message ${event.connectionId} ${event.body}`);
    messages.push({ connectionId: event.connectionId, body: event.body });
    if (event.body.startsWith('echo:')) await app.websocketApi.send(event.connectionId, event.body.slice('echo:'.length));
  });
  app.onWsDisconnect((event: WebsocketEvent) => {
    lines.push(`disconnect ${event.connectionId} ${String(event.disconnectStatusCode)}`);
  });
  const log: ServerLog = {
    lines,
    connections,
    bodies: (connectionId) => messages.filter((message) => message.connectionId === connectionId).map((message) => message.body),
    messageCount: () => messages.length,
  };
  return { app, log };
}

/** Starts the local gateway on a free port with the shared manual clock. */
export function startGateway(app: WsApp, clock: SharedClock, options: LocalGatewayOptions = {}): Promise<LocalGateway> {
  return startLocalGateway(app, { port: 0, clock: clock.manual, ...options });
}

/** `DELETE @connections/{id}` over HTTP, as an app's `websocketApi.close` would; resolves with the status. */
export async function deleteConnection(gateway: LocalGateway, connectionId: string): Promise<number> {
  const response = await fetch(`${gateway.managementEndpoint}/@connections/${encodeURIComponent(connectionId)}`, { method: 'DELETE' });
  await response.arrayBuffer();
  return response.status;
}

/** `POST @connections/{id}` over HTTP: sends `data` to a connection; resolves with the status. */
export async function postToConnection(gateway: LocalGateway, connectionId: string, data: string): Promise<number> {
  const response = await fetch(`${gateway.managementEndpoint}/@connections/${encodeURIComponent(connectionId)}`, { method: 'POST', body: data });
  await response.arrayBuffer();
  return response.status;
}

/** After a test: closes its client (no reconnect), then its gateway. */
export async function closeBoth(client: WebsocketClient | undefined, gateway: LocalGateway | undefined): Promise<void> {
  client?.close();
  await gateway?.close();
}
