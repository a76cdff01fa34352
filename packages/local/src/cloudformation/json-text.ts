import { findJsonProblem, type JsonProblem } from './json-scanner';

/**
 * Any JSON value: what a CloudFormation template is made of.
 *
 * @example
 * ```ts
 * const ref: JsonValue = { Ref: 'WebsocketAPI' };
 * ```
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;

/**
 * A JSON object.
 *
 * @example
 * ```ts
 * const tags: JsonObject = { team: 'chat' };
 * ```
 */
export interface JsonObject {
  [key: string]: JsonValue;
}

/**
 * A 1-based line and column in a text file.
 *
 * @example
 * ```ts
 * const where: TextPosition = { line: 3, column: 14 };
 * ```
 */
export interface TextPosition {
  line: number;
  column: number;
}

/**
 * The line and column of a character offset in a text.
 *
 * @example
 * ```ts
 * positionAt('{\n  "a": }', 9); // { line: 2, column: 8 }
 * ```
 */
export function positionAt(text: string, offset: number): TextPosition {
  const lines = text.slice(0, Math.max(0, Math.min(offset, text.length))).split('\n');
  return { line: lines.length, column: (lines[lines.length - 1] ?? '').length + 1 };
}

/**
 * The text without a leading UTF-8 byte order mark (U+FEFF), which some editors on Windows
 * write and which `JSON.parse` refuses. Lines and columns are unchanged by removing it.
 *
 * @example
 * ```ts
 * withoutByteOrderMark('\uFEFF{}'); // '{}'
 * ```
 */
export function withoutByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function duplicateKeyMessage(text: string, file: string, problem: Extract<JsonProblem, { kind: 'duplicate-key' }>): string {
  const at = positionAt(text, problem.offset);
  const first = positionAt(text, problem.firstOffset);
  return (
    `Duplicate key ${JSON.stringify(problem.key)} in ${file} at line ${at.line}, column ${at.column} ` +
    `(first at line ${first.line}, column ${first.column}): JSON.parse would silently keep only the last; remove one of them`
  );
}

/**
 * `JSON.parse` with errors that name the file, the line and the column, that refuses a key
 * repeated in one object (`JSON.parse` would keep the last one without a word), and that
 * accepts a leading UTF-8 byte order mark.
 *
 * @example
 * ```ts
 * parseJsonText('{"a": 1}', 'resources.json'); // { a: 1 }
 * parseJsonText('{"a": }', 'resources.json'); // throws "Invalid JSON in resources.json at line 1, column 7: expected a value, found '}'"
 * parseJsonText('{"a": 1,\n "a": 2}', 'resources.json'); // throws 'Duplicate key "a" in resources.json at line 2, column 2 (first at line 1, column 2): ...'
 * ```
 */
export function parseJsonText(text: string, file: string): unknown {
  const json = withoutByteOrderMark(text);
  let value: unknown;
  try {
    value = JSON.parse(json) as unknown;
  } catch (error) {
    const problem = findJsonProblem(json);
    if (problem?.kind === 'duplicate-key') throw new Error(duplicateKeyMessage(json, file, problem), { cause: error });
    const { line, column } = positionAt(json, problem?.offset ?? json.length);
    const reason = problem?.reason ?? (error as Error).message;
    throw new Error(`Invalid JSON in ${file} at line ${line}, column ${column}: ${reason}`, { cause: error });
  }
  const problem = findJsonProblem(json);
  if (problem?.kind === 'duplicate-key') throw new Error(duplicateKeyMessage(json, file, problem));
  return value;
}
