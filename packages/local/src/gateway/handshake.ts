import type { WebsocketResponse } from '@wsapp/framework';
import type { InvocationOutcome } from './invoke';

/**
 * A header of the handshake response, as a name and a value.
 *
 * @example
 * ```ts
 * const header: HeaderLine = ['Sec-WebSocket-Protocol', 'chat.v1'];
 * ```
 */
export type HeaderLine = readonly [name: string, value: string];

/**
 * How API Gateway answers a handshake after `$connect`: accept (with the headers the handler
 * returned) or refuse with an HTTP status, headers and body. `problem` says why a refusal is a
 * 500 the handler did not ask for; `failure` is the handler's own failure, when it threw or
 * timed out.
 *
 * @example
 * ```ts
 * const decision = handshakeDecision(await invokeHandler(app, connectEvent, settings));
 * if (!decision.accepted) console.log(decision.status);
 * ```
 */
export type HandshakeDecision =
  | { accepted: true; headers: HeaderLine[]; statusCode: number | undefined }
  | {
      accepted: false;
      status: number;
      headers: HeaderLine[];
      body: string;
      statusCode?: unknown;
      problem?: string;
      failure?: Exclude<InvocationOutcome, { kind: 'returned' }>;
    };

/** Headers the gateway writes itself; a handler's values for them are not passed on. */
const GATEWAY_HEADERS = new Set(['upgrade', 'connection', 'sec-websocket-accept', 'content-length', 'transfer-encoding']);
/** RFC 9110 token characters: a valid header name. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** A header value without control characters other than tab. */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

const INTERNAL_ERROR_HEADERS: HeaderLine[] = [['Content-Type', 'application/json']];
const INTERNAL_ERROR_BODY = JSON.stringify({ message: 'Internal server error' });

function internalError(problem: string | undefined, extra: Partial<Extract<HandshakeDecision, { accepted: false }>> = {}): HandshakeDecision {
  return { accepted: false, status: 500, headers: INTERNAL_ERROR_HEADERS, body: INTERNAL_ERROR_BODY, ...extra, ...(problem ? { problem } : {}) };
}

function headerLines(response: WebsocketResponse): HeaderLine[] | string {
  const lines: HeaderLine[] = [];
  const single = response.headers ?? {};
  const add = (name: string, value: unknown): string | undefined => {
    if (!HEADER_NAME.test(name)) return `header name ${JSON.stringify(name)} is not a valid HTTP header name`;
    const text = String(value);
    if (!HEADER_VALUE.test(text)) return `header ${name} has a value with control characters (${JSON.stringify(text)})`;
    if (!GATEWAY_HEADERS.has(name.toLowerCase())) lines.push([name, text]);
    return undefined;
  };
  for (const [name, value] of Object.entries(single)) {
    const problem = add(name, value);
    if (problem) return problem;
  }
  for (const [name, values] of Object.entries(response.multiValueHeaders ?? {})) {
    if (single[name] !== undefined) continue;
    for (const value of Array.isArray(values) ? values : [values]) {
      const problem = add(name, value);
      if (problem) return problem;
    }
  }
  return lines;
}

function statusProblem(statusCode: unknown): string | undefined {
  if (typeof statusCode !== 'number' || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
    return `statusCode ${JSON.stringify(statusCode)} is not an integer from 100 to 599`;
  }
  if (statusCode < 200) return `statusCode ${statusCode} is an informational status, which cannot end a handshake`;
  return undefined;
}

/**
 * Decides the handshake from the `$connect` invocation, as API Gateway does: a 2xx accepts, with
 * the returned headers (so `Sec-WebSocket-Protocol` selects a subprotocol); another status from
 * 200 to 599 refuses with that status, headers and body; a handler that threw or timed out, or a
 * malformed response (a `statusCode` that is not an integer from 200 to 599, such as `"401"` or
 * `42`, or an invalid header), refuses with 500 `{"message":"Internal server error"}`. A response
 * with no `statusCode` at all is a 200 (the framework fills it in).
 *
 * @example
 * ```ts
 * handshakeDecision({ kind: 'returned', response: { statusCode: 401 } }); // { accepted: false, status: 401, ... }
 * ```
 */
export function handshakeDecision(outcome: InvocationOutcome | undefined): HandshakeDecision {
  if (outcome === undefined) return { accepted: true, headers: [], statusCode: undefined };
  if (outcome.kind !== 'returned') return internalError(undefined, { failure: outcome });
  const response = outcome.response;
  const problem = statusProblem(response.statusCode);
  if (problem) return internalError(`the $connect handler returned a malformed response: ${problem}`, { statusCode: response.statusCode });
  const headers = headerLines(response);
  if (typeof headers === 'string') {
    return internalError(`the $connect handler returned a malformed response: ${headers}`, { statusCode: response.statusCode });
  }
  if (response.statusCode < 300) return { accepted: true, headers, statusCode: response.statusCode };
  return { accepted: false, status: response.statusCode, headers, body: response.body ?? '', statusCode: response.statusCode };
}
