/**
 * Readers for the AWS query protocol's form encoding of lists and structures
 * (`Capabilities.member.1=CAPABILITY_IAM`, `Parameters.member.1.ParameterKey=K`).
 */

function memberIndex(key: string, prefix: string): { index: number; rest: string } | undefined {
  if (!key.startsWith(prefix)) return undefined;
  const match = /^(\d+)(?:\.(.+))?$/.exec(key.slice(prefix.length));
  if (!match?.[1]) return undefined;
  return { index: Number(match[1]), rest: match[2] ?? '' };
}

/** The members of a query-encoded list of strings `NAME.member.N`, in `N` order. */
export function queryFormList(form: URLSearchParams, name: string): string[] {
  const members: Array<[number, string]> = [];
  for (const [key, value] of form) {
    const member = memberIndex(key, `${name}.member.`);
    if (member && member.rest === '') members.push([member.index, value]);
  }
  return members.sort((a, b) => a[0] - b[0]).map(([, value]) => value);
}

/** The members of a query-encoded list of structures `NAME.member.N.FIELD`, in `N` order. */
export function queryFormStructs(form: URLSearchParams, name: string): Array<Record<string, string>> {
  const members = new Map<number, Record<string, string>>();
  for (const [key, value] of form) {
    const member = memberIndex(key, `${name}.member.`);
    if (!member || member.rest === '') continue;
    const fields = members.get(member.index) ?? {};
    fields[member.rest] = value;
    members.set(member.index, fields);
  }
  return [...members.entries()].sort((a, b) => a[0] - b[0]).map(([, fields]) => fields);
}

/** A form field, or undefined when it is absent or empty. */
export function queryFormField(form: URLSearchParams, name: string): string | undefined {
  const value = form.get(name);
  return value === null || value === '' ? undefined : value;
}
