export { WsApp, type WsAppOptions } from './app';
export { BadRequestError, PayloadTooLargeError, WebsocketDisconnectedError, WsAppConfigurationError } from './errors';
export type {
  LambdaContext,
  WebsocketAuthorizer,
  WebsocketConnectLambdaEvent,
  WebsocketConnectRequestContext,
  WebsocketDisconnectLambdaEvent,
  WebsocketDisconnectRequestContext,
  WebsocketEventType,
  WebsocketIdentity,
  WebsocketLambdaEvent,
  WebsocketMessageLambdaEvent,
  WebsocketMessageRequestContext,
  WebsocketRequestContextBase,
  WebsocketResponse,
} from './event-types';
export type {
  RegisteredRoute,
  RouteKind,
  RouteOptions,
  WebsocketHandler,
  WebsocketHandlerDecorator,
  WebsocketHandlerResult,
} from './route';
export {
  MANAGEMENT_ENDPOINT_ENV,
  MAX_PAYLOAD_BYTES,
  WebsocketApi,
  isGoneError,
  managementEndpointFor,
  type BroadcastOptions,
  type BroadcastOutcome,
  type WebsocketApiOptions,
  type WebsocketApiTransport,
  type WebsocketConnectionInfo,
} from './websocket-api';
export { WebsocketEvent } from './websocket-event';
export { WebsocketHeaders } from './websocket-headers';
