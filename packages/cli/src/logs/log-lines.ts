/**
 * One CloudWatch log event of one of the app's functions.
 *
 * @example
 * ```ts
 * const event: FunctionLogEvent = { functionId: 'WebsocketMessage', timestamp: 0, message: 'hello\n', eventId: '1' };
 * ```
 */
export interface FunctionLogEvent {
  functionId: string;
  timestamp: number;
  message: string;
  eventId: string;
}

type JsonLog = Record<string, unknown> & { message?: unknown; level?: unknown };

function parsedJson(message: string): JsonLog | undefined {
  const text = message.trim();
  if (!text.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonLog) : undefined;
  } catch {
    return undefined;
  }
}

function fieldText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * A log event as a plain line: its time, the function, and the message as logged.
 *
 * @example
 * ```ts
 * plainLogLine(event); // '1970-01-01T00:00:00.000Z WebsocketMessage hello'
 * ```
 */
export function plainLogLine(event: FunctionLogEvent): string {
  return `${new Date(event.timestamp).toISOString()} ${event.functionId} ${event.message.trimEnd()}`;
}

/** Lambda's text log format: `time<TAB>request id<TAB>LEVEL<TAB>message`. */
const TEXT_LINE = /^\d{4}-\d{2}-\d{2}T[^\t]+\t([^\t]+)\t(TRACE|DEBUG|INFO|WARN|ERROR|FATAL)\t([\s\S]*)$/;

/**
 * A log event for a person at a terminal, with its time of day in UTC: a line in Lambda's JSON
 * log format becomes `LEVEL message key=value ...`, without the fields the line already shows
 * (`timestamp`, `level`, `message`); a line in Lambda's text format becomes
 * `LEVEL message requestId=...`; any other line is shown as logged.
 *
 * @example
 * ```ts
 * readableLogLine({ ...event, message: '{"level":"INFO","message":"joined","room":"a"}' });
 * // '00:00:00.000Z WebsocketMessage INFO joined room=a'
 * ```
 */
export function readableLogLine(event: FunctionLogEvent): string {
  const time = new Date(event.timestamp).toISOString().slice(11, 24);
  const json = parsedJson(event.message);
  if (json === undefined) {
    const text = TEXT_LINE.exec(event.message.trimEnd());
    if (text) return `${time} ${event.functionId} ${text[2]} ${text[3]} requestId=${text[1]}`;
    return `${time} ${event.functionId} ${event.message.trimEnd()}`;
  }
  const { timestamp: _timestamp, level, message, ...fields } = json;
  const extra = Object.entries(fields).map(([key, value]) => `${key}=${fieldText(value)}`);
  return [time, event.functionId, fieldText(level ?? 'LOG'), fieldText(message ?? ''), ...extra].join(' ');
}

/**
 * Merges the events of several log groups into one list ordered by time; events of the same
 * millisecond keep their group's order.
 *
 * @example
 * ```ts
 * const merged = interleave([connectEvents, messageEvents]);
 * ```
 */
export function interleave(lists: readonly (readonly FunctionLogEvent[])[]): FunctionLogEvent[] {
  return lists.flat().sort((a, b) => a.timestamp - b.timestamp);
}
