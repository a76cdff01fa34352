import type { WebsocketAuthorizerRequest } from '@wsapp/framework';
import { buildConnectEvent, type ConnectionFacts, type EventStamp, type HandshakeFacts } from './event-builders';
import { connectMethodArn } from './local-account';

/**
 * Builds the REQUEST event API Gateway sends a `$connect` authorizer: `type`, `methodArn`, the
 * handshake's headers and query as the `$connect` event has them, `stageVariables` and the
 * connect request's context (no `isBase64Encoded`, no `authorizer` yet). The query maps are
 * always present, `{}` for a URL without a query, as in the REQUEST events AWS delivers.
 *
 * @example
 * ```ts
 * const request = buildAuthorizerRequest(connection, handshake, { now: Date.now(), requestId: newAwsStyleId() });
 * request.methodArn; // 'arn:aws:execute-api:us-east-1:123456789012:k2v9xq0a7d/api/$connect'
 * ```
 */
export function buildAuthorizerRequest(
  connection: ConnectionFacts,
  handshake: HandshakeFacts,
  stamp: EventStamp,
): WebsocketAuthorizerRequest {
  const { authorizer: _notYet, ...unauthorized } = connection;
  const connect = buildConnectEvent(unauthorized, handshake, stamp);
  return {
    type: 'REQUEST',
    methodArn: connectMethodArn(connection.apiId, connection.stage),
    headers: connect.headers,
    multiValueHeaders: connect.multiValueHeaders,
    queryStringParameters: connect.queryStringParameters ?? {},
    multiValueQueryStringParameters: connect.multiValueQueryStringParameters ?? {},
    stageVariables: {},
    requestContext: connect.requestContext,
  };
}
