export {
  startLocalGateway,
  type GatewayEventOutcome,
  type GatewayEventRecord,
  type LocalGateway,
  type LocalGatewayOptions,
} from './server';
export type { LocalConnection } from './gateway-connection';
export { DEFAULT_LIMITS, type GatewayLimits } from './limits';
export {
  buildConnectEvent,
  buildDisconnectEvent,
  buildMessageEvent,
  NO_STATUS_REASON,
  type ConnectionFacts,
  type EventStamp,
  type HandshakeFacts,
} from './event-builders';
export { compileRouteSelection, gatewayErrorFrame, routeForMessage, type RouteSelector } from './route-selection';
export { formatClfTime } from './clf-time';
export { newApiId, newAwsStyleId, newTraceId, type IdGenerator } from './ids';
export {
  startEmbeddedDynamoDb,
  type EmbeddedDynamoDb,
  type EmbeddedDynamoDbOptions,
  type EmbeddedTable,
} from './embedded-dynamodb';
export type { MergeTemplate, TemplateResource } from './cloudformation-values';
