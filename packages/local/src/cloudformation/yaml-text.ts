import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  type Alias,
  type CollectionTag,
  type Document,
  type Node,
  type ScalarTag,
  type YAMLError,
} from 'yaml';
import { positionAt, type JsonObject, type JsonValue } from './json-text';
import { TEMPLATE_LIMITS } from './template-limits';

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

/** One document being turned into JSON, with what its aliases have cost so far. */
interface YamlSource {
  doc: Document;
  text: string;
  file: string;
  /** The values produced so far inside alias expansions. */
  aliasValues: number;
  /** The nodes whose aliases are being expanded right now (to catch an alias inside its own anchor). */
  expanding: Set<Node>;
  /** Each alias's anchored node, resolved once (`Alias.resolve` searches the whole document). */
  targets: Map<Alias, Node | undefined>;
}

class AliasLimitReached extends Error {}

function where(node: Node, source: YamlSource): string {
  const { line, column } = positionAt(source.text, node.range?.[0] ?? 0);
  return `${source.file} at line ${line}, column ${column}`;
}

function expandAlias(alias: Alias, source: YamlSource): JsonValue {
  if (!source.targets.has(alias)) source.targets.set(alias, alias.resolve(source.doc) as Node | undefined);
  const target = source.targets.get(alias);
  if (!target) throw new Error(`Invalid YAML in ${where(alias, source)}: the alias *${alias.source} has no anchor before it`);
  if (source.expanding.has(target)) {
    throw new Error(`Invalid YAML in ${where(alias, source)}: the alias *${alias.source} is inside the node it refers to`);
  }
  source.expanding.add(target);
  try {
    return toJson(target, source);
  } catch (error) {
    if (error instanceof AliasLimitReached) {
      const limit = TEMPLATE_LIMITS.maxAliasValues;
      throw new Error(
        `Invalid YAML in ${where(alias, source)}: its aliases expand to more than ${limit} values, ` +
          'which looks like an alias bomb ("billion laughs"); write the repeated values out or use fewer nested aliases',
      );
    }
    throw error;
  } finally {
    source.expanding.delete(target);
  }
}

function shortTagValue(node: Node, value: JsonValue, source: YamlSource): JsonValue {
  const short = node.tag ? SHORT_TAGS.find((candidate) => candidate.tag === node.tag) : undefined;
  if (!short) return value;
  if (short.tag === '!GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    if (dot < 1) {
      const { line } = positionAt(source.text, node.range?.[0] ?? 0);
      throw new Error(`Invalid !GetAtt in ${source.file} at line ${line}: expected LogicalId.Attribute, got "${value}"`);
    }
    return { 'Fn::GetAtt': [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return { [short.fn]: value };
}

function toJson(node: unknown, source: YamlSource): JsonValue {
  if (isAlias(node)) return expandAlias(node, source);
  if (source.expanding.size > 0 && ++source.aliasValues > TEMPLATE_LIMITS.maxAliasValues) {
    throw new AliasLimitReached(); // expandAlias turns it into a message that says where
  }
  let value: JsonValue;
  if (isMap(node)) {
    const object: JsonObject = {};
    for (const pair of node.items) object[String(toJson(pair.key, source))] = toJson(pair.value, source);
    value = object;
  } else if (isSeq(node)) {
    value = node.items.map((item) => toJson(item, source));
  } else if (isScalar(node)) {
    value = node.value as JsonValue; // the YAML 1.2 core schema: strings, numbers, booleans, null
  } else {
    return null;
  }
  return shortTagValue(node as Node, value, source);
}

function yamlErrorMessage(error: YAMLError, file: string): string {
  const at = error.linePos?.[0];
  const position = at ? ` at line ${at.line}, column ${at.col}` : '';
  const reason = error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? error.message;
  return `Invalid YAML in ${file}${position}: ${reason}`;
}

/**
 * Parses a YAML template, turning CloudFormation's short tags (`!Ref`, `!GetAtt`, `!Sub`, ...)
 * into their long forms and expanding aliases, at most {@link TEMPLATE_LIMITS}`.maxAliasValues`
 * values of them. Errors name the file, the line and the column.
 *
 * @example
 * ```ts
 * parseYamlText('Value: !GetAtt Table.Arn', 'extra.yaml'); // { Value: { 'Fn::GetAtt': ['Table', 'Arn'] } }
 * ```
 */
export function parseYamlText(text: string, file: string): JsonValue {
  const doc = parseDocument(text, { customTags: KEEP_TAGS, uniqueKeys: true, prettyErrors: true });
  const problem = doc.errors[0] ?? doc.warnings.find((warning) => warning.code === 'TAG_RESOLVE_FAILED');
  if (problem) throw new Error(yamlErrorMessage(problem, file));
  return toJson(doc.contents, { doc, text, file, aliasValues: 0, expanding: new Set(), targets: new Map() });
}
