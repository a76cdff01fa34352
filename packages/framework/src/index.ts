export {
  WsApp,
  type RegisteredAuthorizer,
  type WebsocketAuthorizerDecorator,
  type WebsocketMiddlewareDecorator,
  type WsAppHandler,
  type WsAppOptions,
} from './app';
export type { BodyOf, NoRoutes, RouteTypes, RouteTypesOf, UnknownHeartbeat, WithRoute, WsAppTypes } from './app-types';
export { INVALID_BODY_MESSAGE, validateBody, type BodyIssue, type InvalidBodyFrame } from './body-validation';
export { DEFAULT_HEARTBEAT, type HeartbeatOptions } from './heartbeat';
export {
  isStandardSchema,
  type InferSchemaInput,
  type InferSchemaOutput,
  type StandardSchema,
  type StandardSchemaIssue,
  type StandardSchemaProps,
  type StandardSchemaResult,
} from './standard-schema';
export {
  DEFAULT_IDENTITY_SOURCES,
  isAuthorizerRequest,
  parseIdentitySource,
  type AuthorizerContextValue,
  type AuthorizerOptions,
  type AuthorizerPolicyDocument,
  type AuthorizerResponse,
  type AuthorizerResult,
  type WebsocketAuthorizerHandler,
  type WebsocketAuthorizerRequest,
} from './authorizer';
export { BadRequestError, PayloadTooLargeError, UnauthorizedError, WebsocketDisconnectedError, WsAppConfigurationError } from './errors';
export { WsAppLogger, type LogLevel, type LogRecord, type LogScope, type LogSink } from './logger';
export type { WebsocketMiddleware, WebsocketNext } from './middleware';
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
