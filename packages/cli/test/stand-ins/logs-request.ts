/** An error the Logs stand-in answers as `{"__type": type, "message": message}` with HTTP 400. */
export class LogsStandInError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = type;
  }
}

/** A JSON 1.1 request body, read as an object. */
export type LogsStandInInput = Readonly<Record<string, unknown>>;

/** Parses a JSON 1.1 request body (an empty body is `{}`). */
export function readLogsStandInInput(body: Buffer): LogsStandInInput {
  const text = body.toString('utf8');
  const parsed: unknown = text === '' ? {} : JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new LogsStandInError('SerializationException', 'The request body must be a JSON object');
  }
  return parsed as LogsStandInInput;
}

function wrongType(name: string, expected: string): LogsStandInError {
  return new LogsStandInError('InvalidParameterException', `${name} must be ${expected}`);
}

/** An optional string field. */
export function logsStringField(input: LogsStandInInput, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw wrongType(name, 'a string');
  return value;
}

/** An optional number field. */
export function logsNumberField(input: LogsStandInInput, name: string): number | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number') throw wrongType(name, 'a number');
  return value;
}

/** An optional list-of-strings field. */
export function logsStringListField(input: LogsStandInInput, name: string): string[] | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) throw wrongType(name, 'a list of strings');
  return value as string[];
}
