// The AWS provider's schema, as @cdktf/provider-aws ships it: a jsii assembly (`.jsii`, JSON)
// generated from `terraform providers schema -json` of hashicorp/aws. Each resource and data
// source is a class ("Represents a {@link .../docs/resources/lambda_function aws_lambda_function}")
// whose config struct lists what a configuration may set: one property per argument or block,
// `optional` unless the schema requires it, each linked to its snake_case name
// ("...lambda_function#function_name"); a block's type is a struct of its own. What the schema
// computes and no configuration may set is a getter of the class (or of the block's
// `OutputReference` class) only.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

interface JsiiType {
  fqn: string;
  kind: 'class' | 'interface' | 'enum';
  datatype?: boolean;
  docs?: { summary?: string; remarks?: string };
  initializer?: { parameters?: Array<{ name: string; type: JsiiTypeReference }> };
  properties?: JsiiProperty[];
}

interface JsiiProperty {
  name: string;
  optional?: boolean;
  immutable?: boolean;
  static?: boolean;
  type: JsiiTypeReference;
  docs?: { summary?: string; remarks?: string };
}

type JsiiTypeReference =
  | { primitive: 'string' | 'number' | 'boolean' | 'any' | 'json' | 'date' }
  | { fqn: string }
  | { collection: { kind: 'array' | 'map'; elementtype: JsiiTypeReference } }
  | { union: { types: JsiiTypeReference[] } };

/**
 * The kind of value an argument takes, as far as a JSON configuration shows it.
 *
 * @example
 * ```ts
 * schema.resource('aws_lambda_function')?.settable.get('vpc_config')?.shape; // 'block'
 * ```
 */
export type ValueShape = 'string' | 'number' | 'boolean' | 'list' | 'map' | 'block' | 'any';

/**
 * One argument or block that a configuration may set.
 *
 * @example
 * ```ts
 * const memory: SettableSchema = { name: 'memory_size', required: false, shape: 'number' };
 * ```
 */
export interface SettableSchema {
  name: string;
  required: boolean;
  shape: ValueShape;
  /** For a block (or an object-typed argument): what may be set inside it. */
  block?: () => BlockSchema;
}

/**
 * What a resource, data source or block lets a configuration set, and what it only computes.
 *
 * @example
 * ```ts
 * schema.resource('aws_apigatewayv2_stage')?.computedOnly.has('invoke_url'); // true
 * ```
 */
export interface BlockSchema {
  settable: ReadonlyMap<string, SettableSchema>;
  /** Attributes the provider computes and no configuration may set (snake_case). */
  computedOnly: ReadonlySet<string>;
  /** For a reference such as `domain_name_configuration[0].target_domain_name`: the nested blocks' schemas, settable or not. */
  nested: (name: string) => BlockSchema | undefined;
}

/**
 * The AWS provider's resource and data source schemas.
 *
 * @example
 * ```ts
 * const schema: AwsProviderSchema = loadAwsProviderSchema();
 * schema.data('aws_partition') !== undefined; // true
 * ```
 */
export interface AwsProviderSchema {
  /** The hashicorp/aws version the schema is of, e.g. `6.25.0`. */
  providerVersion: string;
  /** The npm package and version that shipped it, e.g. `@cdktf/provider-aws@21.22.1`. */
  source: string;
  resource: (type: string) => BlockSchema | undefined;
  data: (type: string) => BlockSchema | undefined;
  resourceTypes: () => string[];
}

const REPRESENTS = /^Represents a \{@link https:\/\/registry\.terraform\.io\/providers\/hashicorp\/aws\/([\d.]+)\/docs\/(resources|data-sources)\/(\w+) (\w+)\}\.$/;
const ARGUMENT_LINK = /\/docs\/(?:resources|data-sources)\/\w+#(\w+)[ }]/;

/** `code_sha256` -> `codeSha256`, as cdktf names a snake_case attribute. */
const camel = (snake: string): string => snake.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
/** `codeSha256` -> `code_sha256`, for the names of computed attributes, which have no docs link. */
const snake = (name: string): string => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

function shapeOf(type: JsiiTypeReference, types: Record<string, JsiiType>): { shape: ValueShape; struct?: string } {
  if ('primitive' in type) return { shape: type.primitive === 'string' || type.primitive === 'number' || type.primitive === 'boolean' ? type.primitive : 'any' };
  if ('collection' in type) {
    const element = shapeOf(type.collection.elementtype, types);
    if (element.struct) return element; // a list or set of blocks: an object or an array of objects in JSON
    return { shape: type.collection.kind === 'map' ? 'map' : 'list' };
  }
  if ('union' in type) {
    const own = type.union.types.find((member) => !('fqn' in member) || !member.fqn.startsWith('cdktf.'));
    return own ? shapeOf(own, types) : { shape: 'any' };
  }
  return types[type.fqn]?.datatype ? { shape: 'block', struct: type.fqn } : { shape: 'any' };
}

function argumentName(property: JsiiProperty, owner: string): string {
  const match = ARGUMENT_LINK.exec(`${property.docs?.summary ?? ''} ${property.docs?.remarks ?? ''}`);
  if (!match?.[1]) throw new Error(`${owner}.${property.name} names no argument of the provider`);
  return match[1];
}

function getters(classType: JsiiType | undefined): JsiiProperty[] {
  return (classType?.properties ?? []).filter((property) => property.immutable && !property.static && !property.name.endsWith('Input'));
}

/** Reads the schema of the struct `structFqn`; `outputFqn` is the class whose getters include the computed attributes. */
function blockOf(types: Record<string, JsiiType>, structFqn: string, outputFqn: string, cache: Map<string, BlockSchema>): BlockSchema {
  const cached = cache.get(structFqn);
  if (cached) return cached;
  const settable = new Map<string, SettableSchema>();
  for (const property of types[structFqn]?.properties ?? []) {
    const name = argumentName(property, structFqn);
    const { shape, struct } = shapeOf(property.type, types);
    const block = struct ? () => blockOf(types, struct, `${struct}OutputReference`, cache) : undefined;
    settable.set(name, { name, required: property.optional !== true, shape, ...(block ? { block } : {}) });
  }
  const settableCamel = new Set([...settable.keys()].map(camel));
  const computed = getters(types[outputFqn]).filter((property) => !settableCamel.has(property.name));
  const nestedTypes = new Map<string, string>();
  for (const property of getters(types[outputFqn])) {
    const fqn = 'fqn' in property.type ? property.type.fqn : undefined;
    const struct = fqn?.replace(/(List|OutputReference)$/, '');
    if (struct && struct !== fqn && types[struct]?.datatype) nestedTypes.set(snake(property.name), struct);
  }
  const schema: BlockSchema = {
    settable,
    computedOnly: new Set(computed.map((property) => snake(property.name))),
    nested: (name) => {
      const struct = nestedTypes.get(name);
      return struct ? blockOf(types, struct, `${struct}OutputReference`, cache) : undefined;
    },
  };
  cache.set(structFqn, schema);
  return schema;
}

/** The folder outside the workspace that pins `@cdktf/provider-aws` (about 390 MB, so not a devDependency). */
const SCHEMA_FOLDER = join(__dirname, '..', '..', '..', '..', 'tools', 'aws-provider-schema');

/**
 * The path of `@cdktf/provider-aws`'s package.json in {@link SCHEMA_FOLDER}, installing it
 * from the npm registry with that folder's lockfile on first use.
 */
function providerPackageJson(): string {
  const packageJson = join(SCHEMA_FOLDER, 'node_modules', '@cdktf', 'provider-aws', 'package.json');
  if (existsSync(packageJson)) return packageJson;
  const install = spawnSync('npx', ['-y', 'pnpm@10.34.8', 'install', '--dir', SCHEMA_FOLDER, '--ignore-workspace', '--frozen-lockfile', '--ignore-scripts'], {
    encoding: 'utf8',
    timeout: 600_000,
  });
  if (install.status !== 0 || !existsSync(packageJson)) {
    throw new Error(`Could not install the AWS provider schema into ${SCHEMA_FOLDER}: ${install.stderr || install.stdout || install.error?.message}`);
  }
  return packageJson;
}

/**
 * Loads the AWS provider's schema from `@cdktf/provider-aws` in tools/aws-provider-schema (see
 * the top of this file for how its `.jsii` assembly gives it), installing it on first use.
 * Blocks are read when first asked for.
 *
 * @example
 * ```ts
 * const schema = loadAwsProviderSchema();
 * schema.resource('aws_lambda_function')?.settable.get('function_name')?.required; // true
 * ```
 */
export function loadAwsProviderSchema(): AwsProviderSchema {
  const packageJson = providerPackageJson();
  const { version } = JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string };
  const assembly = JSON.parse(readFileSync(join(dirname(packageJson), '.jsii'), 'utf8')) as { types: Record<string, JsiiType> };
  const classes = { resources: new Map<string, JsiiType>(), 'data-sources': new Map<string, JsiiType>() };
  let providerVersion = '';
  for (const type of Object.values(assembly.types)) {
    const match = type.kind === 'class' ? REPRESENTS.exec(type.docs?.summary ?? '') : null;
    if (!match) continue;
    providerVersion = match[1] as string;
    classes[match[2] as 'resources' | 'data-sources'].set(match[4] as string, type);
  }
  const cache = new Map<string, BlockSchema>();
  const schemaOf = (type: JsiiType | undefined): BlockSchema | undefined => {
    const config = type?.initializer?.parameters?.find((parameter) => parameter.name === 'config')?.type;
    if (!type || !config || !('fqn' in config)) return undefined;
    return blockOf(assembly.types, config.fqn, type.fqn, cache);
  };
  return {
    providerVersion,
    source: `@cdktf/provider-aws@${version}`,
    resource: (name) => schemaOf(classes.resources.get(name)),
    data: (name) => schemaOf(classes['data-sources'].get(name)),
    resourceTypes: () => [...classes.resources.keys()],
  };
}
