/**
 * The text frame `client.send(routeKey, body)` sends. For a custom route, a JSON object with the
 * route field first and the body's fields after it (`{"action":"sendmessage","text":"hi"}`), so
 * API Gateway's route selection expression (`$request.body.action`) picks the route. For
 * `$default`, the body as it is: a string as raw text, anything else as JSON.
 *
 * @throws TypeError when a custom route's body is not an object, or the body has no JSON form.
 * @example
 * ```ts
 * routeMessage('action', 'sendmessage', { text: 'hi' }); // '{"action":"sendmessage","text":"hi"}'
 * routeMessage('action', '$default', 'hello'); // 'hello'
 * ```
 */
export function routeMessage(routeField: string, routeKey: string, body: unknown): string {
  if (routeKey !== '$default') {
    if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) {
      throw new TypeError(`send('${routeKey}', body): a custom route's body must be an object, whose fields go next to "${routeField}"`);
    }
    return JSON.stringify({ [routeField]: routeKey, ...body });
  }
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  if (typeof text !== 'string') throw new TypeError(`send('$default', body): ${typeof body} has no JSON form; send a string or a JSON value`);
  return text;
}

/** The one global the client needs to read a binary frame, typed here so that no DOM or Node types are needed. */
interface TextDecoderGlobal {
  TextDecoder: new () => { decode(bytes: unknown): string };
}

/**
 * A frame's text: a text frame as it is, a binary one (an `ArrayBuffer`, as the client asks
 * for with `binaryType`) decoded as UTF-8.
 *
 * @example
 * ```ts
 * frameText('hello'); // 'hello'
 * frameText(new TextEncoder().encode('hi').buffer); // 'hi'
 * ```
 */
export function frameText(data: unknown): string {
  if (typeof data === 'string') return data;
  return new (globalThis as unknown as TextDecoderGlobal).TextDecoder().decode(data);
}

/**
 * What `'message'` listeners get as `data`: the frame parsed as JSON, or its text when it is not JSON.
 *
 * @example
 * ```ts
 * frameData('{"text":"hi"}'); // { text: 'hi' }
 * frameData('hello'); // 'hello'
 * ```
 */
export function frameData(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
