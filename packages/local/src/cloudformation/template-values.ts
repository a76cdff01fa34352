/**
 * A merge template as read from `resources.json` (or YAML with the short tags expanded to their
 * long form): only the parts the local gateway reads are typed.
 *
 * @example
 * ```ts
 * const template = JSON.parse(readFileSync('resources.json', 'utf8')) as MergeTemplate;
 * ```
 */
export interface MergeTemplate {
  Parameters?: Record<string, { Default?: unknown } | undefined>;
  Resources?: Record<string, TemplateResource | undefined>;
  [section: string]: unknown;
}

/**
 * One resource of a {@link MergeTemplate}.
 *
 * @example
 * ```ts
 * const table: TemplateResource = { Type: 'AWS::DynamoDB::Table', Properties: { TableName: 'Chat' } };
 * ```
 */
export interface TemplateResource {
  Type?: string;
  Properties?: Record<string, unknown>;
  [attribute: string]: unknown;
}

/**
 * What intrinsic functions resolve against locally.
 *
 * @example
 * ```ts
 * const scope: TemplateScope = { region: 'us-east-1', accountId: '123456789012', stackName: 'chat', refs: new Map(), attributes: new Map() };
 * ```
 */
export interface TemplateScope {
  region: string;
  accountId: string;
  stackName: string;
  /** `Ref` value of each logical id (and parameter) that can be resolved. */
  refs: ReadonlyMap<string, string>;
  /** `Fn::GetAtt` values keyed `LogicalId.Attribute`. */
  attributes: ReadonlyMap<string, string>;
}

/**
 * A value that uses something the local gateway cannot know (an unsupported function, a
 * resource it does not emulate).
 *
 * @example
 * ```ts
 * try { resolveTemplateValue(value, scope); } catch (e) { if (e instanceof UnresolvableValueError) warn(e.message); }
 * ```
 */
export class UnresolvableValueError extends Error {
  override readonly name = 'UnresolvableValueError';
  readonly code = 'WSAPP_UNRESOLVABLE_VALUE';
}

function pseudoParameter(name: string, scope: TemplateScope): string | undefined {
  switch (name) {
    case 'AWS::Region':
      return scope.region;
    case 'AWS::AccountId':
      return scope.accountId;
    case 'AWS::StackName':
      return scope.stackName;
    case 'AWS::StackId':
      return `arn:aws:cloudformation:${scope.region}:${scope.accountId}:stack/${scope.stackName}/local`;
    case 'AWS::Partition':
      return scope.region.startsWith('cn-') ? 'aws-cn' : 'aws';
    case 'AWS::URLSuffix':
      return scope.region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
    case 'AWS::NoValue':
      return '';
    default:
      return undefined;
  }
}

function ref(name: string, scope: TemplateScope): string {
  const value = pseudoParameter(name, scope) ?? scope.refs.get(name);
  if (value === undefined) throw new UnresolvableValueError(`Ref ${name} names nothing the local gateway emulates`);
  return value;
}

function getAtt(logicalId: string, attribute: string, scope: TemplateScope): string {
  const value = scope.attributes.get(`${logicalId}.${attribute}`);
  if (value === undefined) {
    throw new UnresolvableValueError(`Fn::GetAtt ${logicalId}.${attribute} is not available locally`);
  }
  return value;
}

function sub(template: string, variables: Record<string, unknown>, scope: TemplateScope): string {
  return template.replace(/\$\{([^}]*)\}/g, (_whole, name: string) => {
    if (name.startsWith('!')) return `\${${name.slice(1)}}`;
    if (name in variables) return resolveTemplateValue(variables[name], scope);
    const dot = name.indexOf('.');
    if (dot > 0 && !name.startsWith('AWS::')) return getAtt(name.slice(0, dot), name.slice(dot + 1), scope);
    return ref(name, scope);
  });
}

/**
 * Resolves a template value to a string: literals, `Ref` (tables give their name, parameters
 * their default, pseudo parameters local values), `Fn::GetAtt` (a plausible ARN), `Fn::Sub`,
 * `Fn::Join` and `Fn::Select`.
 *
 * @throws {@link UnresolvableValueError} for anything else.
 * @example
 * ```ts
 * resolveTemplateValue({ 'Fn::Sub': 'table/${ChatTable}' }, scope); // 'table/ChaliceChat'
 * ```
 */
export function resolveTemplateValue(value: unknown, scope: TemplateScope): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UnresolvableValueError(`${JSON.stringify(value)} is not a string value`);
  }
  const entries = Object.entries(value);
  const [fn, arg] = entries[0] ?? [];
  if (entries.length !== 1 || fn === undefined) {
    throw new UnresolvableValueError(`${JSON.stringify(value)} is not an intrinsic function`);
  }
  if (fn === 'Ref' && typeof arg === 'string') return ref(arg, scope);
  if (fn === 'Fn::GetAtt') {
    const [logicalId, attribute] = typeof arg === 'string' ? [arg.slice(0, arg.indexOf('.')), arg.slice(arg.indexOf('.') + 1)] : Array.isArray(arg) ? arg : [];
    if (typeof logicalId === 'string' && typeof attribute === 'string') return getAtt(logicalId, attribute, scope);
  }
  if (fn === 'Fn::Sub') {
    if (typeof arg === 'string') return sub(arg, {}, scope);
    if (Array.isArray(arg) && typeof arg[0] === 'string') return sub(arg[0], (arg[1] ?? {}) as Record<string, unknown>, scope);
  }
  if (fn === 'Fn::Join' && Array.isArray(arg) && typeof arg[0] === 'string' && Array.isArray(arg[1])) {
    return arg[1].map((item) => resolveTemplateValue(item, scope)).join(arg[0]);
  }
  if (fn === 'Fn::Select' && Array.isArray(arg) && Array.isArray(arg[1])) {
    const picked: unknown = arg[1][Number(resolveTemplateValue(arg[0], scope))];
    if (picked !== undefined) return resolveTemplateValue(picked, scope);
  }
  throw new UnresolvableValueError(`${fn} ${JSON.stringify(arg)} cannot be resolved locally`);
}
