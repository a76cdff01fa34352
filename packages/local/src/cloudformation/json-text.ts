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

class JsonSyntaxError extends Error {
  constructor(
    readonly offset: number,
    reason: string,
  ) {
    super(reason);
  }
}

/** Finds where a text stops being JSON (JSON.parse in Node 20 does not always say). */
function locateJsonError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const fail = (expected: string): never => {
    const found = i < text.length ? `'${text[i]}'` : 'end of input';
    throw new JsonSyntaxError(i, `expected ${expected}, found ${found}`);
  };
  const space = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const literal = (word: string): void => {
    if (text.startsWith(word, i)) i += word.length;
    else fail('a value');
  };
  const string = (): void => {
    if (text[i] !== '"') fail('a double-quoted string');
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) fail('a closing quote');
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail('4 hex digits after \\u');
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail('a valid escape');
      }
      i++;
    }
    if (i >= text.length) fail('a closing quote');
    i++;
  };
  const number = (): void => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!match) fail('a value');
    i += (match as RegExpExecArray)[0].length;
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{') {
      i++;
      space();
      if (text[i] === '}') return void i++;
      for (;;) {
        space();
        string();
        space();
        if (text[i] !== ':') fail("':'");
        i++;
        value();
        space();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else fail("',' or '}'");
      }
    } else if (c === '[') {
      i++;
      space();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        space();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else fail("',' or ']'");
      }
    } else if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else number();
  };
  try {
    value();
    space();
    if (i < text.length) fail('end of input');
    return undefined;
  } catch (error) {
    if (error instanceof JsonSyntaxError) return error;
    throw error;
  }
}

/**
 * `JSON.parse` with an error that names the file, the line and the column.
 *
 * @example
 * ```ts
 * parseJsonText('{"a": 1}', 'resources.json'); // { a: 1 }
 * parseJsonText('{"a": }', 'resources.json'); // throws "Invalid JSON in resources.json at line 1, column 7: expected a value, found '}'"
 * ```
 */
export function parseJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const located = locateJsonError(text);
    const { line, column } = positionAt(text, located?.offset ?? text.length);
    const reason = located?.message ?? (error as Error).message;
    throw new Error(`Invalid JSON in ${file} at line ${line}, column ${column}: ${reason}`, { cause: error });
  }
}
