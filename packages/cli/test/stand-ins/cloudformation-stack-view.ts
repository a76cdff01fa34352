import { resolveStandInIntrinsics, resolveStandInString, type StandInIntrinsicContext } from './cloudformation-intrinsics';
import { standInAttribute, type StandInResource } from './cloudformation-resources';
import type { StandInStackEvent, StandInStackRecord } from './cloudformation-stack-record';
import type { StandInTemplate } from './cloudformation-template';
import { cloneStandInValue } from './values';

/** A copy of a stand-in stack as it is now (changing it changes nothing in the stand-in). */
export interface StandInStack {
  name: string;
  stackId: string;
  region: string;
  status: string;
  statusReason?: string;
  creationTime: Date;
  lastUpdatedTime?: Date;
  deletionTime?: Date;
  /** The template in effect (the old one again after an update rolled back); undefined while REVIEW_IN_PROGRESS. */
  template?: StandInTemplate;
  parameters: Record<string, string>;
  tags: Record<string, string>;
  capabilities: string[];
  /** By logical id: type, physical id, status and the template's (unresolved) properties. */
  resources: Record<string, StandInResource>;
  /** Resolved output values by key, as DescribeStacks shows them: empty unless the stack is CREATE_, UPDATE_ or UPDATE_ROLLBACK_COMPLETE. */
  outputs: Record<string, string>;
  /** Oldest first. */
  events: StandInStackEvent[];
}

/** One output of DescribeStacks. */
export interface StandInOutput {
  key: string;
  value: string;
  description?: string;
}

const OUTPUT_STATUSES = new Set(['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'UPDATE_ROLLBACK_COMPLETE', 'IMPORT_COMPLETE']);

/** Resolves intrinsics against a stack's current resources, parameters and region. */
export function standInStackContext(stack: StandInStackRecord, accountId: string, block: string): StandInIntrinsicContext {
  const live = (logicalId: string): StandInResource | undefined => {
    const resource = stack.resources.get(logicalId);
    return resource === undefined || resource.status === 'DELETE_COMPLETE' ? undefined : resource;
  };
  return {
    stackName: stack.name,
    stackId: stack.stackId,
    region: stack.region,
    accountId,
    parameters: stack.parameters,
    block,
    refOf: (logicalId) => live(logicalId)?.physicalId,
    attributeOf: (logicalId, attribute) => {
      const resource = live(logicalId);
      return resource && standInAttribute(logicalId, resource, attribute, stack.region, accountId);
    },
  };
}

/**
 * Resolves every output and every resource name property of `template` with placeholder physical
 * ids, so that an unknown reference or unsupported function is a ValidationError when the
 * template is submitted, as on AWS, rather than when the stack settles.
 */
export function checkStandInTemplateResolves(template: StandInTemplate, context: Omit<StandInIntrinsicContext, 'refOf' | 'attributeOf' | 'block'>): void {
  const placeholder = (logicalId: string): StandInResource | undefined => {
    const resource = template.Resources[logicalId];
    return resource && { type: resource.Type, physicalId: 'stand-in-placeholder', status: 'CREATE_COMPLETE', properties: resource.Properties ?? {} };
  };
  const checking = (block: string): StandInIntrinsicContext => ({
    ...context,
    block,
    refOf: (logicalId) => placeholder(logicalId)?.physicalId,
    attributeOf: (logicalId, attribute) => {
      const resource = placeholder(logicalId);
      return resource && standInAttribute(logicalId, resource, attribute, context.region, context.accountId);
    },
  });
  for (const output of Object.values(template.Outputs ?? {})) resolveStandInIntrinsics(output.Value, checking('Outputs'));
  for (const resource of Object.values(template.Resources)) resolveStandInIntrinsics(resource.Properties ?? {}, checking('Resources'));
}

/** The outputs DescribeStacks shows: resolved, and only once the stack is in a *_COMPLETE status that has them. */
export function standInStackOutputs(stack: StandInStackRecord, accountId: string): StandInOutput[] {
  if (!OUTPUT_STATUSES.has(stack.status) || stack.template === undefined) return [];
  const context = standInStackContext(stack, accountId, 'Outputs');
  return Object.entries(stack.template.Outputs ?? {}).map(([key, output]) => {
    const resolved: StandInOutput = { key, value: resolveStandInString(output.Value, context, `output ${key}`) };
    if (output.Description !== undefined) resolved.description = output.Description;
    return resolved;
  });
}

/** A deep copy of a stack record with its outputs resolved. */
export function snapshotStandInStack(stack: StandInStackRecord, accountId: string): StandInStack {
  const { pending: _pending, resources, ...fields } = stack;
  const outputs = Object.fromEntries(standInStackOutputs(stack, accountId).map((output) => [output.key, output.value]));
  return cloneStandInValue({ ...fields, resources: Object.fromEntries(resources), outputs });
}
