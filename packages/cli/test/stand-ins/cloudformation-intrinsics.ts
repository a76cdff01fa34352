import { standInValidationError } from './cloudformation-errors';
import type { JsonValue } from './cloudformation-template';

/** What resolving intrinsic functions needs to know about a stack. */
export interface StandInIntrinsicContext {
  stackName: string;
  stackId: string;
  /** The region of the request that started the operation (from its SigV4 scope). */
  region: string;
  accountId: string;
  /** Parameter values by name (template defaults already applied). */
  parameters: Readonly<Record<string, string>>;
  /** What `Ref` gives for a resource; undefined when the template has no such resource. */
  refOf(logicalId: string): string | undefined;
  /** What `Fn::GetAtt` gives; undefined for an unknown resource, a ValidationError for an unsupported attribute. */
  attributeOf(logicalId: string, attribute: string): string | undefined;
  /** The template block being resolved (`Outputs`, `Resources`), for error messages. */
  block: string;
}

function pseudoParameter(name: string, context: StandInIntrinsicContext): string | undefined {
  const values: Record<string, string> = {
    'AWS::Region': context.region,
    'AWS::AccountId': context.accountId,
    'AWS::StackName': context.stackName,
    'AWS::StackId': context.stackId,
    'AWS::URLSuffix': 'amazonaws.com',
    'AWS::Partition': 'aws',
  };
  return values[name];
}

function unresolved(name: string, context: StandInIntrinsicContext): Error {
  return standInValidationError(`Template format error: Unresolved resource dependencies [${name}] in the ${context.block} block of the template`);
}

function resolveRef(name: string, context: StandInIntrinsicContext): string {
  const value = context.parameters[name] ?? pseudoParameter(name, context) ?? context.refOf(name);
  if (value === undefined) throw unresolved(name, context);
  return value;
}

function resolveGetAtt(logicalId: string, attribute: string, context: StandInIntrinsicContext): string {
  const value = context.attributeOf(logicalId, attribute);
  if (value === undefined) throw unresolved(logicalId, context);
  return value;
}

function asString(value: JsonValue, where: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw standInValidationError(`Template error: ${where} must resolve to a string, not ${JSON.stringify(value)}`);
}

function resolveSub(argument: JsonValue, context: StandInIntrinsicContext): string {
  const [text, variables] = Array.isArray(argument) ? argument : [argument, {}];
  if (typeof text !== 'string' || typeof variables !== 'object' || variables === null || Array.isArray(variables)) {
    throw standInValidationError('Template error: Fn::Sub takes a string or [string, {variables}]');
  }
  const values = new Map(Object.entries(variables).map(([name, value]) => [name, asString(resolveStandInIntrinsics(value, context), 'Fn::Sub variable')]));
  return text.replace(/\$\{([^}]*)\}/g, (_, name: string) => {
    if (name.startsWith('!')) return `\${${name.slice(1)}}`;
    const variable = values.get(name);
    if (variable !== undefined) return variable;
    const dot = name.indexOf('.');
    return dot < 0 ? resolveRef(name, context) : resolveGetAtt(name.slice(0, dot), name.slice(dot + 1), context);
  });
}

function resolveGetAttArgument(argument: JsonValue, context: StandInIntrinsicContext): string {
  const parts = typeof argument === 'string' ? argument.split('.') : argument;
  if (!Array.isArray(parts) || parts.length !== 2 || typeof parts[0] !== 'string' || typeof parts[1] !== 'string') {
    throw standInValidationError('Template error: Fn::GetAtt takes [LogicalId, Attribute]');
  }
  return resolveGetAtt(parts[0], parts[1], context);
}

function resolveJoin(argument: JsonValue, context: StandInIntrinsicContext): string {
  if (!Array.isArray(argument) || typeof argument[0] !== 'string' || argument[1] === undefined) {
    throw standInValidationError('Template error: Fn::Join takes [delimiter, [values]]');
  }
  const list = resolveStandInIntrinsics(argument[1], context);
  if (!Array.isArray(list)) throw standInValidationError('Template error: the values of Fn::Join must be a list');
  return list.map((item) => asString(item, 'each value of Fn::Join')).join(argument[0]);
}

function resolveFunction(name: string, argument: JsonValue, context: StandInIntrinsicContext): JsonValue {
  switch (name) {
    case 'Ref':
      return resolveRef(asString(argument, 'Ref'), context);
    case 'Fn::GetAtt':
      return resolveGetAttArgument(argument, context);
    case 'Fn::Sub':
      return resolveSub(argument, context);
    case 'Fn::Join':
      return resolveJoin(argument, context);
    default:
      throw standInValidationError(`Template error: the CloudFormation stand-in does not support ${name}`);
  }
}

/**
 * Resolves `Ref` (resource, parameter or pseudo parameter), `Fn::GetAtt`, `Fn::Sub` (both forms,
 * with `${Resource}`, `${Resource.Attribute}`, `${AWS::…}` and `${!Literal}`) and `Fn::Join`
 * anywhere in `value`; any other `Fn::` function is a ValidationError naming it.
 */
export function resolveStandInIntrinsics(value: JsonValue, context: StandInIntrinsicContext): JsonValue {
  if (Array.isArray(value)) return value.map((item) => resolveStandInIntrinsics(item, context));
  if (typeof value !== 'object' || value === null) return value;
  const keys = Object.keys(value);
  const only = keys.length === 1 ? keys[0] : undefined;
  if (only !== undefined && (only === 'Ref' || only.startsWith('Fn::'))) {
    return resolveFunction(only, value[only] as JsonValue, context);
  }
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolveStandInIntrinsics(item, context)]));
}

/** {@link resolveStandInIntrinsics}, then requires a string (numbers and booleans are turned into one). */
export function resolveStandInString(value: JsonValue, context: StandInIntrinsicContext, where: string): string {
  return asString(resolveStandInIntrinsics(value, context), where);
}
