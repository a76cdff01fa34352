/**
 * The Levenshtein distance between two strings, compared case-insensitively: the fewest
 * insertions, deletions and substitutions that turn one into the other.
 *
 * @example
 * ```ts
 * editDistance('lambda_timout', 'lambda_timeout'); // 1
 * ```
 */
export function editDistance(a: string, b: string): number {
  const left = a.toLowerCase();
  const right = b.toLowerCase();
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let i = 1; i <= left.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= right.length; j += 1) {
      const substitution = (previous[j - 1] as number) + (left[i - 1] === right[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution));
    }
    previous = current;
  }
  return previous[right.length] as number;
}

/**
 * The candidate closest to `name` by {@link editDistance} (the first one on a tie), or
 * `undefined` when even that one needs more edits than a third of the longer name's length (at
 * least 2 are always allowed), so that a suggestion is only made when it is plausibly a typo.
 *
 * @example
 * ```ts
 * closestName('subnet_id', ['subnet_ids', 'security_group_ids']); // 'subnet_ids'
 * closestName('colour', ['subnet_ids']); // undefined
 * ```
 */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(name, candidate);
    if (best === undefined || distance < best.distance) best = { candidate, distance };
  }
  if (best === undefined) return undefined;
  const allowed = Math.max(2, Math.floor(Math.max(name.length, best.candidate.length) / 3));
  return best.distance <= allowed ? best.candidate : undefined;
}
