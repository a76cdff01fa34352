const UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * The start time `--since` gives, in milliseconds since the epoch: a duration back from `now`
 * (`30s`, `10m`, `2h`, `1d`, `1w`, or several, as in `1h30m`) or a date and time
 * (`2026-12-01T10:00:00Z`). Anything else is an error that shows both forms.
 *
 * @example
 * ```ts
 * parseSince('10m', Date.parse('2026-12-01T10:10:00Z')); // Date.parse('2026-12-01T10:00:00Z')
 * ```
 */
export function parseSince(text: string, now: number): number {
  const trimmed = text.trim();
  if (/^(\d+[smhdw])+$/.test(trimmed)) {
    let back = 0;
    for (const [, amount, unit] of trimmed.matchAll(/(\d+)([smhdw])/g)) back += Number(amount) * (UNITS[unit ?? 's'] ?? 0);
    return now - back;
  }
  const at = /^\d{4}-\d{2}-\d{2}/.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  if (Number.isNaN(at)) {
    throw new Error(`--since takes a duration such as 30s, 10m, 2h, 1d or 1h30m, or a time such as 2026-12-01T10:00:00Z; got ${JSON.stringify(text)}`);
  }
  return at;
}
