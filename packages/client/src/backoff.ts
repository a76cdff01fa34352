/**
 * How the client waits between reconnect attempts.
 *
 * @example
 * ```ts
 * const reconnect: ReconnectOptions = { initialDelayMs: 1_000, maxDelayMs: 60_000, maxAttempts: 10 };
 * ```
 */
export interface ReconnectOptions {
  /** The delay ceiling of the first attempt (default 500 ms). */
  initialDelayMs?: number;
  /** The largest delay ceiling (default 30 000 ms). */
  maxDelayMs?: number;
  /** How much the ceiling grows per attempt (default 2). */
  factor?: number;
  /** Attempts in a row before the client gives up and closes (default `Infinity`). */
  maxAttempts?: number;
}

/**
 * The delay before reconnect attempt `attempt` (1 for the first): "equal jitter" over an
 * exponential ceiling, `d = min(maxDelayMs, initialDelayMs * factor ** (attempt - 1))`, then
 * `delay = d / 2 + random() * d / 2`, rounded to the millisecond. Half of the ceiling is always waited (no storm of instant
 * retries), the other half is spread so that many clients cut at once do not return at once.
 *
 * @example
 * ```ts
 * backoffDelay(1, { initialDelayMs: 500, maxDelayMs: 30_000, factor: 2 }, () => 0.5); // 375
 * backoffDelay(9, { initialDelayMs: 500, maxDelayMs: 30_000, factor: 2 }, () => 1); // 30000
 * ```
 */
export function backoffDelay(attempt: number, options: Required<Omit<ReconnectOptions, 'maxAttempts'>>, random: () => number): number {
  const ceiling = Math.min(options.maxDelayMs, options.initialDelayMs * options.factor ** (attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
