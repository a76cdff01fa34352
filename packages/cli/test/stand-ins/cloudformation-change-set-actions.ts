import { randomUUID } from 'node:crypto';
import { diffStandInResources } from './cloudformation-diff';
import { CloudFormationStandInError, standInValidationError } from './cloudformation-errors';
import { planStandInCreate, planStandInUpdate, type StandInStackSettings } from './cloudformation-operations';
import { renderStandInChangeSet } from './cloudformation-render';
import {
  advanceStandInSteps,
  newStandInStack,
  setStandInStackStatus,
  standInTimestamp,
  startStandInOperation,
  type StandInStackRecord,
  type StandInStep,
} from './cloudformation-stack-record';
import { checkStandInTemplateResolves } from './cloudformation-stack-view';
import {
  findStandInChangeSet,
  findStandInStack,
  standInOperationContext,
  type CloudFormationStandInAction,
  type CloudFormationStandInState,
  type StandInChangeSetRecord,
} from './cloudformation-state';
import {
  checkStandInName,
  readSubmittedCapabilities,
  readSubmittedParameters,
  readSubmittedTags,
  readSubmittedTemplate,
  requiredStandInField,
} from './cloudformation-submission';
import { queryFormField } from './query-form';
import { cloneStandInValue } from './values';

/** The exact StatusReason of a change set that changes nothing. */
export const STAND_IN_NO_CHANGES_REASON =
  "The submitted information didn't contain changes. Submit different information to create a change set.";

const UPDATABLE = new Set(['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'UPDATE_ROLLBACK_COMPLETE', 'IMPORT_COMPLETE', 'IMPORT_ROLLBACK_COMPLETE']);

function checkUpdatable(stack: StandInStackRecord): void {
  if (!UPDATABLE.has(stack.status)) {
    throw standInValidationError(`Stack:${stack.stackId} is in ${stack.status} state and can not be updated.`);
  }
}

/** The stack a change set is for: an existing one, or undefined when a CREATE change set makes it. */
function changeSetTarget(state: CloudFormationStandInState, name: string, type: string, changeSetName: string): StandInStackRecord | undefined {
  const existing = findStandInStack(state, name);
  if (type === 'CREATE') {
    if (existing && existing.status !== 'REVIEW_IN_PROGRESS') {
      throw standInValidationError(`Stack [${name}] already exists and cannot be created again with the changeSet [${changeSetName}].`);
    }
    if (existing === undefined) checkStandInName(name, 'stackName');
    return existing;
  }
  if (type !== 'UPDATE') throw standInValidationError(`ChangeSetType ${type} is not supported by the CloudFormation stand-in (CREATE or UPDATE)`);
  if (existing === undefined) throw standInValidationError(`Stack [${name}] does not exist`);
  checkUpdatable(existing);
  return existing;
}

function readChangeSetSettings(state: CloudFormationStandInState, form: URLSearchParams, existing: StandInStackRecord | undefined): StandInStackSettings {
  const previous = form.get('UsePreviousTemplate') === 'true' ? existing?.template : undefined;
  const template = previous ?? readSubmittedTemplate(form, state.links);
  const capabilities = readSubmittedCapabilities(form, template, false);
  const parameters = readSubmittedParameters(form, template, existing?.parameters ?? {});
  return { template, parameters, tags: readSubmittedTags(form, existing?.tags), capabilities };
}

function newReviewStack(state: CloudFormationStandInState, name: string, region: string): StandInStackRecord {
  const stack = newStandInStack(name, region, state.settings.accountId, 'REVIEW_IN_PROGRESS');
  setStandInStackStatus(stack, 'REVIEW_IN_PROGRESS', 'User Initiated');
  state.stacks.push(stack);
  return stack;
}

function creationSteps(changeSet: StandInChangeSetRecord): StandInStep[] {
  const finish = (): void => {
    const empty = changeSet.changes.length === 0;
    changeSet.status = empty ? 'FAILED' : 'CREATE_COMPLETE';
    changeSet.executionStatus = empty ? 'UNAVAILABLE' : 'AVAILABLE';
    if (empty) changeSet.statusReason = STAND_IN_NO_CHANGES_REASON;
  };
  const start = (): void => {
    changeSet.status = 'CREATE_IN_PROGRESS';
  };
  return [start, finish];
}

const createChangeSet: CloudFormationStandInAction = (state, { form, region }) => {
  const stackName = requiredStandInField(form, 'StackName');
  const name = requiredStandInField(form, 'ChangeSetName');
  checkStandInName(name, 'changeSetName');
  const type = (queryFormField(form, 'ChangeSetType') ?? 'UPDATE') as 'CREATE' | 'UPDATE';
  const existing = changeSetTarget(state, stackName, type, name);
  if (existing && state.changeSets.some((changeSet) => changeSet.stackId === existing.stackId && changeSet.name === name)) {
    throw new CloudFormationStandInError('AlreadyExistsException', `ChangeSet [${name}] already exists`);
  }
  const settings = readChangeSetSettings(state, form, existing);
  const { accountId } = state.settings;
  const stackRegion = existing?.region ?? region;
  const checking = { stackName, stackId: existing?.stackId ?? 'stand-in-new-stack', region: stackRegion, accountId, parameters: settings.parameters };
  checkStandInTemplateResolves(settings.template, checking);
  const stack = existing ?? newReviewStack(state, stackName, region);
  const changeSet: StandInChangeSetRecord = {
    name,
    id: `arn:aws:cloudformation:${stack.region}:${accountId}:changeSet/${name}/${randomUUID()}`,
    stackId: stack.stackId,
    stackName,
    type,
    status: 'CREATE_PENDING',
    executionStatus: 'UNAVAILABLE',
    creationTime: standInTimestamp(),
    description: queryFormField(form, 'Description'),
    settings,
    changes: diffStandInResources(stack.template?.Resources ?? {}, settings.template.Resources),
    pending: [],
  };
  changeSet.pending.push(...creationSteps(changeSet));
  state.changeSets.push(changeSet);
  return { Id: changeSet.id, StackId: stack.stackId };
};

const describeChangeSet: CloudFormationStandInAction = (state, { form }) => {
  const changeSet = findStandInChangeSet(state, requiredStandInField(form, 'ChangeSetName'), queryFormField(form, 'StackName'));
  const stack = state.stacks.find((candidate) => candidate.stackId === changeSet.stackId);
  const result = renderStandInChangeSet(changeSet, (logicalId) => stack?.resources.get(logicalId)?.physicalId);
  advanceStandInSteps(changeSet.pending, state.settings.stepsPerDescribe);
  return result;
};

function withFinalStep(steps: StandInStep[], after: () => void): StandInStep[] {
  const last = steps[steps.length - 1];
  const finalStep = (): void => {
    last?.();
    after();
  };
  return [...steps.slice(0, -1), finalStep];
}

const executeChangeSet: CloudFormationStandInAction = (state, { form }) => {
  const changeSet = findStandInChangeSet(state, requiredStandInField(form, 'ChangeSetName'), queryFormField(form, 'StackName'));
  if (changeSet.executionStatus !== 'AVAILABLE') {
    const message = `ChangeSet [${changeSet.id}] cannot be executed in its current status of [${changeSet.status}]`;
    throw new CloudFormationStandInError('InvalidChangeSetStatus', message);
  }
  const stack = state.stacks.find((candidate) => candidate.stackId === changeSet.stackId) as StandInStackRecord;
  if (changeSet.type === 'UPDATE') checkUpdatable(stack);
  state.changeSets = state.changeSets.filter((other) => other === changeSet || other.stackId !== stack.stackId);
  changeSet.executionStatus = 'EXECUTE_IN_PROGRESS';
  const context = standInOperationContext(state);
  if (changeSet.type === 'CREATE') Object.assign(stack, cloneStandInValue(changeSet.settings));
  const steps =
    changeSet.type === 'CREATE' ? planStandInCreate(stack, context) : planStandInUpdate(stack, changeSet.settings, changeSet.changes, context);
  const settle = (): void => {
    changeSet.executionStatus = /ROLLBACK|FAILED/.test(stack.status) ? 'EXECUTE_FAILED' : 'EXECUTE_COMPLETE';
  };
  startStandInOperation(stack.pending, withFinalStep(steps, settle));
  return {};
};

const deleteChangeSet: CloudFormationStandInAction = (state, { form }) => {
  const changeSet = findStandInChangeSet(state, requiredStandInField(form, 'ChangeSetName'), queryFormField(form, 'StackName'));
  if (changeSet.executionStatus === 'EXECUTE_IN_PROGRESS') {
    throw new CloudFormationStandInError('InvalidChangeSetStatus', `Cannot delete ChangeSet [${changeSet.id}] in status EXECUTE_IN_PROGRESS`);
  }
  state.changeSets = state.changeSets.filter((other) => other !== changeSet);
  return {};
};

/** CreateChangeSet, DescribeChangeSet, ExecuteChangeSet and DeleteChangeSet. */
export const CLOUDFORMATION_CHANGE_SET_ACTIONS: Readonly<Record<string, CloudFormationStandInAction>> = {
  CreateChangeSet: createChangeSet,
  DescribeChangeSet: describeChangeSet,
  ExecuteChangeSet: executeChangeSet,
  DeleteChangeSet: deleteChangeSet,
};
