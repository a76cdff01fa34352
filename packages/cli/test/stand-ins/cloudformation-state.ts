import type { QueryXmlValue } from './query-xml';
import type { StandInResourceChange } from './cloudformation-diff';
import { CloudFormationStandInError, standInValidationError } from './cloudformation-errors';
import type { StandInOperationContext, StandInStackSettings } from './cloudformation-operations';
import type { StandInStackRecord, StandInStep } from './cloudformation-stack-record';

/** A change set as the stand-in keeps it. */
export interface StandInChangeSetRecord {
  name: string;
  id: string;
  stackId: string;
  stackName: string;
  type: 'CREATE' | 'UPDATE';
  status: string;
  executionStatus: string;
  statusReason?: string;
  creationTime: Date;
  description?: string;
  settings: StandInStackSettings;
  /** Computed when the change set is submitted, shown once it is CREATE_COMPLETE. */
  changes: StandInResourceChange[];
  pending: StandInStep[];
}

/** How the CloudFormation stand-in behaves (see `AwsStandInOptions`). */
export interface CloudFormationStandInSettings {
  accountId: string;
  eventsPageSize: number;
  stepsPerDescribe: number;
}

/** What the CloudFormation stand-in needs of the S3 and Logs stand-ins. */
export interface CloudFormationStandInLinks {
  /** The S3 stand-in's endpoint, the only place a TemplateURL may point to. */
  s3Endpoint: string;
  readObject(bucket: string, key: string): Buffer | undefined;
  createBucket(name: string, region: string): void;
  createLogGroup(name: string): void;
}

/** Everything the CloudFormation stand-in knows. */
export interface CloudFormationStandInState {
  settings: CloudFormationStandInSettings;
  links: CloudFormationStandInLinks;
  /** Every stack ever made, oldest first, deleted ones included (AWS still describes those by stack id). */
  stacks: StandInStackRecord[];
  changeSets: StandInChangeSetRecord[];
  /** Reasons by logical id, from `failNextOperationOn`. */
  armedFailures: Map<string, string>;
  deniedActions: Set<string>;
}

/** The stack a StackName names: by stack id any stack, by name the one not yet DELETE_COMPLETE. */
export function findStandInStack(state: CloudFormationStandInState, nameOrId: string): StandInStackRecord | undefined {
  if (nameOrId.startsWith('arn:')) return state.stacks.find((stack) => stack.stackId === nameOrId);
  return state.stacks.find((stack) => stack.name === nameOrId && stack.status !== 'DELETE_COMPLETE');
}

/** The change set a ChangeSetName (an ARN, or a name with the StackName) names; ChangeSetNotFound when none. */
export function findStandInChangeSet(state: CloudFormationStandInState, nameOrId: string, stackName: string | undefined): StandInChangeSetRecord {
  let found: StandInChangeSetRecord | undefined;
  if (nameOrId.startsWith('arn:')) found = state.changeSets.find((changeSet) => changeSet.id === nameOrId);
  else if (stackName === undefined) throw standInValidationError('StackName must be specified if ChangeSetName is not specified as an ARN.');
  else {
    const stack = findStandInStack(state, stackName);
    found = state.changeSets.find((changeSet) => changeSet.name === nameOrId && changeSet.stackId === stack?.stackId);
  }
  if (found === undefined) throw new CloudFormationStandInError('ChangeSetNotFound', `ChangeSet [${nameOrId}] does not exist`, 404);
  return found;
}

/** What operations need: the account, the S3 and Logs stand-ins, and the armed failures. */
export function standInOperationContext(state: CloudFormationStandInState): StandInOperationContext {
  return {
    accountId: state.settings.accountId,
    createBucket: state.links.createBucket,
    createLogGroup: state.links.createLogGroup,
    takeArmedFailure: (logicalIds) => {
      const logicalId = logicalIds.find((candidate) => state.armedFailures.has(candidate));
      if (logicalId === undefined) return undefined;
      const reason = state.armedFailures.get(logicalId) as string;
      state.armedFailures.delete(logicalId);
      return { logicalId, reason };
    },
  };
}

/** What an action handler gets of its request: the form and the region of its signature. */
export interface StandInActionInput {
  form: URLSearchParams;
  /** From the SigV4 credential scope; `us-east-1` for an unsigned request. */
  region: string;
}

/** One CloudFormation action: answers the content of its `<ActionResult>` or throws a CloudFormationStandInError. */
export type CloudFormationStandInAction = (state: CloudFormationStandInState, input: StandInActionInput) => QueryXmlValue;
