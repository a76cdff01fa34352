export {
  startLocalGateway,
  type LocalGateway,
  type LocalGatewayOptions,
} from './server/start-local-gateway';
export { HandlerExitError } from './server/handler-faults';
export {
  EmulatedGateway,
  type ConnectAttempt,
  type EmulatedGatewayOptions,
  type HandshakeRequest,
} from './gateway/gateway';
export {
  GatewaySession,
  type ConnectionEnding,
  type ConnectionPort,
  type LocalConnection,
  type MessageOutcome,
} from './gateway/session';
export type { AuthorizerVerdict, GatewayEventOutcome, GatewayEventRecord } from './gateway/records';
export { buildAuthorizerRequest } from './gateway/authorizer-request';
export { systemClock, type GatewayClock, type GatewayTimer } from './gateway/clock';
export type { HandlerRunner, InvocationOutcome, InvokedEvent } from './gateway/invoke';
export type { HeaderLine } from './gateway/handshake';
export { CLOSE, DEFAULT_LIMITS, type GatewayLimits } from './gateway/limits';
export {
  buildConnectEvent,
  buildDisconnectEvent,
  buildMessageEvent,
  NO_STATUS_REASON,
  type ConnectionFacts,
  type EventStamp,
  type HandshakeFacts,
} from './gateway/event-builders';
export { compileRouteSelection, gatewayErrorFrame, routeForMessage, type RouteSelector } from './gateway/route-selection';
export { formatClfTime } from './gateway/clf-time';
export { newApiId, newAwsStyleId, newTraceId, type IdGenerator } from './gateway/ids';
export {
  startEmbeddedDynamoDb,
  type EmbeddedDynamoDb,
  type EmbeddedDynamoDbOptions,
  type EmbeddedTable,
} from './cloudformation/embedded-dynamodb';
export type { TtlSweep } from './cloudformation/ttl-sweeper';
export { DataFolderError } from './cloudformation/data-folder';
export type { MergeTemplate, TemplateResource } from './cloudformation/template-values';
export { parseTemplateText, readTemplateFile } from './cloudformation/template-reader';
export { TEMPLATE_LIMITS } from './cloudformation/template-limits';
export { parseJsonText, type JsonObject, type JsonValue } from './cloudformation/json-text';
export { FUNCTION_LOGICAL_IDS, type WebsocketFunctionName } from './cloudformation/logical-ids';
