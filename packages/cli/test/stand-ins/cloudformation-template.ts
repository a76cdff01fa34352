import { standInValidationError } from './cloudformation-errors';

/** A JSON value, as a template holds them. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };

/** One entry of a template's `Resources`. */
export interface StandInTemplateResource {
  Type: string;
  Properties?: JsonObject;
  DependsOn?: string | string[];
}

/** One entry of a template's `Outputs`. */
export interface StandInTemplateOutput {
  Value: JsonValue;
  Description?: string;
}

/** One entry of a template's `Parameters`. */
export interface StandInTemplateParameter {
  Type?: string;
  Default?: JsonValue;
}

/** The parts of a CloudFormation template the stand-in reads. */
export interface StandInTemplate {
  AWSTemplateFormatVersion?: string;
  Transform?: JsonValue;
  Description?: string;
  Parameters?: Record<string, StandInTemplateParameter>;
  Resources: Record<string, StandInTemplateResource>;
  Outputs?: Record<string, StandInTemplateOutput>;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function checkResources(resources: unknown, allowEmpty: boolean): void {
  if (!isObject(resources) || (!allowEmpty && Object.keys(resources).length === 0)) {
    throw standInValidationError('Template format error: At least one Resources member must be defined.');
  }
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (!isObject(resource) || typeof resource.Type !== 'string') {
      throw standInValidationError(`Template format error: [/Resources/${logicalId}] Every Resources object must contain a Type member.`);
    }
    if (resource.Properties !== undefined && !isObject(resource.Properties)) {
      throw standInValidationError(`Template format error: [/Resources/${logicalId}/Properties] must be an object.`);
    }
  }
}

function checkOutputs(outputs: unknown): void {
  if (outputs === undefined) return;
  if (!isObject(outputs)) throw standInValidationError('Template format error: Outputs must be an object.');
  for (const [key, output] of Object.entries(outputs)) {
    if (!isObject(output) || output.Value === undefined) {
      throw standInValidationError(`Template format error: Every Outputs member must contain a Value object, the member ${key} does not.`);
    }
  }
}

/**
 * Parses and checks a template body. JSON only: the stand-in does not read YAML templates
 * (it answers a `ValidationError` saying so), because the CLI it stands in for writes JSON.
 * `allowEmptyResources` is for seeded stacks; a submitted template needs one resource at least.
 */
export function parseStandInTemplate(body: string, allowEmptyResources = false): StandInTemplate {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw standInValidationError(`Template format error: JSON not well-formed (the stand-in reads JSON templates only): ${detail}`);
  }
  if (!isObject(parsed)) throw standInValidationError('Template format error: the template must be a JSON object.');
  checkResources(parsed.Resources, allowEmptyResources);
  checkOutputs(parsed.Outputs);
  return parsed as unknown as StandInTemplate;
}
