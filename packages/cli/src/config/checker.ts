import { closestName } from './closest';

/**
 * A value as an error message shows it: JSON, or `nothing` for a missing one.
 *
 * @example
 * ```ts
 * describe([1]); // '[1]'
 * ```
 */
export function describe(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

/**
 * Whether a value is a plain JSON object (not an array, not null).
 *
 * @example
 * ```ts
 * isObject([]); // false
 * ```
 */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Which keys an object of the config may have, and what to say about the others: a Chalice
 * key that does not apply here (with the reason), a key that belongs at another level (with
 * where it does), or an unknown key (with the closest known one).
 *
 * @example
 * ```ts
 * const spec: KeySpec = { allowed: ['domain_name', 'certificate_arn'] };
 * ```
 */
export interface KeySpec {
  allowed: readonly string[];
  /** Why a key that Chalice has is no use here. */
  unsupported?: Readonly<Record<string, string>>;
  /** Where a key valid elsewhere may be written instead, in words; `undefined` if nowhere. */
  misplaced?: (key: string) => string | undefined;
}

/**
 * Checks the parts of one config file; every error names the file and the key's path.
 *
 * @example
 * ```ts
 * const check = new ConfigChecker('.wsapp/config.json');
 * check.integer(64, 'lambda_memory_size', 128, 10240); // throws "Invalid .wsapp/config.json: lambda_memory_size must be ..."
 * ```
 */
export class ConfigChecker {
  constructor(readonly file: string) {}

  /** Throws `Invalid FILE: PATH PROBLEM`. */
  fail(path: string, problem: string): never {
    throw new Error(`Invalid ${this.file}: ${path} ${problem}`);
  }

  /** Checks that a value is an object whose keys the spec allows, and returns it. */
  object(value: unknown, path: string, spec: KeySpec): Record<string, unknown> {
    if (!isObject(value)) this.fail(path || 'the top level', `must be an object, got ${describe(value)}`);
    for (const key of Object.keys(value)) {
      if (!spec.allowed.includes(key)) this.fail(path ? `${path}.${key}` : key, this.unknownKey(key, spec));
    }
    return value;
  }

  private unknownKey(key: string, spec: KeySpec): string {
    const reason = spec.unsupported?.[key];
    if (reason !== undefined) return `is a Chalice setting that does not apply to a wsapp app: it ${reason}`;
    const where = spec.misplaced?.(key);
    if (where !== undefined) return `is not valid here: ${key} can be set ${where}`;
    const closest = closestName(key, spec.allowed);
    if (closest !== undefined) return `is not a known setting; did you mean ${closest}?`;
    return `is not a known setting; use one of: ${spec.allowed.join(', ')}`;
  }

  /** Checks an optional integer from `min` to `max`. */
  integer(value: unknown, path: string, min: number, max: number): void {
    if (value === undefined) return;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.fail(path, `must be an integer from ${min} to ${max}, got ${describe(value)}`);
    }
  }

  /** Checks an optional `true` or `false`. */
  boolean(value: unknown, path: string): void {
    if (value !== undefined && typeof value !== 'boolean') this.fail(path, `must be true or false, got ${describe(value)}`);
  }

  /** Checks an optional object of strings (`environment_variables`, `tags`). */
  strings(value: unknown, path: string): void {
    if (value === undefined) return;
    if (!isObject(value)) this.fail(path, `must be an object of strings, got ${describe(value)}`);
    for (const [key, item] of Object.entries(value)) {
      if (typeof item !== 'string') this.fail(`${path}.${key}`, `must be a string, got ${describe(item)}`);
    }
  }

  /** Checks an optional string that matches `pattern`; `what` says what it must be. */
  matching(value: unknown, path: string, pattern: RegExp, what: string): void {
    if (value === undefined) return;
    if (typeof value !== 'string' || !pattern.test(value)) this.fail(path, `must be ${what}, got ${describe(value)}`);
  }

  /** Checks an optional list of at most `max` strings that each match `pattern`. */
  list(value: unknown, path: string, item: { pattern: RegExp; what: string; max?: number }): void {
    if (value === undefined) return;
    if (!Array.isArray(value)) this.fail(path, `must be a list of ${item.what}s, got ${describe(value)}`);
    if (item.max !== undefined && value.length > item.max) {
      this.fail(path, `may list at most ${item.max} ${item.what}s, got ${value.length}`);
    }
    value.forEach((entry: unknown, index) => this.matching(entry, `${path}[${index}]`, item.pattern, `a ${item.what}`));
  }
}
