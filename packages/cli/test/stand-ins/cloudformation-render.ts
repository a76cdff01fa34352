import type { StandInResource } from './cloudformation-resources';
import type { StandInStackEvent, StandInStackRecord } from './cloudformation-stack-record';
import { standInStackOutputs } from './cloudformation-stack-view';
import type { StandInChangeSetRecord } from './cloudformation-state';
import type { QueryXmlValue } from './query-xml';

const parameterMembers = (parameters: Readonly<Record<string, string>>): QueryXmlValue[] =>
  Object.entries(parameters).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue }));

const tagMembers = (tags: Readonly<Record<string, string>>): QueryXmlValue[] =>
  Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));

/** A `Stack` of DescribeStacks. */
export function renderStandInStack(stack: StandInStackRecord, accountId: string): QueryXmlValue {
  const outputs = standInStackOutputs(stack, accountId).map((output) => ({
    OutputKey: output.key,
    OutputValue: output.value,
    Description: output.description,
  }));
  return {
    StackId: stack.stackId,
    StackName: stack.name,
    Description: stack.template?.Description,
    Parameters: parameterMembers(stack.parameters),
    CreationTime: stack.creationTime,
    LastUpdatedTime: stack.lastUpdatedTime,
    DeletionTime: stack.deletionTime,
    StackStatus: stack.status,
    StackStatusReason: stack.statusReason,
    DisableRollback: false,
    Capabilities: [...stack.capabilities],
    Outputs: outputs,
    Tags: tagMembers(stack.tags),
    EnableTerminationProtection: false,
    DriftInformation: { StackDriftStatus: 'NOT_CHECKED' },
  };
}

/** A `StackEvent` of DescribeStackEvents (the record already has the wire's field names). */
export function renderStandInEvent(event: StandInStackEvent): QueryXmlValue {
  return { ...event };
}

/** A `StackResourceSummary` of ListStackResources. */
export function renderStandInResourceSummary(logicalId: string, resource: StandInResource, updated: Date): QueryXmlValue {
  return {
    LogicalResourceId: logicalId,
    PhysicalResourceId: resource.physicalId,
    ResourceType: resource.type,
    LastUpdatedTimestamp: updated,
    ResourceStatus: resource.status,
    ResourceStatusReason: resource.statusReason,
    DriftInformation: { StackResourceDriftStatus: 'NOT_CHECKED' },
  };
}

/** The DescribeChangeSet result; `Changes` appear once the change set is CREATE_COMPLETE. */
export function renderStandInChangeSet(changeSet: StandInChangeSetRecord, physicalIdOf: (logicalId: string) => string | undefined): QueryXmlValue {
  const complete = changeSet.status === 'CREATE_COMPLETE';
  const changes = changeSet.changes.map((change) => ({
    Type: 'Resource',
    ResourceChange: {
      Action: change.action,
      LogicalResourceId: change.logicalId,
      PhysicalResourceId: change.action === 'Add' ? undefined : physicalIdOf(change.logicalId),
      ResourceType: change.resourceType,
      Replacement: change.replacement,
      Scope: change.action === 'Modify' ? ['Properties'] : undefined,
    },
  }));
  return {
    ChangeSetName: changeSet.name,
    ChangeSetId: changeSet.id,
    StackId: changeSet.stackId,
    StackName: changeSet.stackName,
    Description: changeSet.description,
    Parameters: parameterMembers(changeSet.settings.parameters),
    CreationTime: changeSet.creationTime,
    ExecutionStatus: changeSet.executionStatus,
    Status: changeSet.status,
    StatusReason: changeSet.statusReason,
    Capabilities: [...changeSet.settings.capabilities],
    Tags: tagMembers(changeSet.settings.tags),
    Changes: complete ? changes : [],
    IncludeNestedStacks: false,
  };
}
