// Checks a Terraform JSON configuration against the AWS provider's schema: every resource and
// data source type exists, every argument and block (nested ones too) is one the schema lets a
// configuration set, with a value of the right kind, the required ones are there, none is
// computed-only, and every `${type.name.attribute}` reference names a declared resource and an
// attribute of its type.
import type { AwsProviderSchema, BlockSchema, SettableSchema } from './aws-provider-schema';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonRecord = { [key: string]: Json };

const TOP_LEVEL = ['terraform', 'resource', 'data', 'output', 'locals', 'variable', 'provider', 'module', 'moved', 'import', 'check', 'removed'];
const RESOURCE_META = ['depends_on', 'count', 'for_each', 'provider', 'lifecycle', 'provisioner', 'connection'];
const DATA_META = ['depends_on', 'count', 'for_each', 'provider', 'lifecycle'];
const LIFECYCLE = ['create_before_destroy', 'prevent_destroy', 'ignore_changes', 'replace_triggered_by', 'precondition', 'postcondition'];
const OUTPUT_KEYS = ['value', 'description', 'sensitive', 'ephemeral', 'depends_on', 'precondition'];
const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const REFERENCE = /(?<![\w.])(data\.)?(aws_[a-z0-9_]+)\.([A-Za-z_][A-Za-z0-9_-]*)((?:\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\])*)/g;

const isRecord = (value: Json | undefined): value is JsonRecord => typeof value === 'object' && value !== null && !Array.isArray(value);
/** A string that is one interpolation and nothing else, which may stand for a value of any type. */
const isInterpolation = (value: Json): boolean => typeof value === 'string' && /^\$\{.*\}$/s.test(value);

/** The text inside each `${ ... }` of a string template (not `$${`, which is a literal). */
function interpolations(text: string): string[] {
  const found: string[] = [];
  for (let at = text.indexOf('${'); at !== -1; at = text.indexOf('${', at + 2)) {
    if (at > 0 && text[at - 1] === '$') continue;
    let depth = 0;
    let end = at + 1;
    for (; end < text.length; end += 1) {
      if (text[end] === '{') depth += 1;
      else if (text[end] === '}' && --depth === 0) break;
    }
    found.push(text.slice(at + 2, end));
    at = end - 1;
  }
  return found;
}

function strings(value: Json, into: string[] = []): string[] {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) for (const item of value) strings(item, into);
  else if (isRecord(value)) {
    for (const [key, item] of Object.entries(value)) {
      into.push(key);
      strings(item, into);
    }
  }
  return into;
}

/** A finding for a value that is not of the kind the schema's argument takes. */
function shapeProblem(path: string, value: Json, argument: SettableSchema): string | undefined {
  const ok = ((): boolean => {
    switch (argument.shape) {
      case 'string':
        return typeof value === 'string';
      case 'number':
      case 'boolean':
        return typeof value === argument.shape || isInterpolation(value);
      case 'list':
        return Array.isArray(value) || isInterpolation(value);
      case 'map':
        return (isRecord(value) && Object.values(value).every((item) => typeof item === 'string')) || isInterpolation(value);
      case 'block':
        return isRecord(value) || (Array.isArray(value) && value.every(isRecord));
      default:
        return true;
    }
  })();
  return ok ? undefined : `${path}: ${argument.shape === 'block' ? 'a block' : `a ${argument.shape}`} is expected, got ${JSON.stringify(value)}`;
}

class SchemaCheck {
  readonly findings: string[] = [];

  constructor(
    private readonly schema: AwsProviderSchema,
    private readonly config: JsonRecord,
  ) {}

  run(): string[] {
    for (const key of Object.keys(this.config)) if (!TOP_LEVEL.includes(key)) this.findings.push(`${key}: not a top-level block of a Terraform configuration`);
    this.blocks('resource', RESOURCE_META);
    this.blocks('data', DATA_META);
    this.outputs();
    for (const text of strings(this.config)) for (const expression of interpolations(text)) this.references(expression);
    return this.findings;
  }

  private declared(kind: 'resource' | 'data', type: string, name: string): boolean {
    const blocks = this.config[kind];
    return isRecord(blocks) && isRecord(blocks[type]) && blocks[type][name] !== undefined;
  }

  private blocks(kind: 'resource' | 'data', meta: readonly string[]): void {
    const section = this.config[kind];
    if (section === undefined) return;
    if (!isRecord(section)) return void this.findings.push(`${kind}: must be an object keyed by type`);
    for (const [type, named] of Object.entries(section)) {
      const schema = type.startsWith('aws_') ? (kind === 'resource' ? this.schema.resource(type) : this.schema.data(type)) : undefined;
      if (!schema) {
        this.findings.push(`${kind}.${type}: not a ${kind === 'resource' ? 'resource' : 'data source'} type of hashicorp/aws ${this.schema.providerVersion}`);
        continue;
      }
      if (!isRecord(named)) continue;
      for (const [name, body] of Object.entries(named)) {
        if (!NAME.test(name)) this.findings.push(`${kind}.${type}.${name}: not a valid Terraform name`);
        this.block(`${kind}.${type}.${name}`, body, schema, meta);
      }
    }
  }

  private block(path: string, body: Json, schema: BlockSchema, meta: readonly string[]): void {
    if (Array.isArray(body)) return body.forEach((item, index) => this.block(`${path}[${index}]`, item, schema, meta));
    if (!isRecord(body)) return void this.findings.push(`${path}: a block is expected, got ${JSON.stringify(body)}`);
    for (const [key, value] of Object.entries(body)) {
      if (meta.includes(key)) this.meta(`${path}.${key}`, key, value);
      else this.argument(`${path}.${key}`, key, value, schema);
    }
    for (const argument of schema.settable.values()) {
      if (argument.required && body[argument.name] === undefined) this.findings.push(`${path}: the required ${argument.name} is missing`);
    }
  }

  private argument(path: string, key: string, value: Json, schema: BlockSchema): void {
    const argument = schema.settable.get(key);
    if (!argument) {
      const why = schema.computedOnly.has(key) ? 'is computed by the provider and cannot be set' : 'is not an argument or block here';
      return void this.findings.push(`${path}: ${key} ${why}`);
    }
    const problem = shapeProblem(path, value, argument);
    if (problem) return void this.findings.push(problem);
    if (argument.block) this.block(path, value, argument.block(), []);
  }

  private meta(path: string, key: string, value: Json): void {
    if (key === 'depends_on') {
      const addresses = Array.isArray(value) ? value : [];
      for (const entry of addresses) {
        const [type, name] = String(entry).split('.');
        if (!this.declared('resource', type ?? '', name ?? '')) this.findings.push(`${path}: ${String(entry)} is not declared`);
      }
    }
    if (key === 'lifecycle' && isRecord(value)) {
      for (const option of Object.keys(value)) if (!LIFECYCLE.includes(option)) this.findings.push(`${path}.${option}: not a lifecycle option`);
    }
  }

  private outputs(): void {
    const outputs = this.config.output;
    if (!isRecord(outputs)) return;
    for (const [name, body] of Object.entries(outputs)) {
      if (!isRecord(body) || body.value === undefined) this.findings.push(`output.${name}: an output needs a value`);
      else for (const key of Object.keys(body)) if (!OUTPUT_KEYS.includes(key)) this.findings.push(`output.${name}.${key}: not an output argument`);
    }
  }

  private references(expression: string): void {
    for (const match of expression.matchAll(REFERENCE)) {
      const kind = match[1] ? 'data' : 'resource';
      const [type, name, path] = [match[2] as string, match[3] as string, match[4] ?? ''];
      const shown = `${match[1] ?? ''}${type}.${name}`;
      if (!this.declared(kind, type, name)) {
        this.findings.push(`\${${expression}}: ${shown} is not declared`);
        continue;
      }
      let schema = kind === 'resource' ? this.schema.resource(type) : this.schema.data(type);
      for (const attribute of path.split(/\[\d+\]/).join('').split('.').filter(Boolean)) {
        const known = schema && (schema.settable.has(attribute) || schema.computedOnly.has(attribute) || attribute === 'id');
        if (!known) {
          this.findings.push(`\${${expression}}: ${attribute} is not an attribute of ${shown}`);
          break;
        }
        schema = schema?.settable.get(attribute)?.block?.() ?? schema?.nested(attribute);
      }
    }
  }
}

/**
 * Checks a Terraform JSON configuration against the AWS provider's schema; returns one line per
 * problem, none when the configuration passes.
 *
 * @example
 * ```ts
 * expect(checkTerraformAgainstSchema(JSON.parse(text), loadAwsProviderSchema())).toEqual([]);
 * ```
 */
export function checkTerraformAgainstSchema(config: unknown, schema: AwsProviderSchema): string[] {
  if (!isRecord(config as Json)) return ['the configuration must be a JSON object'];
  return new SchemaCheck(schema, config as JsonRecord).run();
}
