/**
 * The Lambda runtimes `wsapp package` can target (the bundle is built for that Node version).
 *
 * @example
 * ```ts
 * const runtime: LambdaRuntime = 'nodejs22.x';
 * ```
 */
export type LambdaRuntime = 'nodejs20.x' | 'nodejs22.x' | 'nodejs24.x';

/**
 * Every runtime {@link LambdaRuntime} allows, oldest first.
 *
 * @example
 * ```ts
 * LAMBDA_RUNTIMES.includes('nodejs24.x'); // true
 * ```
 */
export const LAMBDA_RUNTIMES: readonly LambdaRuntime[] = ['nodejs20.x', 'nodejs22.x', 'nodejs24.x'];

/**
 * The runtime of a project whose `.wsapp/config.json` names none, and the one `wsapp new` writes.
 *
 * @example
 * ```ts
 * resolveStageSettings({}, 'dev').runtime === DEFAULT_RUNTIME; // true
 * ```
 */
export const DEFAULT_RUNTIME: LambdaRuntime = 'nodejs22.x';

/** When AWS deprecated a runtime, and when it stops creating functions with it. */
const DEPRECATIONS: Partial<Record<LambdaRuntime, { deprecated: string; blockCreate: string }>> = {
  'nodejs20.x': { deprecated: '2026-04-30', blockCreate: '2027-02-01' },
};

/**
 * The warning `wsapp package` prints for a deprecated runtime, or `undefined` for a supported one.
 *
 * @example
 * ```ts
 * runtimeDeprecation('nodejs20.x'); // 'runtime nodejs20.x is deprecated: ...'
 * runtimeDeprecation('nodejs22.x'); // undefined
 * ```
 */
export function runtimeDeprecation(runtime: LambdaRuntime): string | undefined {
  const dates = DEPRECATIONS[runtime];
  if (!dates) return undefined;
  return (
    `runtime ${runtime} is deprecated: AWS Lambda deprecated it on ${dates.deprecated} and blocks creating ` +
    `functions with it from ${dates.blockCreate}; set "runtime": "${DEFAULT_RUNTIME}" in .wsapp/config.json`
  );
}

const NODE_TARGETS: Record<LambdaRuntime, string> = {
  'nodejs20.x': 'node20',
  'nodejs22.x': 'node22',
  'nodejs24.x': 'node24',
};

/**
 * The esbuild `target` of a runtime: the bundle may use everything that Node version supports.
 *
 * @example
 * ```ts
 * nodeTarget('nodejs22.x'); // 'node22'
 * ```
 */
export function nodeTarget(runtime: LambdaRuntime): string {
  const target = NODE_TARGETS[runtime];
  if (!target) throw new Error(`Unknown Lambda runtime ${JSON.stringify(runtime)}: use one of ${LAMBDA_RUNTIMES.join(', ')}`);
  return target;
}
