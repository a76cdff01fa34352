import type { CfnTemplate, JsonObject, JsonValue } from './template/types';

/**
 * How {@link checkMergeTemplate} names the merge template and what it lets through.
 *
 * @example
 * ```ts
 * const options: MergeCheckOptions = { file: 'resources.json', allowTypeOverride: false };
 * ```
 */
export interface MergeCheckOptions {
  /** The merge template as the user named it, for messages. */
  file: string;
  /** `--allow-type-override`: a change of a generated resource's `Type` is a warning, not an error. */
  allowTypeOverride: boolean;
}

/** Top-level sections that hold an object of named entries, each an object itself, and what they are keyed by. */
const KEYED_SECTIONS: Readonly<Record<string, string>> = {
  Resources: 'logical ID',
  Outputs: 'output name',
  Parameters: 'parameter name',
  Mappings: 'map name',
  Conditions: 'condition name',
  Rules: 'rule name',
  Globals: 'resource kind (Function, Api, ...)',
};

/** The transform that turns the generated `AWS::Serverless::Function`s into Lambda functions. */
const SERVERLESS_TRANSFORM = 'AWS::Serverless-2016-10-31';

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: JsonValue | undefined): string {
  const text = value === undefined ? 'nothing' : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

class MergeChecker {
  readonly warnings: string[] = [];

  constructor(
    private readonly generated: CfnTemplate,
    private readonly extension: JsonObject,
    private readonly options: MergeCheckOptions,
  ) {}

  fail(problem: string): never {
    throw new Error(`Merge template ${this.options.file}: ${problem}`);
  }

  sections(): void {
    for (const [section, key] of Object.entries(KEYED_SECTIONS)) {
      const value = this.extension[section];
      if (value === undefined) continue;
      if (!isObject(value)) this.fail(`${section} must be an object keyed by ${key}, got ${describe(value)}`);
      for (const [name, entry] of Object.entries(value)) {
        if (entry !== null && !isObject(entry)) this.fail(`${section}.${name} must be an object, got ${describe(entry)}`);
      }
    }
    const metadata = this.extension.Metadata;
    if (metadata !== undefined && !isObject(metadata)) this.fail(`Metadata must be an object, got ${describe(metadata)}`);
    for (const section of ['AWSTemplateFormatVersion', 'Description']) {
      const value = this.extension[section];
      if (value !== undefined && typeof value !== 'string') this.fail(`${section} must be a string, got ${describe(value)}`);
    }
  }

  transform(): void {
    const transform = this.extension.Transform;
    if (transform === undefined) return;
    const names = (Array.isArray(transform) ? transform : [transform]).map((item) => (isObject(item) ? item.Name : item));
    if (names.some((name) => typeof name !== 'string')) {
      this.fail(`Transform must be a transform name or a list of them, got ${describe(transform)}`);
    }
    if (!names.includes(SERVERLESS_TRANSFORM)) {
      this.fail(
        `Transform ${describe(transform)} drops ${SERVERLESS_TRANSFORM}, which the generated functions need; ` +
          `list both, such as ${JSON.stringify([...names, SERVERLESS_TRANSFORM])}`,
      );
    }
  }

  resources(): void {
    const resources = this.extension.Resources;
    if (!isObject(resources)) return;
    for (const [id, resource] of Object.entries(resources)) {
      const generated = this.generated.Resources[id];
      if (resource === null) {
        if (generated) {
          this.fail(
            `Resources.${id} is null, which would remove the generated resource ${id} (${generated.Type}); ` +
              'a merge can change generated resources but not remove them, so remove the entry from the merge template',
          );
        }
        continue; // nulls() names it
      }
      this.resource(id, resource as JsonObject, generated?.Type);
    }
  }

  private resource(id: string, resource: JsonObject, generatedType: string | undefined): void {
    const type = resource.Type;
    if (type === undefined && generatedType === undefined) {
      this.fail(`Resources.${id} has no Type; a new resource needs one, such as AWS::DynamoDB::Table`);
    }
    if (type !== undefined && (typeof type !== 'string' || type === '')) {
      this.fail(`Resources.${id}.Type must be a resource type such as AWS::DynamoDB::Table, got ${describe(type)}`);
    }
    if (resource.Properties !== undefined && !isObject(resource.Properties)) {
      this.fail(`Resources.${id}.Properties must be an object, got ${describe(resource.Properties)}`);
    }
    if (generatedType === undefined || type === undefined || type === generatedType) return;
    const change = `changes the generated resource ${id} from ${generatedType} to ${String(type)}`;
    if (!this.options.allowTypeOverride) {
      this.fail(`Resources.${id}.Type ${change}, a type the rest of the template relies on; pass --allow-type-override to change it anyway`);
    }
    this.warnings.push(`merge template ${this.options.file}: Resources.${id}.Type ${change} (allowed by --allow-type-override)`);
  }

  nulls(value: JsonValue, path: string): void {
    if (value === null) {
      this.fail(`${path} is null, but CloudFormation does not allow null values in templates; give it a value or remove it`);
    }
    if (Array.isArray(value)) value.forEach((item, index) => this.nulls(item, `${path}[${index}]`));
    else if (isObject(value)) for (const [key, item] of Object.entries(value)) this.nulls(item, path ? `${path}.${key}` : key);
  }
}

/**
 * Checks a merge template before `mergeTemplate` applies it, so that `wsapp package` never
 * writes a template that the merge broke: sections of the wrong type (`"Resources": "oops"`),
 * a generated resource set to `null`, a new resource without `Type`, `null` anywhere (which
 * CloudFormation refuses), a `Transform` without the SAM transform, and a change of a
 * generated resource's `Type` (allowed, as a warning, with `allowTypeOverride`). Errors name
 * the file and the path of the problem; the result is the warnings.
 *
 * @example
 * ```ts
 * const warnings = checkMergeTemplate(generated, readTemplateFile('resources.json'), { file: 'resources.json', allowTypeOverride: false });
 * const template = mergeTemplate(generated, extension);
 * ```
 */
export function checkMergeTemplate(generated: CfnTemplate, extension: JsonObject, options: MergeCheckOptions): string[] {
  const check = new MergeChecker(generated, extension, options);
  check.sections();
  check.transform();
  check.resources();
  check.nulls(extension, '');
  return check.warnings;
}
