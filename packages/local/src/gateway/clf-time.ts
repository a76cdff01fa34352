const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pad = (value: number): string => String(value).padStart(2, '0');

/**
 * Formats a time the way API Gateway writes `requestTime`: Common Log Format, always UTC.
 *
 * @example
 * ```ts
 * formatClfTime(Date.UTC(2024, 10, 11, 11, 35, 24)); // '11/Nov/2024:11:35:24 +0000'
 * ```
 */
export function formatClfTime(epochMs: number): string {
  const second = Math.floor(epochMs / 1000);
  if (second === cached.second) return cached.text;
  const date = new Date(second * 1000);
  cached = { second, text: clf(date) };
  return cached.text;
}

/** The last second formatted: events arrive many per second. */
let cached = { second: Number.NaN, text: '' };

function clf(date: Date): string {
  return (
    `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`
  );
}
