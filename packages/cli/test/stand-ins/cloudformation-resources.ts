import { randomInt } from 'node:crypto';
import { standInValidationError } from './cloudformation-errors';
import type { JsonObject, JsonValue, StandInTemplateResource } from './cloudformation-template';

/** A resource of a stand-in stack. `properties` are the template's, intrinsics unresolved. */
export interface StandInResource {
  type: string;
  physicalId: string;
  status: string;
  statusReason?: string;
  properties: JsonObject;
}

const LOWERCASE = 'abcdefghijklmnopqrstuvwxyz0123456789';
const MIXED_CASE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `length` random characters of `alphabet`. */
export function standInRandomId(length: number, alphabet = LOWERCASE): string {
  return Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');
}

const LAMBDA_TYPES = new Set(['AWS::Serverless::Function', 'AWS::Lambda::Function']);

/** The property that names a resource of a type, when its template sets it. */
const NAME_PROPERTIES: Record<string, string> = {
  'AWS::Serverless::Function': 'FunctionName',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::S3::Bucket': 'BucketName',
  'AWS::IAM::Role': 'RoleName',
};

/** What provisioning one resource needs. */
export interface StandInProvisioning {
  stackName: string;
  logicalId: string;
  resource: StandInTemplateResource;
  region: string;
  /** Resolves intrinsic functions in a property value against the stack so far. */
  resolveString(value: JsonValue, where: string): string;
  createBucket(name: string, region: string): void;
  createLogGroup(name: string): void;
}

function generatedName(provisioning: StandInProvisioning): string {
  const { stackName, logicalId, resource } = provisioning;
  if (LAMBDA_TYPES.has(resource.Type) || resource.Type === 'AWS::IAM::Role') {
    return `${stackName}-${logicalId}-${standInRandomId(8, MIXED_CASE)}`;
  }
  if (resource.Type === 'AWS::ApiGatewayV2::Api') return standInRandomId(10);
  if (resource.Type === 'AWS::Logs::LogGroup') return `${stackName}-${logicalId}-${standInRandomId(12, MIXED_CASE)}`;
  if (resource.Type === 'AWS::S3::Bucket') return `${stackName}-${logicalId}-${standInRandomId(12)}`.toLowerCase();
  return standInRandomId(7);
}

/**
 * Gives a resource its physical id: the resolved name property (`FunctionName`,
 * `LogGroupName`, `BucketName`, `RoleName`) when the template sets one, else a generated id in
 * AWS's shape (`STACK-LOGICALID-RANDOM8` for functions and roles, 10 lowercase characters for an
 * API, a lowercased name for a bucket). Log groups are created in the Logs stand-in and buckets
 * in the S3 stand-in, in the request's region.
 */
export function provisionStandInResource(provisioning: StandInProvisioning): string {
  const { resource, logicalId } = provisioning;
  const nameProperty = NAME_PROPERTIES[resource.Type];
  const named = nameProperty === undefined ? undefined : resource.Properties?.[nameProperty];
  const physicalId =
    named === undefined ? generatedName(provisioning) : provisioning.resolveString(named, `${logicalId}.${nameProperty}`);
  if (resource.Type === 'AWS::Logs::LogGroup') provisioning.createLogGroup(physicalId);
  if (resource.Type === 'AWS::S3::Bucket') provisioning.createBucket(physicalId, provisioning.region);
  return physicalId;
}

function arnOf(resource: StandInResource, region: string, accountId: string): string {
  const { type, physicalId } = resource;
  if (LAMBDA_TYPES.has(type)) return `arn:aws:lambda:${region}:${accountId}:function:${physicalId}`;
  if (type === 'AWS::IAM::Role') return `arn:aws:iam::${accountId}:role/${physicalId}`;
  if (type === 'AWS::Logs::LogGroup') return `arn:aws:logs:${region}:${accountId}:log-group:${physicalId}:*`;
  if (type === 'AWS::S3::Bucket') return `arn:aws:s3:::${physicalId}`;
  const service = (type.split('::')[1] ?? 'stand-in').toLowerCase();
  return `arn:aws:${service}:${region}:${accountId}:${physicalId}`;
}

/**
 * The value of `Fn::GetAtt [logicalId, attribute]`: `Arn` for every type (Lambda ARNs are
 * `arn:aws:lambda:REGION:ACCOUNT:function:PHYSICAL`), and `ApiEndpoint`/`ApiId` of an
 * `AWS::ApiGatewayV2::Api`; any other attribute is a ValidationError.
 */
export function standInAttribute(logicalId: string, resource: StandInResource, attribute: string, region: string, accountId: string): string {
  if (attribute === 'Arn') return arnOf(resource, region, accountId);
  if (resource.type === 'AWS::ApiGatewayV2::Api' && attribute === 'ApiId') return resource.physicalId;
  if (resource.type === 'AWS::ApiGatewayV2::Api' && attribute === 'ApiEndpoint') {
    const scheme = resource.properties.ProtocolType === 'WEBSOCKET' ? 'wss' : 'https';
    return `${scheme}://${resource.physicalId}.execute-api.${region}.amazonaws.com`;
  }
  throw standInValidationError(`Template error: resource ${logicalId} does not support attribute type ${attribute} in Fn::GetAtt`);
}
