export { createClient, type WebsocketClient } from './create-client';
export type { AnyApp, RouteKeyOf, SendArgs, SendBody, WsAppContract } from './app-contract';
export type { ClientBaseOptions, ClientOptionsArgs, WebsocketClientOptions } from './client-options';
export type { ReconnectOptions } from './backoff';
export type { HeartbeatOption, HeartbeatOptions } from './heartbeat-options';
export type { ClientClock, ClientTimer } from './clock';
export type { UrlSource } from './connection';
export type { WebSocketConstructor, WebSocketLike } from './websocket-like';
export type {
  ClientEvents,
  ClientState,
  ClosedDetail,
  ConnectingDetail,
  OpenDetail,
  ReconnectingDetail,
} from './client-events';
export { HandshakeRefusedError, QueueOverflowError, ReconnectFailedError } from './errors';
