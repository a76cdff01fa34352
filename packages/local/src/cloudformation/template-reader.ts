import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { parseJsonText, withoutByteOrderMark, type JsonObject, type JsonValue } from './json-text';
import { TEMPLATE_LIMITS, formatBytes } from './template-limits';
import { parseYamlText } from './yaml-text';

function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The error for a template over the size limit; `bytes` when its size is known (a file is not read whole). */
function tooLarge(file: string, bytes?: number): Error {
  const limit = TEMPLATE_LIMITS.maxBytes;
  const size = bytes === undefined ? 'larger than' : `${bytes} bytes, more than`;
  return new Error(
    `Template ${file} is ${size} the ${formatBytes(limit)} (${limit} bytes) wsapp reads; ` +
      'CloudFormation itself accepts templates of at most 1 MB',
  );
}

function parseValue(text: string, file: string, isYaml: boolean): JsonValue {
  try {
    return isYaml ? parseYamlText(text, file) : (parseJsonText(text, file) as JsonValue);
  } catch (error) {
    if (error instanceof RangeError) {
      throw new Error(`Template ${file} is nested too deeply to read (${error.message})`, { cause: error });
    }
    throw error;
  }
}

/**
 * Parses the text of a CloudFormation template: YAML (with the short tags `!Ref`, `!GetAtt`,
 * `!Sub`, ... turned into long forms) when `file` ends in `.yaml`/`.yml`, JSON otherwise.
 * Errors name the file and, for syntax errors, the line and column; a top level that is not
 * an object, a key repeated in a JSON object, a text over {@link TEMPLATE_LIMITS}`.maxBytes` and
 * YAML aliases that expand beyond {@link TEMPLATE_LIMITS}`.maxAliasValues` are errors too. A
 * leading UTF-8 byte order mark is ignored.
 *
 * @example
 * ```ts
 * import { parseTemplateText } from '@wsapp/local';
 *
 * parseTemplateText('Value: !GetAtt Table.Arn', 'extra.yaml'); // { Value: { 'Fn::GetAtt': ['Table', 'Arn'] } }
 * ```
 */
export function parseTemplateText(text: string, file: string): JsonObject {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > TEMPLATE_LIMITS.maxBytes) throw tooLarge(file, bytes);
  const isYaml = ['.yaml', '.yml'].includes(extname(file).toLowerCase());
  const value = parseValue(withoutByteOrderMark(text), file, isYaml);
  if (!isPlainObject(value)) {
    const found = Array.isArray(value) ? 'a list' : value === null ? 'nothing (null)' : `a ${typeof value}`;
    throw new Error(`Template ${file} must contain an object at the top level, found ${found}`);
  }
  return value;
}

/** Reads at most one byte more than the limit, so a huge file (or an endless one) is never read whole. */
function readBounded(absolute: string, file: string): Buffer {
  const fd = openSync(absolute, 'r');
  try {
    const buffer = Buffer.alloc(TEMPLATE_LIMITS.maxBytes + 1);
    let length = 0;
    for (let read = 1; read > 0 && length < buffer.length; length += read) {
      read = readSync(fd, buffer, length, buffer.length - length, null);
    }
    if (length > TEMPLATE_LIMITS.maxBytes) throw tooLarge(file);
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

function decodeUtf8(bytes: Buffer, file: string): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new Error(`Template ${file} is UTF-16 text; save it as UTF-8`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (error) {
    throw new Error(`Template ${file} is not UTF-8 text; save it as UTF-8`, { cause: error });
  }
}

function readTemplateBytes(file: string, description: string): Buffer {
  const absolute = resolve(file);
  try {
    const stats = statSync(absolute);
    if (stats.isDirectory()) throw new Error(`The ${description} ${file} is a folder, not a file (resolved to ${absolute})`);
    if (!stats.isFile()) throw new Error(`The ${description} ${file} is not a regular file (resolved to ${absolute})`);
    return readBounded(absolute, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined) throw error;
    if (code === 'ENOENT') throw new Error(`Cannot find ${description}: ${file} (resolved to ${absolute})`);
    throw new Error(`Cannot read ${description} ${file}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Reads a CloudFormation template file (JSON, or YAML with short tags), as `wsapp package
 * --merge-template` and `wsapp local --merge-template` do, with the checks and limits of
 * {@link parseTemplateText}. A missing file is an error that names `description` and gives
 * the resolved path; a file that is not UTF-8 text, or larger than
 * {@link TEMPLATE_LIMITS}`.maxBytes`, is refused before it is parsed.
 *
 * @example
 * ```ts
 * import { readTemplateFile, startEmbeddedDynamoDb } from '@wsapp/local';
 *
 * const db = await startEmbeddedDynamoDb(readTemplateFile('resources.json', 'merge template'));
 * ```
 */
export function readTemplateFile(file: string, description = 'template'): JsonObject {
  return parseTemplateText(decodeUtf8(readTemplateBytes(file, description), file), file);
}
