/**
 * Copying and comparing the stand-ins' data in the caller's realm. (`structuredClone` and
 * `util.isDeepStrictEqual` are not used: under jest the first makes objects of the host realm,
 * whose prototypes the second then tells apart from the test realm's.)
 */

/** A deep copy of plain objects, arrays, Maps and Dates; other values are shared. */
export function cloneStandInValue<T>(value: T): T {
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (value instanceof Map) return new Map([...value].map(([key, item]) => [key, cloneStandInValue(item)])) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => cloneStandInValue(item)) as T;
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, cloneStandInValue(item)]);
  return Object.fromEntries(entries) as T;
}

/** Whether two JSON-like values are equal: same primitives, same array items in order, same object keys and values (key order ignored). */
export function standInJsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, index) => standInJsonEqual(item, b[index]));
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left).filter((key) => left[key] !== undefined);
  const otherKeys = Object.keys(right).filter((key) => right[key] !== undefined);
  return keys.length === otherKeys.length && keys.every((key) => standInJsonEqual(left[key], right[key]));
}
