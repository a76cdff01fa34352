import type { WebsocketFunctionName } from '../template/logical-ids';

/**
 * Collects warnings about functions, grouped: the functions a warning with the same key
 * applies to are named in one message, so a top-level setting that concerns every function
 * gives one warning, not one per function.
 *
 * @example
 * ```ts
 * const warnings = new FunctionWarnings();
 * warnings.add('timeout:lambda_timeout', 'websocket_message', (names) => `lambda_timeout ... ${names}`);
 * warnings.messages(); // ['lambda_timeout ... websocket_message']
 * ```
 */
export class FunctionWarnings {
  private readonly groups = new Map<string, { names: WebsocketFunctionName[]; message: (names: string) => string }>();

  /** Adds `name` to the group `key`; the group's message is built from the names it collected. */
  add(key: string, name: WebsocketFunctionName, message: (names: string) => string): void {
    const group = this.groups.get(key);
    if (group) group.names.push(name);
    else this.groups.set(key, { names: [name], message });
  }

  /** The messages, in the order their groups were first added. */
  messages(): string[] {
    return [...this.groups.values()].map((group) => group.message(group.names.join(', ')));
  }
}

/**
 * API Gateway's integration timeout for WebSocket routes: it stops waiting for a handler after
 * 29 seconds, whatever the function's own timeout (aws/chalice#1580).
 *
 * @example
 * ```ts
 * if (timeout > WEBSOCKET_INTEGRATION_TIMEOUT) warn();
 * ```
 */
export const WEBSOCKET_INTEGRATION_TIMEOUT = 29;


/**
 * The warning for a `lambda_timeout` over 29 s on route functions.
 *
 * @example
 * ```ts
 * timeoutWarning(60, 'lambda_timeout', 'websocket_message');
 * ```
 */
export function timeoutWarning(timeout: number, from: string, names: string): string {
  return (
    `${from} is ${timeout} s, but API Gateway ends a WebSocket route's integration after ` +
    `${WEBSOCKET_INTEGRATION_TIMEOUT} s (aws/chalice#1580): past that, the client of ${names} gets ` +
    `"Endpoint request timed out" (a $connect fails) while the function runs on; ` +
    `set lambda_timeout to ${WEBSOCKET_INTEGRATION_TIMEOUT} or less for them`
  );
}
