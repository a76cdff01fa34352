import type { WsApp } from '@wsapp/framework';
import { buildConnectEvent, type ConnectionFacts, type EventStamp, type HandshakeFacts } from './event-builders';
import { handshakeDecision, type HandshakeDecision } from './handshake';
import { invokeHandler, type InvocationOutcome, type InvokeSettings } from './invoke';
import type { GatewayEventOutcome, GatewayEventRecord } from './records';

/**
 * What the `$connect` step needs from its gateway.
 *
 * @example
 * ```ts
 * // Implemented by EmulatedGateway.
 * const host: ConnectStepHost = gateway;
 * ```
 */
export interface ConnectStepHost {
  readonly invokeSettings: InvokeSettings;
  ids(): string;
  report(record: GatewayEventRecord): void;
  log(line: string): void;
}

function outcomeOf(decision: HandshakeDecision): GatewayEventOutcome {
  if (decision.accepted) return 'ok';
  if (decision.failure?.kind === 'timed-out') return 'timeout';
  return decision.problem || decision.failure ? 'error' : 'refused';
}

/**
 * Runs `$connect` for a handshake (when the app registers it) and decides the handshake as API
 * Gateway does; an app without `$connect` accepts every connection. Reports one `CONNECT`
 * record and logs why for a 500 the handler did not ask for. `stamp` is the request's (shared
 * with the authorizer, when there is one); without it, a request id is drawn only when
 * `$connect` runs.
 *
 * @example
 * ```ts
 * const decision = await runConnectRoute(gateway, app, facts, handshake);
 * if (decision.accepted) console.log(decision.headers);
 * ```
 */
export async function runConnectRoute(
  host: ConnectStepHost,
  app: WsApp,
  facts: ConnectionFacts,
  handshake: HandshakeFacts,
  stamp?: EventStamp,
): Promise<HandshakeDecision> {
  const handled = app.route('$connect') !== undefined;
  const started = performance.now();
  let invocation: InvocationOutcome | undefined;
  let requestId = stamp?.requestId ?? '';
  if (handled) {
    const event = buildConnectEvent(facts, handshake, stamp ?? { now: facts.connectedAt, requestId: host.ids() });
    requestId = event.requestContext.requestId;
    invocation = await invokeHandler(app, event, host.invokeSettings);
  }
  const decision = handshakeDecision(invocation);
  const problem = decision.accepted ? undefined : decision.problem;
  if (problem) host.log(`refusing connection ${facts.connectionId} with 500: ${problem}`);
  host.report({
    eventType: 'CONNECT', routeKey: '$connect', connectionId: facts.connectionId, requestId,
    durationMs: performance.now() - started, outcome: outcomeOf(decision), handled,
    ...(typeof decision.statusCode === 'number' ? { statusCode: decision.statusCode } : {}),
    ...(problem ? { detail: problem } : {}),
  });
  return decision;
}
