import type { GatewayEventRecord } from '@wsapp/local';

const COLORS: Record<GatewayEventRecord['outcome'], string> = {
  ok: '\u001b[32m',
  refused: '\u001b[33m',
  forbidden: '\u001b[33m',
  error: '\u001b[31m',
  timeout: '\u001b[31m',
};

let lastTime = { at: Number.NaN, text: '' };

/** `HH:MM:SS.mmm` (UTC) of an epoch time, computed once per millisecond however many events share it. */
function clockTime(now: number): string {
  if (now !== lastTime.at) lastTime = { at: now, text: new Date(now).toISOString().slice(11, 23) };
  return lastTime.text;
}

/**
 * Why no handler ran: API Gateway answered itself (the heartbeat's MOCK integration), the app has
 * none for the route, or the authorizer was not invoked (an identity source was missing).
 */
function notRun(record: GatewayEventRecord): string {
  if (record.handled) return '';
  if (record.integration === 'MOCK') return '(mock)';
  return record.eventType === 'AUTHORIZER' ? '(not invoked)' : '(no handler)';
}

/**
 * One log line for one event: time, event type, route, connection, duration, outcome. The
 * `$connect` authorizer has a line of its own (`AUTHORIZER`) with its decision and duration.
 *
 * @example
 * ```ts
 * formatEventLine(record, false); // '12:00:01.042 MESSAGE    $default     BFHPhfCWIAMCKlQ=   1.8 ms  ok 200'
 * // '12:00:01.040 AUTHORIZER $connect     BFHPhfCWIAMCKlQ=   0.9 ms  ok allow user-1'
 * ```
 */
export function formatEventLine(record: GatewayEventRecord, color: boolean): string {
  const time = clockTime(Date.now());
  const outcome = [record.outcome, record.statusCode ?? '', notRun(record), record.detail ?? ''].filter((part) => part !== '').join(' ');
  const shown = color ? `${COLORS[record.outcome]}${outcome}\u001b[0m` : outcome;
  return `${time} ${record.eventType.padEnd(10)} ${record.routeKey.padEnd(12)} ${record.connectionId.padEnd(16)} ` +
    `${record.durationMs.toFixed(1).padStart(6)} ms  ${shown}`;
}
