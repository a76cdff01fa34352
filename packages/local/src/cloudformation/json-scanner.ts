/**
 * What is wrong with a JSON text, and where: a syntax error, or a key that appears twice in one
 * object (which `JSON.parse` accepts, silently keeping the last).
 *
 * @example
 * ```ts
 * const problem: JsonProblem = { kind: 'syntax', offset: 6, reason: "expected a value, found '}'" };
 * ```
 */
export type JsonProblem =
  | { kind: 'syntax'; offset: number; reason: string }
  | { kind: 'duplicate-key'; offset: number; key: string; firstOffset: number };

class Stop extends Error {
  constructor(readonly problem: JsonProblem) {
    super(problem.kind);
  }
}

const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

/** The keys seen so far in an open object (with their offsets), or `undefined` for an array. */
type Frame = Map<string, number> | undefined;

/** Reads the tokens of a JSON text; every method throws {@link Stop} on a problem. */
class Tokens {
  i = 0;

  constructor(private readonly text: string) {}

  fail(expected: string): never {
    const found = this.i < this.text.length ? `'${this.text[this.i]}'` : 'end of input';
    throw new Stop({ kind: 'syntax', offset: this.i, reason: `expected ${expected}, found ${found}` });
  }

  /** Skips whitespace and returns the next character ('' at the end). */
  peek(): string {
    const { text } = this;
    while (this.i < text.length && ' \t\n\r'.includes(text[this.i] as string)) this.i++;
    return text[this.i] ?? '';
  }

  string(): string {
    const { text } = this;
    const start = this.i;
    if (text[this.i] !== '"') this.fail('a double-quoted string');
    this.i++;
    while (this.i < text.length && text[this.i] !== '"') {
      if (text.charCodeAt(this.i) < 0x20) this.fail('a closing quote');
      if (text[this.i] === '\\') {
        this.i++;
        if (text[this.i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(this.i + 1, this.i + 5))) this.fail('4 hex digits after \\u');
          this.i += 4;
        } else if (!'"\\/bfnrt'.includes(text[this.i] ?? 'x')) this.fail('a valid escape');
      }
      this.i++;
    }
    if (this.i >= text.length) this.fail('a closing quote');
    this.i++;
    return text.slice(start, this.i);
  }

  scalar(): void {
    const { text } = this;
    const c = text[this.i];
    if (c === '"') return void this.string();
    for (const word of ['true', 'false', 'null']) {
      if (c !== word[0]) continue;
      if (!text.startsWith(word, this.i)) this.fail('a value');
      return void (this.i += word.length);
    }
    NUMBER.lastIndex = this.i;
    const match = NUMBER.exec(text);
    if (!match) this.fail('a value');
    this.i += (match as RegExpExecArray)[0].length;
  }

  /** Reads `"key":` of an object member and records the key in `keys`. */
  member(keys: Map<string, number>): void {
    this.peek();
    const offset = this.i;
    const key = JSON.parse(this.string()) as string;
    const firstOffset = keys.get(key);
    if (firstOffset !== undefined) throw new Stop({ kind: 'duplicate-key', offset, key, firstOffset });
    keys.set(key, offset);
    if (this.peek() !== ':') this.fail("':'");
    this.i++;
  }
}

/**
 * Finds the first problem in a JSON text: where it stops being JSON, or the first key repeated
 * in the same object. Iterative, so deeply nested input cannot overflow the stack.
 *
 * @example
 * ```ts
 * findJsonProblem('{"a": 1, "a": 2}'); // { kind: 'duplicate-key', offset: 9, key: 'a', firstOffset: 1 }
 * findJsonProblem('{"a": 1}'); // undefined
 * ```
 */
export function findJsonProblem(text: string): JsonProblem | undefined {
  const tokens = new Tokens(text);
  const stack: Frame[] = [];
  let wantValue = true;
  try {
    for (;;) {
      const c = tokens.peek();
      if (wantValue) {
        if (c === '{' || c === '[') {
          tokens.i++;
          const close = c === '{' ? '}' : ']';
          if (tokens.peek() === close) {
            tokens.i++;
            wantValue = false;
            continue;
          }
          const frame: Frame = c === '{' ? new Map() : undefined;
          stack.push(frame);
          if (frame) tokens.member(frame);
          continue;
        }
        tokens.scalar();
        wantValue = false;
        continue;
      }
      if (stack.length === 0) {
        if (c !== '') tokens.fail('end of input');
        return undefined;
      }
      const frame = stack[stack.length - 1];
      const close = frame ? '}' : ']';
      if (c === ',') {
        tokens.i++;
        if (frame) tokens.member(frame);
        wantValue = true;
      } else if (c === close) {
        tokens.i++;
        stack.pop();
      } else tokens.fail(`',' or '${close}'`);
    }
  } catch (error) {
    if (error instanceof Stop) return error.problem;
    throw error;
  }
}
