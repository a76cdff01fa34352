/**
 * What API Gateway makes of a Lambda authorizer's response: allow (with the principal and the
 * context, its values stringified), an explicit deny (a Deny statement covers the `$connect`
 * method), an implicit deny (no Allow statement covers it), or a malformed response.
 *
 * @example
 * ```ts
 * const reading: PolicyReading = { kind: 'deny', explicit: true };
 * ```
 */
export type PolicyReading =
  | { kind: 'allow'; principalId: string; context: Record<string, string> }
  | { kind: 'deny'; explicit: boolean }
  | { kind: 'malformed'; problem: string };

type Statement = { Effect: 'Allow' | 'Deny'; actions: string[]; resources: string[] };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function strings(value: unknown): string[] | undefined {
  const list = Array.isArray(value) ? value : [value];
  return list.length > 0 && list.every((item) => typeof item === 'string') ? (list as string[]) : undefined;
}

/** IAM's wildcards: `*` any run of characters, `?` any one; everything else literal. */
function wildcardMatch(pattern: string, text: string, ignoreCase: boolean): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's').test(text);
}

function readStatements(policyDocument: unknown): Statement[] | string {
  if (!isRecord(policyDocument)) return `policyDocument is ${JSON.stringify(policyDocument) ?? 'missing'}, not an object`;
  const list = Array.isArray(policyDocument.Statement) ? policyDocument.Statement : [policyDocument.Statement];
  const statements: Statement[] = [];
  for (const [index, statement] of list.entries()) {
    if (!isRecord(statement)) return `policyDocument.Statement[${index}] is not an object`;
    const actions = strings(statement.Action);
    const resources = strings(statement.Resource);
    if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny') return `policyDocument.Statement[${index}].Effect is ${JSON.stringify(statement.Effect) ?? 'missing'}, not "Allow" or "Deny"`;
    if (!actions) return `policyDocument.Statement[${index}].Action is not a string or a list of strings`;
    if (!resources) return `policyDocument.Statement[${index}].Resource is not a string or a list of strings`;
    statements.push({ Effect: statement.Effect, actions, resources });
  }
  return statements;
}

function readContext(context: unknown): Record<string, string> | string {
  if (context === undefined || context === null) return {};
  if (!isRecord(context)) return `context is ${JSON.stringify(context)}, not an object`;
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(context)) {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      return `context.${key} is ${JSON.stringify(value) ?? typeof value}: context values must be strings, numbers or booleans`;
    }
    values[key] = String(value);
  }
  return values;
}

/**
 * Reads a Lambda authorizer's response for the `$connect` method `methodArn` as API Gateway
 * does: a Deny statement covering it wins, then an Allow statement covering it allows, and
 * otherwise it is denied. A statement covers the method when one of its actions matches
 * `execute-api:Invoke` and one of its resources matches the ARN (IAM wildcards `*` and `?`).
 * No `principalId` string, no policy document, a statement without Effect, Action or Resource,
 * or a context value that is not a string, number or boolean is a malformed response.
 *
 * @example
 * ```ts
 * readAuthorizerResponse({ principalId: 'u', policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: arn }] } }, arn);
 * // { kind: 'allow', principalId: 'u', context: {} }
 * ```
 */
export function readAuthorizerResponse(response: unknown, methodArn: string): PolicyReading {
  if (!isRecord(response)) return { kind: 'malformed', problem: `the response is ${JSON.stringify(response) ?? 'undefined'}, not an object` };
  if (typeof response.principalId !== 'string') {
    return { kind: 'malformed', problem: `principalId is ${JSON.stringify(response.principalId) ?? 'missing'}, not a string` };
  }
  const statements = readStatements(response.policyDocument);
  if (typeof statements === 'string') return { kind: 'malformed', problem: statements };
  const context = readContext(response.context);
  if (typeof context === 'string') return { kind: 'malformed', problem: context };
  const covering = statements.filter(
    (statement) =>
      statement.actions.some((action) => wildcardMatch(action, 'execute-api:Invoke', true)) &&
      statement.resources.some((resource) => wildcardMatch(resource, methodArn, false)),
  );
  if (covering.some((statement) => statement.Effect === 'Deny')) return { kind: 'deny', explicit: true };
  if (!covering.some((statement) => statement.Effect === 'Allow')) return { kind: 'deny', explicit: false };
  return { kind: 'allow', principalId: response.principalId, context };
}
