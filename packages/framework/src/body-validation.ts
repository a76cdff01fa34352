import type { StandardSchema, StandardSchemaIssue } from './standard-schema';

/**
 * One problem with a message body, as the invalid-body frame reports it: where (the keys from
 * the body's root, `[]` for the body itself) and what.
 *
 * @example
 * ```ts
 * const issue: BodyIssue = { path: ['items', 0, 'name'], message: 'Required' };
 * ```
 */
export interface BodyIssue {
  path: Array<string | number>;
  message: string;
}

/**
 * The one frame the sender of a message gets when its body fails the route's schema; the
 * handler does not run. Like API Gateway's own error frames it carries `message`,
 * `connectionId` and `requestId`, plus the route and the issues.
 *
 * @example
 * ```ts
 * client.on('message', (data) => {
 *   const frame = data as InvalidBodyFrame;
 *   if (frame.message === INVALID_BODY_MESSAGE) console.warn(frame.issues);
 * });
 * ```
 */
export interface InvalidBodyFrame {
  message: typeof INVALID_BODY_MESSAGE;
  routeKey: string;
  issues: BodyIssue[];
  connectionId: string;
  requestId: string;
}

/**
 * The `message` of an {@link InvalidBodyFrame}.
 *
 * @example
 * ```ts
 * if (JSON.parse(frame).message === INVALID_BODY_MESSAGE) showProblem();
 * ```
 */
export const INVALID_BODY_MESSAGE = 'Invalid message body';

function pathOf(issue: StandardSchemaIssue): Array<string | number> {
  return (issue.path ?? []).map((segment) => {
    const key = typeof segment === 'object' && segment !== null ? segment.key : segment;
    return typeof key === 'number' ? key : String(key);
  });
}

/**
 * Parses `body` as JSON and validates it with `schema`: the schema's (possibly transformed)
 * value, or the issues. A body that is not JSON is one issue at the root.
 *
 * @example
 * ```ts
 * const checked = await validateBody(z.object({ text: z.string() }), '{"text":1}');
 * if ('issues' in checked) console.log(checked.issues[0].path); // ['text']
 * ```
 */
export async function validateBody(schema: StandardSchema, body: string): Promise<{ value: unknown } | { issues: BodyIssue[] }> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    return { issues: [{ path: [], message: `The body is not valid JSON: ${(error as Error).message}` }] };
  }
  const result = await schema['~standard'].validate(json);
  if (result.issues) return { issues: result.issues.map((issue) => ({ path: pathOf(issue), message: String(issue.message) })) };
  return { value: result.value };
}
