import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { WsApp } from '@wsapp/framework';
import type { WebsocketResponse } from '@wsapp/framework';
import {
  buildConnectEvent,
  buildDisconnectEvent,
  buildMessageEvent,
  type ConnectionFacts,
  type HandshakeFacts,
} from '../gateway/event-builders';
import { GatewayConnection, type LocalConnection } from '../gateway/gateway-connection';
import { newApiId, newAwsStyleId, newTraceId, type IdGenerator } from '../gateway/ids';
import { invokeHandler, type InvocationOutcome } from '../gateway/invoke-handler';
import { DEFAULT_LIMITS, enforceFrameLimit, type GatewayLimits } from '../gateway/limits';
import { inProcessManagementTransport } from '../gateway/in-process-management';
import { handleManagementRequest, type ManagementApiSettings } from '../gateway/management-api';
import { applyEnvironment, localAwsEnvironment } from './process-environment';
import { compileRouteSelection, gatewayErrorFrame, routeForMessage, type RouteSelector } from '../gateway/route-selection';
import { staticFileHandler } from './static-files';

/**
 * Options for {@link startLocalGateway}.
 *
 * @example
 * ```ts
 * const options: LocalGatewayOptions = { port: 0, stage: 'api', limits: { idleTimeoutMs: 2_000 } };
 * ```
 */
export interface LocalGatewayOptions {
  /** Interface to listen on (default `127.0.0.1`). */
  host?: string;
  /** Port (default 8000; 0 picks a free one). */
  port?: number;
  /** Stage name: the URL path and `requestContext.stage` (default `api`). */
  stage?: string;
  /** API id reported in events (default: a random 10-character id, stable for this gateway). */
  apiId?: string;
  /** Quotas and timeouts; unset values are API Gateway's. */
  limits?: Partial<GatewayLimits>;
  /** Extra environment variables for the handlers (set while the gateway runs). */
  environment?: Readonly<Record<string, string>>;
  /** Called once per event with its route, connection, duration and outcome (for logging). */
  onEvent?: (record: GatewayEventRecord) => void;
  /** Id source for connection, request and message ids (default: API-Gateway-like random ids). */
  ids?: IdGenerator;
  /**
   * How the running app's `app.websocketApi` reaches `@connections`: `in-process` (default;
   * the same answers and the SDK's own error classes, without the SDK's request pipeline or a
   * loopback HTTP round trip) or `http` (the SDK client over HTTP). Hand-built SDK clients and
   * other processes always use HTTP.
   */
  websocketApiTransport?: 'in-process' | 'http';
  /**
   * A folder whose files are served over HTTP GET and HEAD on the same port (`/` is its
   * `index.html`), e.g. a browser page for the app. Must exist.
   */
  staticDir?: string;
}

/**
 * How an event ended: `ok` (including no handler), `refused` (a non-2xx `$connect`), `error`
 * (the handler threw), `timeout`, or `forbidden` (no route and no `$default`).
 *
 * @example
 * ```ts
 * const failed = (outcome: GatewayEventOutcome) => outcome === 'error' || outcome === 'timeout';
 * ```
 */
export type GatewayEventOutcome = 'ok' | 'refused' | 'error' | 'timeout' | 'forbidden';

/**
 * One event the gateway handled, as reported to {@link LocalGatewayOptions.onEvent}.
 *
 * @example
 * ```ts
 * onEvent: (r) => console.log(`${r.routeKey} ${r.connectionId} ${r.durationMs}ms ${r.outcome}`);
 * ```
 */
export interface GatewayEventRecord {
  eventType: 'CONNECT' | 'MESSAGE' | 'DISCONNECT';
  routeKey: string;
  connectionId: string;
  requestId: string;
  durationMs: number;
  outcome: GatewayEventOutcome;
  /** Whether a handler ran (false for a route the app does not register, e.g. no `$connect`). */
  handled: boolean;
  /** The handler's status code, when it returned one. */
  statusCode?: number;
  /** For `$disconnect`: the close code and reason. */
  detail?: string;
}

/**
 * A running local gateway.
 *
 * @example
 * ```ts
 * const gateway = await startLocalGateway(app, { port: 0 });
 * const client = new WebSocket(gateway.url);
 * // ...
 * await gateway.close();
 * ```
 */
export interface LocalGateway {
  /** The WebSocket URL, `ws://127.0.0.1:{port}/{stage}`. */
  readonly url: string;
  /** The `@connections` endpoint, `http://127.0.0.1:{port}/{stage}`. */
  readonly managementEndpoint: string;
  /** With `staticDir`: the page's URL, `http://127.0.0.1:{port}/`. */
  readonly staticUrl: string | undefined;
  readonly port: number;
  readonly apiId: string;
  readonly stage: string;
  /** Open connections by id. */
  readonly connections: ReadonlyMap<string, LocalConnection>;
  /** The app new invocations go to. */
  readonly app: WsApp;
  /** Sends new invocations to another app (reload); open connections stay up. */
  setApp(app: WsApp): void;
  /**
   * Stops accepting connections, closes every open one with 1001, waits for their
   * `$disconnect` handlers, then stops the server and restores the environment.
   */
  close(): Promise<void>;
}

const SKIPPED_RESPONSE_HEADERS = new Set(['upgrade', 'connection', 'sec-websocket-accept', 'content-length']);

function is2xx(response: WebsocketResponse): boolean {
  return response.statusCode >= 200 && response.statusCode < 300;
}

function responseHeaderLines(response: WebsocketResponse): string[] {
  const lines: string[] = [];
  for (const [name, value] of Object.entries(response.headers ?? {})) {
    if (!SKIPPED_RESPONSE_HEADERS.has(name.toLowerCase())) lines.push(`${name}: ${value}`);
  }
  for (const [name, values] of Object.entries(response.multiValueHeaders ?? {})) {
    if (SKIPPED_RESPONSE_HEADERS.has(name.toLowerCase()) || response.headers?.[name] !== undefined) continue;
    for (const value of values) lines.push(`${name}: ${value}`);
  }
  return lines.filter((line) => !/[\r\n]/.test(line));
}

function writeHttpError(socket: Duplex, status: number, headerLines: string[], body: string): void {
  if (socket.destroyed) return;
  const payload = Buffer.from(body, 'utf8');
  socket.write(
    [
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
      ...headerLines,
      `x-amzn-RequestId: ${newAwsStyleId()}`,
      'Connection: close',
      `Content-Length: ${payload.length}`,
      '',
      '',
    ].join('\r\n'),
  );
  socket.end(payload);
}

function normalizeIp(address: string | undefined): string {
  if (!address) return '127.0.0.1';
  return address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const hint = error.code === 'EADDRINUSE' ? ' (the port is in use: pick another, or 0 for a free one)' : '';
      reject(new Error(`Cannot start the local gateway on ${host}:${port}: ${error.message}${hint}`, { cause: error }));
    });
    server.listen(port, host, () => {
      server.removeAllListeners('error');
      server.on('error', (error) => console.error(`wsapp local gateway: server error: ${error.message}`));
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function outcomeOf(invocation: InvocationOutcome): GatewayEventOutcome {
  if (invocation.kind === 'threw') return 'error';
  if (invocation.kind === 'timed-out') return 'timeout';
  return 'ok';
}

/**
 * Starts a local API Gateway WebSocket emulator running `app`: `$connect` before the upgrade,
 * route selection, two-way routes, API Gateway's error frames and quotas, and the
 * `@connections` management API on the same port. Handlers see `WSAPP_MANAGEMENT_ENDPOINT` and
 * `AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI` pointing at it, and `app.websocketApi` is
 * configured with its endpoint.
 *
 * @example
 * ```ts
 * import { startLocalGateway } from '@wsapp/local';
 * import { app } from './app';
 *
 * const gateway = await startLocalGateway(app, { port: 0 });
 * console.log(gateway.url); // ws://127.0.0.1:41234/api
 * ```
 */
export async function startLocalGateway(initialApp: WsApp, options: LocalGatewayOptions = {}): Promise<LocalGateway> {
  const host = options.host ?? '127.0.0.1';
  const stage = options.stage ?? 'api';
  const apiId = options.apiId ?? newApiId();
  const limits: GatewayLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const ids = options.ids ?? newAwsStyleId;
  const report = options.onEvent ?? (() => undefined);
  if (!/^[A-Za-z0-9._~-]+$/.test(stage)) {
    throw new Error(`Invalid stage ${JSON.stringify(stage)}: use letters, digits, '.', '_', '~' or '-'`);
  }

  let app = initialApp;
  let selectRoute: RouteSelector = compileRouteSelection(app.routeSelectionExpression);
  const connections = new Map<string, GatewayConnection>();
  const disconnects = new Set<Promise<void>>();
  const pendingHeaders = new WeakMap<IncomingMessage, string[]>();
  let closing = false;

  const management: ManagementApiSettings = {
    stage,
    maxPostBytes: limits.maxPostBytes,
    find: (id) => connections.get(id),
  };
  const serveStatic = options.staticDir === undefined ? undefined : staticFileHandler(options.staticDir);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const handled = handleManagementRequest(req, res, management) || serveStatic?.(req, res) === true;
    if (!handled) {
      const body = JSON.stringify({
        message: `Not found: ${req.method} ${req.url}. WebSocket clients connect to /${stage}; ` +
          `the management API is /${stage}/@connections/{connectionId}`,
      });
      res.writeHead(404, { 'content-type': 'application/json', 'x-amzn-ErrorType': 'NotFoundException' }).end(body);
    }
  });
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxMessageBytes,
    perMessageDeflate: false,
    // A subprotocol is only ever chosen by the $connect handler's Sec-WebSocket-Protocol header.
    handleProtocols: () => false,
  });
  wss.on('headers', (headers: string[], req: IncomingMessage) => {
    headers.push(...(pendingHeaders.get(req) ?? []));
  });

  const port = await listen(server, options.port ?? 8000, host);
  const authority = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const managementEndpoint = `http://${authority}/${stage}`;
  const restoreEnvironment = applyEnvironment({
    ...localAwsEnvironment(managementEndpoint, process.env),
    ...options.environment,
  });
  const connectWebsocketApi = (target: WsApp): void => {
    target.websocketApi.configure({
      endpoint: managementEndpoint,
      transport: options.websocketApiTransport === 'http' ? undefined : inProcessManagementTransport(management),
    });
  };
  connectWebsocketApi(app);

  const facts = (req: IncomingMessage): ConnectionFacts => {
    const identity: ConnectionFacts['identity'] = { sourceIp: normalizeIp(req.socket.remoteAddress) };
    const userAgent = req.headers['user-agent'];
    if (userAgent !== undefined) identity.userAgent = userAgent;
    return { connectionId: ids(), connectedAt: Date.now(), identity, apiId, stage, domainName: authority };
  };

  const runDisconnect = (connection: ConnectionFacts, code: number, reason: string): Promise<void> => {
    const currentApp = app;
    if (!currentApp.route('$disconnect')) {
      report({
        eventType: 'DISCONNECT', routeKey: '$disconnect', connectionId: connection.connectionId,
        requestId: '', durationMs: 0, outcome: 'ok', handled: false, detail: `${code} ${reason}`.trim(),
      });
      return Promise.resolve();
    }
    const event = buildDisconnectEvent(connection, code, reason, { now: Date.now(), requestId: ids() });
    const started = performance.now();
    return invokeHandler(currentApp, event, limits.integrationTimeoutMs).then((invocation) => {
      report({
        eventType: 'DISCONNECT', routeKey: '$disconnect', connectionId: connection.connectionId,
        requestId: event.requestContext.requestId, durationMs: performance.now() - started,
        outcome: outcomeOf(invocation), handled: true,
        detail: `${event.requestContext.disconnectStatusCode} ${event.requestContext.disconnectReason}`.trim(),
      });
    });
  };

  const trackDisconnect = (work: Promise<void>): void => {
    disconnects.add(work);
    void work.finally(() => disconnects.delete(work));
  };

  const handleMessage = async (connection: GatewayConnection, body: string): Promise<void> => {
    const currentApp = app;
    const started = performance.now();
    const requestId = ids();
    const selected = selectRoute(body);
    const routeKey = routeForMessage(currentApp, selected);
    const base = { eventType: 'MESSAGE' as const, connectionId: connection.connectionId, requestId };
    if (routeKey === undefined) {
      await connection.post(gatewayErrorFrame('Forbidden', connection.connectionId, requestId));
      report({ ...base, routeKey: selected ?? '$default', durationMs: performance.now() - started, outcome: 'forbidden', handled: false });
      return;
    }
    const event = buildMessageEvent(connection.facts, routeKey, body, { now: Date.now(), requestId }, ids());
    const invocation = await invokeHandler(currentApp, event, limits.integrationTimeoutMs);
    if (invocation.kind === 'returned') {
      const body = invocation.response.body;
      if (currentApp.route(routeKey)?.twoWay && typeof body === 'string') {
        await connection.post(invocation.response.isBase64Encoded ? Buffer.from(body, 'base64') : body);
      }
    } else {
      await connection.post(gatewayErrorFrame('Internal server error', connection.connectionId, requestId));
    }
    report({
      ...base, routeKey, durationMs: performance.now() - started, outcome: outcomeOf(invocation), handled: true,
      ...(invocation.kind === 'returned' ? { statusCode: invocation.response.statusCode } : {}),
    });
  };

  const accept = (req: IncomingMessage, socket: Duplex, head: Buffer, connectionFacts: ConnectionFacts, ranConnect: boolean): void => {
    if (socket.destroyed || closing) {
      socket.destroy();
      if (ranConnect) trackDisconnect(runDisconnect(connectionFacts, 1006, ''));
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      const connection = new GatewayConnection(connectionFacts, ws, limits);
      connections.set(connection.connectionId, connection);
      enforceFrameLimit(ws, limits.maxFrameBytes);
      ws.on('error', (error: Error & { code?: string }) => {
        if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') connection.noteProtocolError(1009, 'Message too big');
        else connection.noteProtocolError(1002, error.message);
      });
      ws.on('message', (data: Buffer, isBinary: boolean) => {
        if (!connection.isOpen) return; // already closing: API Gateway drops frames after a close
        if (isBinary) {
          connection.closeFromServer(1003, 'Binary frames are not supported');
          return;
        }
        connection.touch(Date.now());
        const text = data.toString('utf8');
        void connection.enqueue(() => handleMessage(connection, text));
      });
      ws.on('close', (code: number, reason: Buffer) => {
        connections.delete(connection.connectionId);
        const ending = connection.ending(code, reason.toString('utf8'));
        trackDisconnect(connection.enqueue(() => runDisconnect(connectionFacts, ending.code, ending.reason)));
      });
    });
  };

  const onUpgrade = async (req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> => {
    socket.on('error', () => socket.destroy());
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (closing) return writeHttpError(socket, 503, [], 'The local gateway is shutting down');
    if (!['/', `/${stage}`, `/${stage}/`].includes(path)) {
      return writeHttpError(socket, 403, ['x-amzn-ErrorType: ForbiddenException'], JSON.stringify({ message: 'Forbidden' }));
    }
    if ((req.headers.upgrade ?? '').toLowerCase() !== 'websocket') {
      return writeHttpError(socket, 400, [], 'Expected a WebSocket upgrade');
    }
    const connectionFacts = facts(req);
    const currentApp = app;
    if (!currentApp.route('$connect')) {
      report({
        eventType: 'CONNECT', routeKey: '$connect', connectionId: connectionFacts.connectionId,
        requestId: '', durationMs: 0, outcome: 'ok', handled: false,
      });
      accept(req, socket, head, connectionFacts, false);
      return;
    }
    const handshake: HandshakeFacts = { rawHeaders: req.rawHeaders, url: req.url ?? '/', serverPort: port, traceId: newTraceId(connectionFacts.connectedAt) };
    const event = buildConnectEvent(connectionFacts, handshake, { now: Date.now(), requestId: ids() });
    const started = performance.now();
    const invocation = await invokeHandler(currentApp, event, limits.integrationTimeoutMs);
    const record = {
      eventType: 'CONNECT' as const, routeKey: '$connect', connectionId: connectionFacts.connectionId,
      requestId: event.requestContext.requestId, durationMs: performance.now() - started, handled: true,
    };
    if (invocation.kind !== 'returned') {
      report({ ...record, outcome: outcomeOf(invocation) });
      writeHttpError(socket, 500, ['Content-Type: application/json'], JSON.stringify({ message: 'Internal server error' }));
      return;
    }
    const response = invocation.response;
    if (!Number.isInteger(response.statusCode) || response.statusCode < 200 || response.statusCode > 599) {
      console.error(
        `wsapp local gateway: the $connect handler returned statusCode ${String(response.statusCode)}; ` +
          'return 2xx to accept or 4xx/5xx to refuse. Refusing with 500.',
      );
      report({ ...record, outcome: 'error', statusCode: response.statusCode });
      writeHttpError(socket, 500, ['Content-Type: application/json'], JSON.stringify({ message: 'Internal server error' }));
      return;
    }
    if (!is2xx(response)) {
      report({ ...record, outcome: 'refused', statusCode: response.statusCode });
      writeHttpError(socket, response.statusCode, responseHeaderLines(response), response.body ?? '');
      return;
    }
    report({ ...record, outcome: 'ok', statusCode: response.statusCode });
    pendingHeaders.set(req, responseHeaderLines(response));
    accept(req, socket, head, connectionFacts, true);
  };

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    onUpgrade(req, socket, head).catch((error: unknown) => {
      console.error(`wsapp local gateway: handshake failed: ${error instanceof Error ? error.stack : String(error)}`);
      writeHttpError(socket, 500, [], 'Internal server error');
    });
  });

  let closed: Promise<void> | undefined;
  return {
    url: `ws://${authority}/${stage}`,
    managementEndpoint,
    staticUrl: serveStatic ? `http://${authority}/` : undefined,
    port,
    apiId,
    stage,
    connections,
    get app() {
      return app;
    },
    setApp(next: WsApp) {
      selectRoute = compileRouteSelection(next.routeSelectionExpression);
      app = next;
      connectWebsocketApi(app);
    },
    close() {
      closed ??= (async () => {
        closing = true;
        for (const connection of connections.values()) connection.closeFromServer(1001, 'Going away');
        while (connections.size > 0 || disconnects.size > 0) {
          await Promise.all([...disconnects]);
          if (connections.size > 0) await new Promise((resolve) => setTimeout(resolve, 10));
        }
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        wss.close();
        app.websocketApi.reset();
        restoreEnvironment();
      })();
      return closed;
    },
  };
}
