import type { JsonObject } from './template/types';

function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Merges a user's template into the generated one with Chalice's `--merge-template` semantics:
 * where both sides hold an object, keys merge recursively; anything else (lists, scalars,
 * `null`, a change of type) is taken whole from `extension`. Keys only in `generated` stay
 * where they are; keys only in `extension` are appended. Neither input is modified.
 *
 * @example
 * ```ts
 * mergeTemplate({ a: { b: 1, c: [1] } }, { a: { c: [2], d: 3 } }); // { a: { b: 1, c: [2], d: 3 } }
 * ```
 */
export function mergeTemplate<T extends JsonObject>(generated: T, extension: JsonObject): T {
  const result: JsonObject = { ...generated };
  for (const [key, value] of Object.entries(extension)) {
    const current = result[key];
    result[key] = isPlainObject(current) && isPlainObject(value) ? mergeTemplate(current, value) : value;
  }
  return result as T;
}
