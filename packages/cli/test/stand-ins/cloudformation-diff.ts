import type { StandInTemplateResource } from './cloudformation-template';
import { standInJsonEqual } from './values';

/** One `ResourceChange` of a change set. `replacement` is set for a `Modify` only, as AWS does. */
export interface StandInResourceChange {
  action: 'Add' | 'Modify' | 'Remove';
  logicalId: string;
  resourceType: string;
  replacement?: 'True' | 'False';
}

/** Properties whose change replaces the resource (a small table of the types wsapp templates use). */
const REPLACING_PROPERTIES: Record<string, readonly string[]> = {
  'AWS::ApiGatewayV2::Api': ['ProtocolType'],
  'AWS::ApiGatewayV2::Integration': ['ApiId'],
  'AWS::ApiGatewayV2::Route': ['ApiId'],
  'AWS::ApiGatewayV2::RouteResponse': ['ApiId', 'RouteId'],
  'AWS::ApiGatewayV2::Deployment': ['ApiId'],
  'AWS::ApiGatewayV2::Stage': ['ApiId', 'StageName'],
  'AWS::Serverless::Function': ['FunctionName'],
  'AWS::Lambda::Function': ['FunctionName'],
  'AWS::Lambda::Permission': ['FunctionName', 'Action', 'Principal', 'SourceArn'],
  'AWS::Logs::LogGroup': ['LogGroupName'],
  'AWS::S3::Bucket': ['BucketName'],
  'AWS::IAM::Role': ['RoleName', 'Path'],
};

function replacementOf(before: StandInTemplateResource, after: StandInTemplateResource): 'True' | 'False' {
  if (before.Type !== after.Type) return 'True';
  const replacing = REPLACING_PROPERTIES[after.Type] ?? [];
  const replaced = replacing.some((name) => !standInJsonEqual(before.Properties?.[name], after.Properties?.[name]));
  return replaced ? 'True' : 'False';
}

const dependencies = (resource: StandInTemplateResource): string[] => [resource.DependsOn ?? []].flat();

function modified(before: StandInTemplateResource, after: StandInTemplateResource): boolean {
  return (
    before.Type !== after.Type ||
    !standInJsonEqual(before.Properties ?? {}, after.Properties ?? {}) ||
    !standInJsonEqual(dependencies(before), dependencies(after))
  );
}

/**
 * The resource changes from `before` (the stack's current resources; empty for a new stack) to
 * `after`: `Add` and `Modify` in the new template's order, then `Remove` in the old one's. A
 * resource is modified when its Type, Properties or DependsOn differ (deep-equal, intrinsics
 * compared unresolved); it is replaced when its Type or a property of REPLACING_PROPERTIES changed.
 */
export function diffStandInResources(
  before: Readonly<Record<string, StandInTemplateResource>>,
  after: Readonly<Record<string, StandInTemplateResource>>,
): StandInResourceChange[] {
  const changes: StandInResourceChange[] = [];
  for (const [logicalId, resource] of Object.entries(after)) {
    const old = before[logicalId];
    if (old === undefined) changes.push({ action: 'Add', logicalId, resourceType: resource.Type });
    else if (modified(old, resource)) {
      changes.push({ action: 'Modify', logicalId, resourceType: resource.Type, replacement: replacementOf(old, resource) });
    }
  }
  for (const [logicalId, resource] of Object.entries(before)) {
    if (after[logicalId] === undefined) changes.push({ action: 'Remove', logicalId, resourceType: resource.Type });
  }
  return changes;
}
