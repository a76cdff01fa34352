import type { WebsocketAuthorizer, WebsocketAuthorizerRequest, WsApp } from '@wsapp/framework';
import { readAuthorizerResponse } from './authorizer-policy';
import { AUTHORIZER_REFUSALS, type AuthorizerRefusal } from './authorizer-refusals';
import { buildAuthorizerRequest } from './authorizer-request';
import type { GatewayClock } from './clock';
import type { ConnectionFacts, EventStamp, HandshakeFacts } from './event-builders';
import { missingIdentitySource } from './identity-sources';
import { invokeAuthorizer, type InvocationOutcome, type InvokeSettings } from './invoke';
import type { AuthorizerVerdict, GatewayEventOutcome, GatewayEventRecord } from './records';

/**
 * What the authorizer step needs from its gateway.
 *
 * @example
 * ```ts
 * // Implemented by EmulatedGateway.
 * const host: AuthorizerHost = gateway;
 * ```
 */
export interface AuthorizerHost {
  readonly clock: GatewayClock;
  /** The invoke settings with the authorizer's timeout. */
  readonly authorizerSettings: InvokeSettings;
  report(record: GatewayEventRecord): void;
  log(line: string): void;
}

/**
 * How the authorizer step ended: the connection may go on to `$connect`, carrying `authorizer`
 * on every event, or the handshake is refused with `refusal`; `failure` is the authorizer's
 * own failure (it threw something other than `Unauthorized`, or timed out).
 *
 * @example
 * ```ts
 * const outcome = await authorizeConnection(gateway, app, facts, handshake, stamp);
 * if (!outcome.allowed) console.log(outcome.refusal.status);
 * ```
 */
export type AuthorizationOutcome =
  | { allowed: true; authorizer: WebsocketAuthorizer }
  | { allowed: false; refusal: AuthorizerRefusal; failure?: Exclude<InvocationOutcome<unknown>, { kind: 'returned' }> };

/** One decision: the verdict, the refusal (none for allow), what the log line says, and why a 500 is one. */
interface Judgement {
  verdict: AuthorizerVerdict;
  detail: string;
  refusal?: AuthorizerRefusal;
  problem?: string;
  allowed?: { principalId: string; context: Record<string, string> };
  failure?: Exclude<InvocationOutcome<unknown>, { kind: 'returned' }>;
}

const OUTCOMES: Record<AuthorizerVerdict, GatewayEventOutcome> = {
  allow: 'ok', deny: 'refused', unauthorized: 'refused', 'missing-identity': 'refused', error: 'error', timeout: 'timeout',
};

function judge(invocation: InvocationOutcome<unknown>, methodArn: string, timeoutMs: number): Judgement {
  const failure = AUTHORIZER_REFUSALS.failure;
  if (invocation.kind === 'timed-out') {
    const problem = `the authorizer did not answer within ${timeoutMs} ms`;
    return { verdict: 'timeout', detail: problem, refusal: failure, problem, failure: invocation };
  }
  if (invocation.kind === 'threw') {
    const error = invocation.error;
    // API Gateway answers 401 for an authorizer that fails with exactly this message.
    if (error instanceof Error && error.message === 'Unauthorized') return { verdict: 'unauthorized', detail: 'Unauthorized', refusal: AUTHORIZER_REFUSALS.unauthorized };
    const problem = `the authorizer threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
    return { verdict: 'error', detail: problem, refusal: failure, problem, failure: invocation };
  }
  const reading = readAuthorizerResponse(invocation.response, methodArn);
  if (reading.kind === 'malformed') {
    const problem = `the authorizer returned a malformed response: ${reading.problem}`;
    return { verdict: 'error', detail: problem, refusal: failure, problem };
  }
  if (reading.kind === 'deny') {
    const refusal = reading.explicit ? AUTHORIZER_REFUSALS.explicitDeny : AUTHORIZER_REFUSALS.implicitDeny;
    return { verdict: 'deny', detail: reading.explicit ? 'explicit deny' : 'implicit deny (no Allow statement covers $connect)', refusal };
  }
  return { verdict: 'allow', detail: `allow ${reading.principalId}`, allowed: { principalId: reading.principalId, context: reading.context } };
}

function record(request: WebsocketAuthorizerRequest, judgement: Judgement, started: number, handled: boolean): GatewayEventRecord {
  const { routeKey, connectionId, requestId } = request.requestContext;
  return {
    eventType: 'AUTHORIZER', routeKey, connectionId, requestId, durationMs: performance.now() - started,
    outcome: OUTCOMES[judgement.verdict], handled, verdict: judgement.verdict, detail: judgement.detail,
    ...(judgement.refusal ? { statusCode: judgement.refusal.status } : {}),
  };
}

/**
 * Runs the app's `$connect` authorizer for a handshake, as API Gateway does before `$connect`:
 * an identity source missing or empty refuses with 401 without invoking it; otherwise
 * `app.handler` gets the REQUEST event (with the authorizer's timeout), and its answer allows
 * the connection (with `{ context..., principalId, integrationLatency }` for every later
 * event, context values stringified), or refuses it with 401, 403 or 500. Reports one
 * `AUTHORIZER` record and logs why for a 500.
 *
 * @example
 * ```ts
 * const outcome = await authorizeConnection(gateway, app, facts, handshake, { now, requestId });
 * if (outcome.allowed) facts = { ...facts, authorizer: outcome.authorizer };
 * ```
 */
export async function authorizeConnection(
  host: AuthorizerHost,
  app: WsApp,
  facts: ConnectionFacts,
  handshake: HandshakeFacts,
  stamp: EventStamp,
): Promise<AuthorizationOutcome> {
  const request = buildAuthorizerRequest(facts, handshake, stamp);
  const started = performance.now();
  const missing = missingIdentitySource(app.authorizerConfig?.identitySources ?? [], request);
  if (missing !== undefined) {
    const detail = `missing identity source ${missing}`;
    host.report(record(request, { verdict: 'missing-identity', detail, refusal: AUTHORIZER_REFUSALS.unauthorized }, started, false));
    return { allowed: false, refusal: AUTHORIZER_REFUSALS.unauthorized };
  }
  const invokedAt = host.clock.now();
  const invocation = await invokeAuthorizer(app, request, host.authorizerSettings);
  const integrationLatency = Math.max(0, Math.round(host.clock.now() - invokedAt));
  const judgement = judge(invocation, request.methodArn, host.authorizerSettings.timeoutMs);
  if (judgement.problem) host.log(`refusing connection ${facts.connectionId} with 500: ${judgement.problem}`);
  host.report(record(request, judgement, started, true));
  if (judgement.allowed) {
    const { principalId, context } = judgement.allowed;
    return { allowed: true, authorizer: { ...context, principalId, integrationLatency } };
  }
  const refusal = judgement.refusal ?? AUTHORIZER_REFUSALS.failure;
  return judgement.failure ? { allowed: false, refusal, failure: judgement.failure } : { allowed: false, refusal };
}
