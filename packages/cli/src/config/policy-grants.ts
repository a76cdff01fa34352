import type { JsonObject, JsonValue } from '../template/types';

function asList(value: JsonValue | undefined): JsonValue[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function matches(pattern: string, action: string): boolean {
  const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return regex.test(action);
}

/**
 * Whether some `Allow` statement of a policy document names `action` in its `Action`
 * (wildcards included: `ec2:*`, `*`). A rough check for warnings only: it does not evaluate
 * `Deny`, `NotAction`, resources or conditions.
 *
 * @example
 * ```ts
 * policyAllows({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }] }, 'ec2:CreateNetworkInterface'); // true
 * ```
 */
export function policyAllows(policy: JsonObject, action: string): boolean {
  return asList(policy.Statement).some((statement) => {
    if (typeof statement !== 'object' || statement === null || Array.isArray(statement)) return false;
    if (statement.Effect !== 'Allow') return false;
    return asList(statement.Action).some((named) => typeof named === 'string' && matches(named, action));
  });
}
