import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type ServerOptions, type WebSocket } from 'ws';
import type { WsApp } from '@wsapp/framework';
import { EmulatedGateway, type ConnectAttempt } from '../gateway/gateway';
import type { HeaderLine } from '../gateway/handshake';
import type { GatewayClock } from '../gateway/clock';
import { newApiId, type IdGenerator } from '../gateway/ids';
import { DEFAULT_LIMITS, type GatewayLimits } from '../gateway/limits';
import type { GatewayEventRecord } from '../gateway/records';
import type { LocalConnection } from '../gateway/session';
import { enforceFrameLimit, frameLimitSupported } from './frame-limit';
import { containHandlerFaults } from './handler-faults';
import { answerNotFound, writeRawResponse } from './http-answers';
import { hostPolicy, hostRefusal, parseAllowedHosts, type HostPolicy } from './host-check';
import { handleManagementRequest } from './http-management';
import { applyEnvironment, localAwsEnvironment } from './process-environment';
import { bindSocket, socketPort } from './socket-connection';
import { staticFileHandler, type StaticFileHandler } from './static-files';
import { handshakeProblem, sourceIpOf } from './upgrade-request';

/**
 * Options for {@link startLocalGateway}.
 *
 * @example
 * ```ts
 * const options: LocalGatewayOptions = { port: 0, stage: 'api', limits: { idleTimeoutMs: 2_000 } };
 * ```
 */
export interface LocalGatewayOptions {
  /**
   * Interface to listen on (default `127.0.0.1`). HTTP requests and upgrades are answered only
   * when their `Host` names it: for a loopback address `127.0.0.1`, `localhost` or `[::1]`; for
   * `0.0.0.0` or `::` also any address of the machine's interfaces; with this port or none.
   * Others get 403 before anything runs (a defence against DNS rebinding); see `allowedHosts`.
   */
  host?: string;
  /**
   * More `Host` values to answer, e.g. a name from `/etc/hosts`, a tunnel's or a forwarded
   * port's: `name` allows that name with any port, `name:port` only with that port (names are
   * case-insensitive; IPv6 in brackets). An entry that is neither throws at start.
   */
  allowedHosts?: readonly string[];
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
  /** Called once per event with its route, connection, duration and outcome (for logging); a callback that throws is logged and ignored. */
  onEvent?: (record: GatewayEventRecord) => void;
  /** Id source for connection, request and message ids (default: API-Gateway-like random ids). */
  ids?: IdGenerator;
  /** The clock for event times and every timeout (default: the system clock; tests pass `manualClock()`). */
  clock?: GatewayClock;
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
  /**
   * Contain handler crashes as Lambda does (default false; `wsapp local` turns it on): an
   * exception thrown from a timer, an unhandled rejection or `process.exit()` in a handler fails
   * only that invocation. It installs process-wide `uncaughtException` and `unhandledRejection`
   * listeners and guards `process.exit` while the gateway runs.
   */
  containHandlerFaults?: boolean;
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

/** How long a client gets to answer the gateway's close frame before its socket is dropped. */
const CLOSE_TIMEOUT_MS = 2_000;

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

function checkedStage(stage: string): string {
  if (!/^[A-Za-z0-9._~-]+$/.test(stage)) {
    throw new Error(`Invalid stage ${JSON.stringify(stage)}: use letters, digits, '.', '_', '~' or '-'`);
  }
  return stage;
}

function webSocketServer(maxMessageBytes: number, pendingHeaders: WeakMap<IncomingMessage, readonly HeaderLine[]>): WebSocketServer {
  // `closeTimeout` (ws 8.18+) is missing from @types/ws.
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: maxMessageBytes,
    perMessageDeflate: false,
    closeTimeout: CLOSE_TIMEOUT_MS,
    // A subprotocol is only ever chosen by the $connect handler's Sec-WebSocket-Protocol header.
    handleProtocols: () => false,
  } as ServerOptions);
  wss.on('headers', (headers: string[], req: IncomingMessage) => {
    for (const [name, value] of pendingHeaders.get(req) ?? []) headers.push(`${name}: ${value}`);
  });
  return wss;
}

interface UpgradeContext {
  gateway: EmulatedGateway;
  hosts: HostPolicy;
  wss: WebSocketServer;
  port: number;
  pendingHeaders: WeakMap<IncomingMessage, readonly HeaderLine[]>;
  isClosing(): boolean;
}

/** Finishes an accepted handshake: the 101 response with the `$connect` headers, then the session. */
function completeUpgrade(context: UpgradeContext, req: IncomingMessage, socket: Duplex, head: Buffer, attempt: Extract<ConnectAttempt, { accepted: true }>): void {
  // ws destroys a socket that is no longer both readable and writable without calling back, so
  // a client that left during $connect (its FIN already read) is abandoned here, with $disconnect.
  if (socket.destroyed || !socket.readable || !socket.writable || context.isClosing()) {
    socket.destroy();
    attempt.abandon();
    return;
  }
  context.pendingHeaders.set(req, attempt.headers);
  context.wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
    enforceFrameLimit(ws, context.gateway.limits.maxFrameBytes);
    bindSocket(ws, attempt.open(socketPort(ws)));
  });
}

async function handleUpgrade(context: UpgradeContext, req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
  socket.on('error', () => socket.destroy());
  const { gateway, hosts } = context;
  if (!hosts.allows(req.headers.host)) {
    const refusal = hostRefusal(req.headers.host, hosts);
    return writeRawResponse(socket, refusal.status, refusal.headers, refusal.body);
  }
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  if (context.isClosing()) return writeRawResponse(socket, 503, [], 'The local gateway is shutting down');
  if (!['/', `/${gateway.stage}`, `/${gateway.stage}/`].includes(path)) {
    return writeRawResponse(socket, 403, [['x-amzn-ErrorType', 'ForbiddenException']], JSON.stringify({ message: 'Forbidden' }));
  }
  const problem = handshakeProblem(req);
  if (problem) return writeRawResponse(socket, problem.status, problem.headers, problem.body);
  const attempt = await gateway.connect({
    rawHeaders: req.rawHeaders, url: req.url ?? '/', serverPort: context.port, sourceIp: sourceIpOf(req.socket.remoteAddress),
  });
  if (!attempt.accepted) return writeRawResponse(socket, attempt.status, attempt.headers, attempt.body);
  completeUpgrade(context, req, socket, head, attempt);
}

function requestListener(gatewayRef: () => EmulatedGateway | undefined, hostsRef: () => HostPolicy | undefined, serveStatic: StaticFileHandler | undefined, stage: string) {
  return (req: IncomingMessage, res: import('node:http').ServerResponse): void => {
    const hosts = hostsRef();
    if (!hosts?.allows(req.headers.host)) {
      // (The policy is set as soon as the server listens, before any request is read.)
      const refusal = hostRefusal(req.headers.host, hosts ?? { allows: () => false, answered: 'nothing yet' });
      res.writeHead(refusal.status, Object.fromEntries(refusal.headers)).end(refusal.body);
      return;
    }
    const gateway = gatewayRef();
    const handled = (gateway !== undefined && handleManagementRequest(req, res, gateway)) || serveStatic?.(req, res) === true;
    if (!handled) answerNotFound(req, res, stage);
  };
}

/**
 * Starts a local API Gateway WebSocket emulator running `app`: the socket front end of the
 * emulated gateway (`$connect` before the upgrade, route selection, two-way routes, API
 * Gateway's error frames and quotas) with the `@connections` management API on the same port.
 * Handlers see `WSAPP_MANAGEMENT_ENDPOINT` and `AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI`
 * pointing at it, and `app.websocketApi` is configured with its endpoint.
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
export async function startLocalGateway(app: WsApp, options: LocalGatewayOptions = {}): Promise<LocalGateway> {
  const host = options.host ?? '127.0.0.1';
  const stage = checkedStage(options.stage ?? 'api');
  const limits: GatewayLimits = { ...DEFAULT_LIMITS, ...options.limits };
  if (!frameLimitSupported()) {
    console.error(`wsapp local gateway: this ws version cannot be hooked to limit frames to ${limits.maxFrameBytes} bytes; only whole messages are limited`);
  }
  const serveStatic = options.staticDir === undefined ? undefined : staticFileHandler(options.staticDir);
  parseAllowedHosts(options.allowedHosts ?? []); // an invalid entry throws before anything listens
  let gateway: EmulatedGateway | undefined;
  let hosts: HostPolicy | undefined;
  const server = createServer(requestListener(() => gateway, () => hosts, serveStatic, stage));
  const pendingHeaders = new WeakMap<IncomingMessage, readonly HeaderLine[]>();
  const wss = webSocketServer(limits.maxMessageBytes, pendingHeaders);
  const port = await listen(server, options.port ?? 8000, host);
  hosts = hostPolicy(host, port, options.allowedHosts);
  const authority = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const managementEndpoint = `http://${authority}/${stage}`;
  const restoreEnvironment = applyEnvironment({ ...localAwsEnvironment(managementEndpoint, process.env), ...options.environment });
  const faults = options.containHandlerFaults ? containHandlerFaults() : undefined;
  const running = new EmulatedGateway(app, {
    domainName: authority, managementEndpoint, stage, apiId: options.apiId ?? newApiId(), limits,
    websocketApi: options.websocketApiTransport ?? 'in-process',
    ...(options.ids ? { ids: options.ids } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    ...(faults ? { runner: faults.runner } : {}),
  });
  gateway = running;
  let closed: Promise<void> | undefined;
  const context: UpgradeContext = { gateway: running, hosts, wss, port, pendingHeaders, isClosing: () => closed !== undefined };
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    handleUpgrade(context, req, socket, head).catch((error: unknown) => {
      console.error(`wsapp local gateway: handshake failed: ${error instanceof Error ? error.stack : String(error)}`);
      writeRawResponse(socket, 500, [], 'Internal server error');
    });
  });
  const stop = async (): Promise<void> => {
    await running.close();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    wss.close();
    faults?.release();
    restoreEnvironment();
  };
  return handleOf(running, { authority, managementEndpoint, port, stage, serveStatic }, () => (closed ??= stop()));
}

/** The `LocalGateway` a caller gets: the running core, its addresses, and the one way to stop it. */
function handleOf(
  running: EmulatedGateway,
  where: { authority: string; managementEndpoint: string; port: number; stage: string; serveStatic: StaticFileHandler | undefined },
  close: () => Promise<void>,
): LocalGateway {
  return {
    url: `ws://${where.authority}/${where.stage}`,
    managementEndpoint: where.managementEndpoint,
    staticUrl: where.serveStatic ? `http://${where.authority}/` : undefined,
    port: where.port,
    apiId: running.apiId,
    stage: where.stage,
    connections: running.connections,
    get app() {
      return running.app;
    },
    setApp: (next: WsApp) => running.setApp(next),
    close,
  };
}
