import { randomUUID } from 'node:crypto';
import type { StandInResource } from './cloudformation-resources';
import type { StandInTemplate } from './cloudformation-template';

/** One step of an operation in progress; each describe request runs the next few. */
export type StandInStep = () => void;

/** One entry of DescribeStackEvents, with the SDK's `StackEvent` field names. */
export interface StandInStackEvent {
  EventId: string;
  StackId: string;
  StackName: string;
  LogicalResourceId: string;
  PhysicalResourceId: string;
  ResourceType: string;
  ResourceStatus: string;
  ResourceStatusReason?: string;
  Timestamp: Date;
}

/** A stack as the stand-in keeps it; tests read copies of it through `cloudFormation.stack(name)`. */
export interface StandInStackRecord {
  name: string;
  stackId: string;
  region: string;
  status: string;
  statusReason?: string;
  creationTime: Date;
  lastUpdatedTime?: Date;
  deletionTime?: Date;
  /** Undefined while the stack is REVIEW_IN_PROGRESS (no change set executed yet). */
  template?: StandInTemplate;
  parameters: Record<string, string>;
  tags: Record<string, string>;
  capabilities: string[];
  /** By logical id. */
  resources: Map<string, StandInResource>;
  /** Oldest first. */
  events: StandInStackEvent[];
  /** The steps of the operation in progress, next first. */
  pending: StandInStep[];
}

let lastTimestamp = 0;

/** Now, but strictly later than any earlier stand-in timestamp, so events order by time as by sequence. */
export function standInTimestamp(): Date {
  lastTimestamp = Math.max(Date.now(), lastTimestamp + 1);
  return new Date(lastTimestamp);
}

/** A new stack record with no resources, events or pending steps. */
export function newStandInStack(name: string, region: string, accountId: string, status: string): StandInStackRecord {
  return {
    name,
    stackId: `arn:aws:cloudformation:${region}:${accountId}:stack/${name}/${randomUUID()}`,
    region,
    status,
    creationTime: standInTimestamp(),
    parameters: {},
    tags: {},
    capabilities: [],
    resources: new Map(),
    events: [],
    pending: [],
  };
}

type EventFields = Omit<StandInStackEvent, 'EventId' | 'StackId' | 'StackName' | 'Timestamp'>;

function appendEvent(stack: StandInStackRecord, fields: EventFields): void {
  const event: StandInStackEvent = { EventId: randomUUID(), StackId: stack.stackId, StackName: stack.name, ...fields, Timestamp: standInTimestamp() };
  if (event.ResourceStatusReason === undefined) delete event.ResourceStatusReason;
  stack.events.push(event);
}

/**
 * Sets the stack's status and records the stack event of it. The stack's StatusReason becomes
 * `reason`, except that a rollback status without one keeps the reason the rollback began with.
 */
export function setStandInStackStatus(stack: StandInStackRecord, status: string, reason?: string): void {
  stack.status = status;
  if (reason !== undefined || !status.includes('ROLLBACK')) stack.statusReason = reason;
  appendEvent(stack, {
    LogicalResourceId: stack.name,
    PhysicalResourceId: stack.stackId,
    ResourceType: 'AWS::CloudFormation::Stack',
    ResourceStatus: status,
    ResourceStatusReason: reason,
  });
}

/** Sets a resource's status (and reason) and records the resource event of it. */
export function setStandInResourceStatus(stack: StandInStackRecord, logicalId: string, status: string, reason?: string): void {
  const resource = stack.resources.get(logicalId);
  if (resource === undefined) throw new Error(`stand-in bug: stack ${stack.name} has no resource ${logicalId}`);
  resource.status = status;
  resource.statusReason = reason;
  appendEvent(stack, {
    LogicalResourceId: logicalId,
    PhysicalResourceId: resource.physicalId,
    ResourceType: resource.type,
    ResourceStatus: status,
    ResourceStatusReason: reason,
  });
}

/** Runs up to `count` pending steps, next first. */
export function advanceStandInSteps(pending: StandInStep[], count: number): void {
  for (let index = 0; index < count; index += 1) {
    const step = pending.shift();
    if (step === undefined) return;
    step();
  }
}

/** Runs the first step of an operation now (AWS records its first event before answering) and queues the rest. */
export function startStandInOperation(pending: StandInStep[], steps: readonly StandInStep[]): void {
  pending.length = 0;
  pending.push(...steps);
  advanceStandInSteps(pending, 1);
}
