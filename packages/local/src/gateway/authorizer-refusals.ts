import type { HeaderLine } from './handshake';

/**
 * How API Gateway answers a handshake its `$connect` authorizer refused: HTTP status, headers
 * and body.
 *
 * @example
 * ```ts
 * const { status, headers, body } = AUTHORIZER_REFUSALS.unauthorized;
 * ```
 */
export interface AuthorizerRefusal {
  status: number;
  headers: readonly HeaderLine[];
  body: string;
}

function refusal(status: number, errorType: string, body: Record<string, string | null>): Readonly<AuthorizerRefusal> {
  return Object.freeze({
    status,
    headers: Object.freeze([['Content-Type', 'application/json'], ['x-amzn-ErrorType', errorType]] as const),
    body: JSON.stringify(body),
  });
}

/**
 * API Gateway's default answers to a refusal by a Lambda REQUEST authorizer, as its gateway
 * responses give them (AWS documents no WebSocket-specific bodies; these are the ones its REST
 * APIs send, which the WebSocket handshake is an HTTP request to):
 * - `unauthorized`: an identity source missing or empty (the authorizer is not invoked), or the
 *   authorizer failed with `Unauthorized`: 401 `{"message":"Unauthorized"}`;
 * - `explicitDeny`: a Deny statement covers `$connect`: 403
 *   `{"Message":"User is not authorized to access this resource with an explicit deny"}`;
 * - `implicitDeny`: no Allow statement covers it: 403 `{"Message":"User is not authorized to access this resource"}`;
 * - `failure`: the authorizer failed otherwise, timed out, or answered a malformed response:
 *   500 `{"message":null}`.
 *
 * @example
 * ```ts
 * AUTHORIZER_REFUSALS.explicitDeny.status; // 403
 * ```
 */
export const AUTHORIZER_REFUSALS = Object.freeze({
  unauthorized: refusal(401, 'UnauthorizedException', { message: 'Unauthorized' }),
  explicitDeny: refusal(403, 'AccessDeniedException', { Message: 'User is not authorized to access this resource with an explicit deny' }),
  implicitDeny: refusal(403, 'AccessDeniedException', { Message: 'User is not authorized to access this resource' }),
  failure: refusal(500, 'AuthorizerConfigurationException', { message: null }),
});
