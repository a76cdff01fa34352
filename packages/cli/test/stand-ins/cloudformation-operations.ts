import type { StandInResourceChange } from './cloudformation-diff';
import { resolveStandInString } from './cloudformation-intrinsics';
import { provisionStandInResource, type StandInResource } from './cloudformation-resources';
import {
  setStandInResourceStatus,
  setStandInStackStatus,
  standInTimestamp,
  type StandInStackRecord,
  type StandInStep,
} from './cloudformation-stack-record';
import { standInStackContext } from './cloudformation-stack-view';
import type { StandInTemplate, StandInTemplateResource } from './cloudformation-template';
import { cloneStandInValue } from './values';

/** What planning an operation needs from the rest of the stand-ins. */
export interface StandInOperationContext {
  accountId: string;
  createBucket(name: string, region: string): void;
  createLogGroup(name: string): void;
  /** Disarms and returns the failure armed by `failNextOperationOn` for the first of these logical ids. */
  takeArmedFailure(logicalIds: readonly string[]): { logicalId: string; reason: string } | undefined;
}

/** What an update changes besides resources. */
export interface StandInStackSettings {
  template: StandInTemplate;
  parameters: Record<string, string>;
  tags: Record<string, string>;
  capabilities: string[];
}

/** Gives a resource a physical id (creating log groups and buckets) and records it with `status`, without an event. */
export function provisionStandInResourceInto(
  stack: StandInStackRecord,
  logicalId: string,
  resource: StandInTemplateResource,
  context: StandInOperationContext,
  status: string,
): void {
  const resolving = standInStackContext(stack, context.accountId, 'Resources');
  const physicalId = provisionStandInResource({
    stackName: stack.name,
    logicalId,
    resource,
    region: stack.region,
    resolveString: (value, where) => resolveStandInString(value, resolving, where),
    createBucket: context.createBucket,
    createLogGroup: context.createLogGroup,
  });
  const properties = cloneStandInValue(resource.Properties ?? {});
  stack.resources.set(logicalId, { type: resource.Type, physicalId, status, properties });
}

function addResource(stack: StandInStackRecord, logicalId: string, resource: StandInTemplateResource, context: StandInOperationContext): void {
  provisionStandInResourceInto(stack, logicalId, resource, context, 'CREATE_IN_PROGRESS');
  setStandInResourceStatus(stack, logicalId, 'CREATE_IN_PROGRESS');
}

function modifyResource(
  stack: StandInStackRecord,
  change: StandInResourceChange,
  resource: StandInTemplateResource,
  context: StandInOperationContext,
): void {
  const current = stack.resources.get(change.logicalId);
  if (change.replacement === 'True' || current === undefined) {
    provisionStandInResourceInto(stack, change.logicalId, resource, context, 'UPDATE_IN_PROGRESS');
  } else {
    stack.resources.set(change.logicalId, { ...current, type: resource.Type, properties: cloneStandInValue(resource.Properties ?? {}) });
  }
  setStandInResourceStatus(stack, change.logicalId, 'UPDATE_IN_PROGRESS');
}

function createRollback(stack: StandInStackRecord, created: readonly string[], failedId: string): StandInStep[] {
  const reason = `The following resource(s) failed to create: [${failedId}]. Rollback requested by user.`;
  return [
    () => setStandInStackStatus(stack, 'ROLLBACK_IN_PROGRESS', reason),
    ...[...created].reverse().map((logicalId) => () => setStandInResourceStatus(stack, logicalId, 'DELETE_COMPLETE')),
    () => setStandInStackStatus(stack, 'ROLLBACK_COMPLETE'),
  ];
}

/**
 * The steps of creating `stack` from its template: stack CREATE_IN_PROGRESS (User Initiated),
 * then per resource in template order CREATE_IN_PROGRESS and CREATE_COMPLETE, then stack
 * CREATE_COMPLETE. An armed failure makes its resource CREATE_FAILED and rolls back to ROLLBACK_COMPLETE.
 */
export function planStandInCreate(stack: StandInStackRecord, context: StandInOperationContext): StandInStep[] {
  const resources = Object.entries(stack.template?.Resources ?? {});
  const failure = context.takeArmedFailure(resources.map(([logicalId]) => logicalId));
  const steps: StandInStep[] = [() => setStandInStackStatus(stack, 'CREATE_IN_PROGRESS', 'User Initiated')];
  const created: string[] = [];
  for (const [logicalId, resource] of resources) {
    steps.push(() => addResource(stack, logicalId, resource, context));
    created.push(logicalId);
    if (failure?.logicalId === logicalId) {
      steps.push(() => setStandInResourceStatus(stack, logicalId, 'CREATE_FAILED', failure.reason));
      return [...steps, ...createRollback(stack, created, logicalId)];
    }
    steps.push(() => setStandInResourceStatus(stack, logicalId, 'CREATE_COMPLETE'));
  }
  steps.push(() => setStandInStackStatus(stack, 'CREATE_COMPLETE'));
  return steps;
}

function revertResource(stack: StandInStackRecord, change: StandInResourceChange, previous: ReadonlyMap<string, StandInResource>): void {
  const old = previous.get(change.logicalId);
  if (change.action === 'Add' || old === undefined) {
    setStandInResourceStatus(stack, change.logicalId, 'DELETE_COMPLETE');
    stack.resources.delete(change.logicalId);
    return;
  }
  stack.resources.set(change.logicalId, cloneStandInValue(old));
  setStandInResourceStatus(stack, change.logicalId, 'UPDATE_COMPLETE');
}

/** What an update replaces, kept for rolling it back. */
type StandInStackBefore = StandInStackSettings & { resources: Map<string, StandInResource> };

function updateRollback(
  stack: StandInStackRecord,
  previous: StandInStackBefore,
  done: readonly StandInResourceChange[],
  failed: StandInResourceChange,
): StandInStep[] {
  const verb = failed.action === 'Add' ? 'create' : 'update';
  const { resources, ...settings } = previous;
  return [
    () => {
      Object.assign(stack, settings);
      setStandInStackStatus(stack, 'UPDATE_ROLLBACK_IN_PROGRESS', `The following resource(s) failed to ${verb}: [${failed.logicalId}].`);
    },
    ...[...done].reverse().map((change) => () => revertResource(stack, change, resources)),
    () => setStandInStackStatus(stack, 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS'),
    () => setStandInStackStatus(stack, 'UPDATE_ROLLBACK_COMPLETE'),
  ];
}

/**
 * The steps of updating `stack` to `next` by `changes`: UPDATE_IN_PROGRESS (User Initiated),
 * CREATE_* for added and UPDATE_* for modified resources, UPDATE_COMPLETE_CLEANUP_IN_PROGRESS,
 * DELETE_COMPLETE for removed ones, UPDATE_COMPLETE. An armed failure rolls back to
 * UPDATE_ROLLBACK_COMPLETE with the old template, parameters, tags and resources.
 */
export function planStandInUpdate(
  stack: StandInStackRecord,
  next: StandInStackSettings,
  changes: readonly StandInResourceChange[],
  context: StandInOperationContext,
): StandInStep[] {
  const { parameters, tags, capabilities } = stack;
  const previous: StandInStackBefore = { template: stack.template as StandInTemplate, parameters, tags, capabilities, resources: cloneStandInValue(stack.resources) };
  const touched = changes.filter((change) => change.action !== 'Remove');
  const failure = context.takeArmedFailure(touched.map((change) => change.logicalId));
  const steps: StandInStep[] = [
    () => {
      Object.assign(stack, cloneStandInValue(next), { lastUpdatedTime: standInTimestamp() });
      setStandInStackStatus(stack, 'UPDATE_IN_PROGRESS', 'User Initiated');
    },
  ];
  const done: StandInResourceChange[] = [];
  for (const change of touched) {
    const resource = next.template.Resources[change.logicalId] as StandInTemplateResource;
    const verb = change.action === 'Add' ? 'CREATE' : 'UPDATE';
    if (change.action === 'Add') steps.push(() => addResource(stack, change.logicalId, resource, context));
    else steps.push(() => modifyResource(stack, change, resource, context));
    done.push(change);
    if (failure?.logicalId === change.logicalId) {
      steps.push(() => setStandInResourceStatus(stack, change.logicalId, `${verb}_FAILED`, failure.reason));
      return [...steps, ...updateRollback(stack, previous, done, change)];
    }
    steps.push(() => setStandInResourceStatus(stack, change.logicalId, `${verb}_COMPLETE`));
  }
  steps.push(() => setStandInStackStatus(stack, 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS'));
  for (const change of changes.filter((candidate) => candidate.action === 'Remove')) {
    steps.push(() => {
      setStandInResourceStatus(stack, change.logicalId, 'DELETE_COMPLETE');
      stack.resources.delete(change.logicalId);
    });
  }
  steps.push(() => setStandInStackStatus(stack, 'UPDATE_COMPLETE'));
  return steps;
}

/** The steps of deleting `stack`: DELETE_IN_PROGRESS, one DELETE_COMPLETE per resource not yet deleted (newest first), DELETE_COMPLETE. */
export function planStandInDelete(stack: StandInStackRecord): StandInStep[] {
  const live = [...stack.resources].filter(([, resource]) => resource.status !== 'DELETE_COMPLETE').map(([logicalId]) => logicalId);
  return [
    () => setStandInStackStatus(stack, 'DELETE_IN_PROGRESS', 'User Initiated'),
    ...live.reverse().map((logicalId) => () => setStandInResourceStatus(stack, logicalId, 'DELETE_COMPLETE')),
    () => {
      stack.deletionTime = standInTimestamp();
      setStandInStackStatus(stack, 'DELETE_COMPLETE');
    },
  ];
}
