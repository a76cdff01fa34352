import type { WsApp } from '@wsapp/framework';
/**
 * Evaluates a route selection expression against a message body and returns the selected
 * route key, or `undefined` when the body is not JSON or a variable is missing (the message
 * then goes to `$default`).
 *
 * @example
 * ```ts
 * const select = compileRouteSelection('${request.body.service}/${request.body.action}');
 * select('{"service":"chat","action":"join"}'); // 'chat/join'
 * ```
 */
export type RouteSelector = (body: string) => string | undefined;

const VARIABLE = /\$\{request\.body((?:\.[^.}]+)+)\}|\$request\.body((?:\.[A-Za-z0-9_-]+)+)/g;

function lookup(json: unknown, path: readonly string[]): string | undefined {
  let value = json;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/**
 * Compiles a selection expression: `$request.body.action` (the default), a nested
 * `$request.body.meta.kind`, or a template combining several variables such as
 * `${request.body.a}/${request.body.b}`.
 *
 * @throws Error when the expression uses no `request.body` variable.
 * @example
 * ```ts
 * compileRouteSelection('$request.body.action')('{"action":"chat"}'); // 'chat'
 * compileRouteSelection('$request.body.action')('not json'); // undefined
 * ```
 */
export function compileRouteSelection(expression: string): RouteSelector {
  const parts: Array<string | readonly string[]> = [];
  let last = 0;
  for (const match of expression.matchAll(VARIABLE)) {
    parts.push(expression.slice(last, match.index));
    parts.push((match[1] ?? match[2] ?? '').slice(1).split('.'));
    last = match.index + match[0].length;
  }
  parts.push(expression.slice(last));
  if (!parts.some((part) => typeof part !== 'string')) {
    throw new Error(
      `Unsupported route selection expression ${JSON.stringify(expression)}: ` +
        'use $request.body.NAME or a template such as ${request.body.a}/${request.body.b}',
    );
  }
  return (body) => {
    // Only a JSON object can hold the variables; skip parsing (and its exception) for anything else.
    if (!/^\s*\{/.test(body)) return undefined;
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return undefined;
    }
    let key = '';
    for (const part of parts) {
      if (typeof part === 'string') {
        key += part;
        continue;
      }
      const value = lookup(json, part);
      if (value === undefined) return undefined;
      key += value;
    }
    return key;
  };
}

/**
 * The route API Gateway invokes for a message: the selected key when it names a custom route,
 * else `$default` when the app has one, else `undefined` (the client gets the `Forbidden` frame).
 *
 * @example
 * ```ts
 * const routeKey = routeForMessage(app, compileRouteSelection(app.routeSelectionExpression)(body));
 * ```
 */
export function routeForMessage(app: Pick<WsApp, 'route'>, selectedKey: string | undefined): string | undefined {
  if (selectedKey !== undefined) {
    const kind = app.route(selectedKey)?.kind;
    if (kind === 'custom' || kind === 'heartbeat') return selectedKey;
  }
  return app.route('$default') ? '$default' : undefined;
}

/**
 * The frame API Gateway sends a client when its message is refused (`Forbidden`) or its handler
 * failed (`Internal server error`), with the real connection and request ids.
 *
 * @example
 * ```ts
 * socket.send(gatewayErrorFrame('Forbidden', connectionId, requestId));
 * ```
 */
export function gatewayErrorFrame(
  message: 'Forbidden' | 'Internal server error',
  connectionId: string,
  requestId: string,
): string {
  return JSON.stringify({ message, connectionId, requestId });
}
