import { CloudFormationStandInError, standInValidationError } from './cloudformation-errors';
import type { CloudFormationStandInLinks } from './cloudformation-state';
import { parseStandInTemplate, type StandInTemplate } from './cloudformation-template';
import { queryFormField, queryFormList, queryFormStructs } from './query-form';

/**
 * The template a CreateStack or CreateChangeSet submits: `TemplateBody` (JSON), or a
 * `TemplateURL` that must be a path-style URL of the S3 stand-in
 * (`http://127.0.0.1:PORT/BUCKET/KEY`), read from its store.
 */
export function readSubmittedTemplate(form: URLSearchParams, links: CloudFormationStandInLinks): StandInTemplate {
  const body = queryFormField(form, 'TemplateBody');
  if (body !== undefined) return parseStandInTemplate(body);
  const url = queryFormField(form, 'TemplateURL');
  if (url === undefined) throw standInValidationError('Either Template URL or Template Body must be specified.');
  const prefix = `${links.s3Endpoint}/`;
  const path = url.startsWith(prefix) ? url.slice(prefix.length).split('?')[0] ?? '' : '';
  const slash = path.indexOf('/');
  if (slash <= 0) {
    throw standInValidationError(`TemplateURL must be a path-style URL of the S3 stand-in (${prefix}BUCKET/KEY), not ${url}`);
  }
  const bucket = decodeURIComponent(path.slice(0, slash));
  const key = path.slice(slash + 1).split('/').map(decodeURIComponent).join('/');
  const object = links.readObject(bucket, key);
  if (object === undefined) throw standInValidationError(`S3 error: the object s3://${bucket}/${key} of TemplateURL ${url} does not exist`);
  return parseStandInTemplate(object.toString('utf8'));
}

/**
 * The parameter values of a submission: each given `ParameterValue`, the previous value for
 * `UsePreviousValue=true`, else the template's `Default`; a parameter with none of these, or a
 * given one the template does not declare, is a ValidationError.
 */
export function readSubmittedParameters(
  form: URLSearchParams,
  template: StandInTemplate,
  previous: Readonly<Record<string, string>>,
): Record<string, string> {
  const given = new Map(queryFormStructs(form, 'Parameters').map((member) => [member.ParameterKey ?? '', member]));
  const declared = template.Parameters ?? {};
  const unknown = [...given.keys()].filter((key) => declared[key] === undefined);
  if (unknown.length > 0) throw standInValidationError(`Parameters: [${unknown.join(', ')}] do not exist in the template`);
  const values: Record<string, string> = {};
  const missing: string[] = [];
  for (const [key, parameter] of Object.entries(declared)) {
    const member = given.get(key);
    const value = member?.UsePreviousValue === 'true' ? previous[key] : (member?.ParameterValue ?? parameter.Default);
    if (value === undefined || value === null) missing.push(key);
    else values[key] = String(value);
  }
  if (missing.length > 0) throw standInValidationError(`Parameters: [${missing.join(', ')}] must have values`);
  return values;
}

/** The `Tags` of a submission, or `fallback` when it gives none (an update keeps the stack's tags). */
export function readSubmittedTags(form: URLSearchParams, fallback: Readonly<Record<string, string>> = {}): Record<string, string> {
  const members = queryFormStructs(form, 'Tags');
  if (members.length === 0) return { ...fallback };
  return Object.fromEntries(members.map((member) => [member.Key ?? '', member.Value ?? '']));
}

const IAM_TYPES = new Set(
  ['Role', 'Policy', 'ManagedPolicy', 'User', 'Group', 'InstanceProfile', 'AccessKey', 'UserToGroupAddition'].map((type) => `AWS::IAM::${type}`),
);
const IAM_NAMES = ['RoleName', 'ManagedPolicyName', 'UserName', 'GroupName', 'InstanceProfileName'];

function requiredCapabilities(template: StandInTemplate, direct: boolean): string[] {
  const resources = Object.values(template.Resources);
  const iam = resources.filter(
    (resource) => IAM_TYPES.has(resource.Type) || (resource.Type === 'AWS::Serverless::Function' && resource.Properties?.Role === undefined),
  );
  const named = iam.some((resource) => IAM_NAMES.some((name) => resource.Properties?.[name] !== undefined));
  const required = iam.length === 0 ? [] : [named ? 'CAPABILITY_NAMED_IAM' : 'CAPABILITY_IAM'];
  if (direct && template.Transform !== undefined) required.push('CAPABILITY_AUTO_EXPAND');
  return required;
}

/**
 * The `Capabilities` of a submission, checked as AWS does: IAM resources (and SAM functions
 * without a `Role`, which make one) need CAPABILITY_IAM, or CAPABILITY_NAMED_IAM when named;
 * a CreateStack (`direct`) of a template with a `Transform` needs CAPABILITY_AUTO_EXPAND.
 */
export function readSubmittedCapabilities(form: URLSearchParams, template: StandInTemplate, direct: boolean): string[] {
  const given = queryFormList(form, 'Capabilities');
  const missing = requiredCapabilities(template, direct).filter(
    (capability) => !given.includes(capability) && !(capability === 'CAPABILITY_IAM' && given.includes('CAPABILITY_NAMED_IAM')),
  );
  if (missing.length > 0) {
    throw new CloudFormationStandInError('InsufficientCapabilitiesException', `Requires capabilities : [${missing.join(', ')}]`);
  }
  return given;
}

/** A form field the action requires; a ValidationError in AWS's words when it is missing. */
export function requiredStandInField(form: URLSearchParams, name: string): string {
  const value = queryFormField(form, name);
  if (value === undefined) {
    const member = name.charAt(0).toLowerCase() + name.slice(1);
    throw standInValidationError(`1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`);
  }
  return value;
}

/**
 * Checks the name of a new stack (`stackName`) or change set (`changeSetName`) against AWS's
 * pattern: a letter, then letters, digits and hyphens, at most 128 characters.
 */
export function checkStandInName(name: string, member: 'stackName' | 'changeSetName'): void {
  if (!/^[a-zA-Z][-a-zA-Z0-9]{0,127}$/.test(name)) {
    throw standInValidationError(
      `1 validation error detected: Value '${name}' at '${member}' failed to satisfy constraint: ` +
        'Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*',
    );
  }
}
