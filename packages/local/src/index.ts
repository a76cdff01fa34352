export {
  startLocalGateway,
  type GatewayEventOutcome,
  type GatewayEventRecord,
  type LocalGateway,
  type LocalGatewayOptions,
} from './server/start-local-gateway';
export type { LocalConnection } from './gateway/gateway-connection';
export { DEFAULT_LIMITS, type GatewayLimits } from './gateway/limits';
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
export type { MergeTemplate, TemplateResource } from './cloudformation/template-values';
