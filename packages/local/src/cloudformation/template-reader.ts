import { readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  type CollectionTag,
  type Document,
  type Node,
  type ScalarTag,
  type YAMLError,
} from 'yaml';
import { parseJsonText, type JsonObject, type JsonValue } from './json-text';

function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How each CloudFormation short tag becomes its long form, and which YAML node kinds it takes. */
const SHORT_TAGS: ReadonlyArray<{ tag: string; fn: string; kinds: ReadonlyArray<'scalar' | 'seq' | 'map'> }> = [
  { tag: '!Ref', fn: 'Ref', kinds: ['scalar'] },
  { tag: '!Condition', fn: 'Condition', kinds: ['scalar'] },
  { tag: '!GetAtt', fn: 'Fn::GetAtt', kinds: ['scalar', 'seq'] },
  { tag: '!Sub', fn: 'Fn::Sub', kinds: ['scalar', 'seq'] },
  { tag: '!Join', fn: 'Fn::Join', kinds: ['seq'] },
  { tag: '!If', fn: 'Fn::If', kinds: ['seq'] },
  { tag: '!Select', fn: 'Fn::Select', kinds: ['seq'] },
  { tag: '!Split', fn: 'Fn::Split', kinds: ['seq'] },
  { tag: '!FindInMap', fn: 'Fn::FindInMap', kinds: ['seq'] },
  { tag: '!ImportValue', fn: 'Fn::ImportValue', kinds: ['scalar', 'map'] },
  { tag: '!Base64', fn: 'Fn::Base64', kinds: ['scalar', 'map'] },
  { tag: '!GetAZs', fn: 'Fn::GetAZs', kinds: ['scalar', 'map'] },
  { tag: '!Cidr', fn: 'Fn::Cidr', kinds: ['seq'] },
  { tag: '!Equals', fn: 'Fn::Equals', kinds: ['seq'] },
  { tag: '!And', fn: 'Fn::And', kinds: ['seq'] },
  { tag: '!Or', fn: 'Fn::Or', kinds: ['seq'] },
  { tag: '!Not', fn: 'Fn::Not', kinds: ['seq'] },
];

/** Tags that keep the parsed node as it is; {@link toJson} turns them into long forms. */
const KEEP_TAGS: Array<ScalarTag | CollectionTag> = SHORT_TAGS.flatMap(({ tag, kinds }) =>
  kinds.map((kind): ScalarTag | CollectionTag =>
    kind === 'scalar'
      ? { tag, resolve: (value: string) => value }
      : { tag, collection: kind, resolve: (value) => value },
  ),
);

interface YamlSource {
  doc: Document;
  text: string;
  file: string;
}

function toJson(node: unknown, source: YamlSource): JsonValue {
  if (isAlias(node)) return toJson(node.resolve(source.doc), source);
  let value: JsonValue;
  if (isMap(node)) {
    const object: JsonObject = {};
    for (const pair of node.items) {
      const key = toJson(pair.key, source);
      object[String(key)] = toJson(pair.value, source);
    }
    value = object;
  } else if (isSeq(node)) {
    value = node.items.map((item) => toJson(item, source));
  } else if (isScalar(node)) {
    value = node.value as JsonValue; // the YAML 1.2 core schema: strings, numbers, booleans, null
  } else {
    return null;
  }
  const tag = (node as Node).tag;
  const short = tag ? SHORT_TAGS.find((candidate) => candidate.tag === tag) : undefined;
  if (!short) return value;
  if (short.tag === '!GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    if (dot < 1) {
      const line = source.text.slice(0, (node as Node).range?.[0] ?? 0).split('\n').length;
      throw new Error(`Invalid !GetAtt in ${source.file} at line ${line}: expected LogicalId.Attribute, got "${value}"`);
    }
    return { 'Fn::GetAtt': [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return { [short.fn]: value };
}

function yamlErrorMessage(error: YAMLError, file: string): string {
  const where = error.linePos?.[0];
  const at = where ? ` at line ${where.line}, column ${where.col}` : '';
  const reason = error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? error.message;
  return `Invalid YAML in ${file}${at}: ${reason}`;
}

function parseYamlText(text: string, file: string): JsonValue {
  const doc = parseDocument(text, { customTags: KEEP_TAGS, uniqueKeys: true, prettyErrors: true });
  const problem = doc.errors[0] ?? doc.warnings.find((warning) => warning.code === 'TAG_RESOLVE_FAILED');
  if (problem) throw new Error(yamlErrorMessage(problem, file));
  return toJson(doc.contents, { doc, text, file });
}

/**
 * Parses the text of a CloudFormation template: YAML (with the short tags `!Ref`, `!GetAtt`,
 * `!Sub`, ... turned into long forms) when `file` ends in `.yaml`/`.yml`, JSON otherwise.
 * Errors name the file and, for syntax errors, the line and column; a top level that is not
 * an object is an error too.
 *
 * @example
 * ```ts
 * import { parseTemplateText } from '@wsapp/local';
 *
 * parseTemplateText('Value: !GetAtt Table.Arn', 'extra.yaml'); // { Value: { 'Fn::GetAtt': ['Table', 'Arn'] } }
 * ```
 */
export function parseTemplateText(text: string, file: string): JsonObject {
  const isYaml = ['.yaml', '.yml'].includes(extname(file).toLowerCase());
  const value = isYaml ? parseYamlText(text, file) : parseJsonText(text, file);
  if (!isPlainObject(value)) {
    const found = Array.isArray(value) ? 'a list' : value === null ? 'nothing (null)' : `a ${typeof value}`;
    throw new Error(`Template ${file} must contain an object at the top level, found ${found}`);
  }
  return value;
}

/**
 * Reads a CloudFormation template file (JSON, or YAML with short tags), as `wsapp package
 * --merge-template` and `wsapp local --merge-template` do. A missing file is an error that
 * names `description` and gives the resolved path; a syntax error names the file, the line
 * and the column.
 *
 * @example
 * ```ts
 * import { readTemplateFile, startEmbeddedDynamoDb } from '@wsapp/local';
 *
 * const db = await startEmbeddedDynamoDb(readTemplateFile('resources.json', 'merge template'));
 * ```
 */
export function readTemplateFile(file: string, description = 'template'): JsonObject {
  const absolute = resolve(file);
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error(`Cannot find ${description}: ${file} (resolved to ${absolute})`);
    if (code === 'EISDIR') throw new Error(`The ${description} ${file} is a folder, not a file (resolved to ${absolute})`);
    throw new Error(`Cannot read ${description} ${file}: ${(error as Error).message}`, { cause: error });
  }
  return parseTemplateText(text, file);
}
