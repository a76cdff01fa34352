import type { WebsocketConnectRequestContext } from './event-types';

/**
 * The event API Gateway sends a Lambda REQUEST authorizer of a WebSocket API's `$connect`
 * route: the handshake's headers and query, and the connect request's context.
 *
 * @example
 * ```ts
 * app.authorizer((request: WebsocketAuthorizerRequest) => {
 *   const token = request.queryStringParameters?.token;
 *   return token === 'letmein' ? { principalId: 'user-1' } : null;
 * }, { identitySources: ['route.request.querystring.token'] });
 * ```
 */
export interface WebsocketAuthorizerRequest {
  type: 'REQUEST';
  /** `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/$connect`. */
  methodArn: string;
  headers: Record<string, string>;
  multiValueHeaders: Record<string, string[]>;
  /** `{}` when the URL has no query (unlike on the `$connect` event, where the key is then absent). */
  queryStringParameters: Record<string, string>;
  multiValueQueryStringParameters: Record<string, string[]>;
  stageVariables: Record<string, string>;
  requestContext: WebsocketConnectRequestContext;
}

/**
 * A context value an authorizer may pass on: API Gateway delivers it as a string.
 *
 * @example
 * ```ts
 * const context: Record<string, AuthorizerContextValue> = { tenant: 'acme', admin: false, level: 3 };
 * ```
 */
export type AuthorizerContextValue = string | number | boolean;

/**
 * An IAM policy document, for an authorizer that writes its own (the advanced form).
 *
 * @example
 * ```ts
 * const policy: AuthorizerPolicyDocument = {
 *   Version: '2012-10-17',
 *   Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: request.methodArn }],
 * };
 * ```
 */
export interface AuthorizerPolicyDocument {
  Version: string;
  Statement: Array<{ Action: string | string[]; Effect: 'Allow' | 'Deny'; Resource: string | string[] }>;
}

/**
 * What an authorizer returns: `{ principalId, context? }` allows the connection, `null` or
 * `false` refuses it with 403, and `{ principalId, policyDocument, context? }` gives API
 * Gateway a policy of its own. Throwing `UnauthorizedError` refuses with 401.
 *
 * @example
 * ```ts
 * const allow: AuthorizerResult = { principalId: 'user-1', context: { tenant: 'acme' } };
 * ```
 */
export type AuthorizerResult =
  | { principalId: string; context?: Record<string, AuthorizerContextValue>; policyDocument?: AuthorizerPolicyDocument }
  | null
  | false;

/**
 * A function that decides whether a connection may open.
 *
 * @example
 * ```ts
 * const authorize: WebsocketAuthorizerHandler = (request) => (request.headers.Authorization ? { principalId: 'u' } : null);
 * ```
 */
export type WebsocketAuthorizerHandler = (request: WebsocketAuthorizerRequest) => AuthorizerResult | Promise<AuthorizerResult>;

/**
 * Options of `app.authorizer`.
 *
 * @example
 * ```ts
 * const options: AuthorizerOptions = { identitySources: ['route.request.querystring.token'] };
 * ```
 */
export interface AuthorizerOptions {
  /**
   * API Gateway's identity sources: `route.request.header.NAME` or `route.request.querystring.NAME`
   * (default `['route.request.header.Authorization']`). A handshake without one of them is
   * refused with 401 before the authorizer runs.
   */
  identitySources?: string[];
}

/**
 * What a Lambda REQUEST authorizer answers API Gateway with.
 *
 * @example
 * ```ts
 * const response: AuthorizerResponse = { principalId: 'u', policyDocument, context: { tenant: 'acme' } };
 * ```
 */
export interface AuthorizerResponse {
  principalId: string;
  policyDocument: AuthorizerPolicyDocument;
  context?: Record<string, AuthorizerContextValue>;
}

/**
 * The identity sources an app's authorizer uses when it names none.
 *
 * @example
 * ```ts
 * DEFAULT_IDENTITY_SOURCES; // ['route.request.header.Authorization']
 * ```
 */
export const DEFAULT_IDENTITY_SOURCES: readonly string[] = Object.freeze(['route.request.header.Authorization']);

const IDENTITY_SOURCE = /^route\.request\.(header|querystring)\.([^.\s]+)$/;

/**
 * Where an identity source looks: a header or a query string parameter, by name; `undefined`
 * for a string that is not one API Gateway accepts for a WebSocket REQUEST authorizer here.
 *
 * @example
 * ```ts
 * parseIdentitySource('route.request.querystring.token'); // { in: 'querystring', name: 'token' }
 * ```
 */
export function parseIdentitySource(source: string): { in: 'header' | 'querystring'; name: string } | undefined {
  const match = IDENTITY_SOURCE.exec(source);
  return match ? { in: match[1] as 'header' | 'querystring', name: match[2] as string } : undefined;
}

function policy(effect: 'Allow' | 'Deny', methodArn: string): AuthorizerPolicyDocument {
  return { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: methodArn }] };
}

function checkedContext(context: unknown): Record<string, AuthorizerContextValue> {
  if (typeof context !== 'object' || context === null || Array.isArray(context)) {
    throw new TypeError(`An authorizer's context must be an object of strings, numbers and booleans, got ${JSON.stringify(context)}`);
  }
  for (const [key, value] of Object.entries(context)) {
    if (!['string', 'number', 'boolean'].includes(typeof value) || (typeof value === 'number' && !Number.isFinite(value))) {
      throw new TypeError(
        `An authorizer's context values must be strings, numbers or booleans (API Gateway passes nothing else on): context.${key} is ${JSON.stringify(value) ?? typeof value}`,
      );
    }
  }
  return context as Record<string, AuthorizerContextValue>;
}

/**
 * Turns what an authorizer returned into the response API Gateway expects: allow → an Allow
 * policy on `methodArn`, `null`/`false` → a Deny policy, a result with its own
 * `policyDocument` → that policy. A malformed result (no `principalId`, a context value that is
 * not a string, number or boolean) is an error, which API Gateway answers with 500.
 *
 * @example
 * ```ts
 * authorizerResponse({ principalId: 'u' }, request.methodArn).policyDocument.Statement[0].Effect; // 'Allow'
 * ```
 */
export function authorizerResponse(result: unknown, methodArn: string): AuthorizerResponse {
  if (result === null || result === false) return { principalId: 'anonymous', policyDocument: policy('Deny', methodArn) };
  if (typeof result !== 'object' || result === undefined || Array.isArray(result)) {
    throw new TypeError(`An authorizer must return { principalId, context? }, null or false; it returned ${JSON.stringify(result) ?? 'undefined'}`);
  }
  const { principalId, context, policyDocument } = result as Record<string, unknown>;
  if (typeof principalId !== 'string' || principalId === '') {
    throw new TypeError(`An authorizer's result needs a non-empty string principalId, got ${JSON.stringify(principalId) ?? 'undefined'}`);
  }
  const response: AuthorizerResponse = {
    principalId,
    policyDocument: policyDocument === undefined ? policy('Allow', methodArn) : (policyDocument as AuthorizerPolicyDocument),
  };
  if (context !== undefined) response.context = checkedContext(context);
  return response;
}

/**
 * Whether a Lambda event is a REQUEST authorizer's (rather than a WebSocket route's).
 *
 * @example
 * ```ts
 * if (isAuthorizerRequest(event)) return runAuthorizer(event);
 * ```
 */
export function isAuthorizerRequest(event: unknown): event is WebsocketAuthorizerRequest {
  const candidate = event as Partial<WebsocketAuthorizerRequest> | null;
  return typeof candidate === 'object' && candidate !== null && candidate.type === 'REQUEST' && typeof candidate.methodArn === 'string';
}
