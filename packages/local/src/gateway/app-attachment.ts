import type { WsApp } from '@wsapp/framework';
import type { ManagementAnswer, ManagementRequest } from './management';
import { inProcessManagementTransport } from './websocket-api-transport';

/**
 * What an app's `websocketApi` needs from a gateway running it.
 *
 * @example
 * ```ts
 * const attached: AttachedGateway = { stage: 'api', managementEndpoint, inProcess: true, owns: (id) => connections.has(id), answerManagement };
 * ```
 */
export interface AttachedGateway {
  readonly stage: string;
  readonly managementEndpoint: string;
  /** Answer `app.websocketApi` in process (true) or let it use the SDK over HTTP (false). */
  readonly inProcess: boolean;
  owns(connectionId: string): boolean;
  answerManagement(request: ManagementRequest): ManagementAnswer;
}

const attachments = new WeakMap<WsApp, AttachedGateway[]>();

function configure(app: WsApp, gateways: readonly AttachedGateway[]): void {
  const first = gateways[0];
  if (!first) {
    app.websocketApi.reset();
    return;
  }
  const answer = (request: ManagementRequest): ManagementAnswer => {
    const owner = request.connectionId === undefined ? first : gateways.find((g) => g.owns(request.connectionId as string));
    return (owner ?? first).answerManagement(request);
  };
  app.websocketApi.configure({
    endpoint: first.managementEndpoint,
    transport: first.inProcess ? inProcessManagementTransport(first.stage, answer) : undefined,
  });
}

/**
 * Points `app.websocketApi` at a gateway. Several gateways (or test clients) may run one app at
 * once: each send goes to the gateway that holds the connection, so none of them makes the
 * others' connections look gone. Returns the function that detaches it again; the last one to
 * detach resets `app.websocketApi`.
 *
 * @example
 * ```ts
 * const detach = attachToApp(app, gateway);
 * // ... handlers send through app.websocketApi ...
 * detach();
 * ```
 */
export function attachToApp(app: WsApp, gateway: AttachedGateway): () => void {
  const gateways = [...(attachments.get(app) ?? []), gateway];
  attachments.set(app, gateways);
  configure(app, gateways);
  let attached = true;
  return () => {
    if (!attached) return;
    attached = false;
    const remaining = (attachments.get(app) ?? []).filter((candidate) => candidate !== gateway);
    attachments.set(app, remaining);
    configure(app, remaining);
  };
}

/**
 * Whether a gateway (or test client) attached to `app` holds `connectionId`, open or still in
 * `$connect`. A new connection never gets such an id: `app.websocketApi` finds a connection's
 * gateway by its id, so two test clients with the same sequential ids would otherwise receive
 * each other's messages.
 *
 * @example
 * ```ts
 * if (connectionIdInUse(app, 'AAAAAAAAAAAAAAE=')) console.log('taken');
 * ```
 */
export function connectionIdInUse(app: WsApp, connectionId: string): boolean {
  return (attachments.get(app) ?? []).some((gateway) => gateway.owns(connectionId));
}
