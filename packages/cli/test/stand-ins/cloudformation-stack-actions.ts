import { CloudFormationStandInError, standInValidationError } from './cloudformation-errors';
import { planStandInCreate, planStandInDelete } from './cloudformation-operations';
import { renderStandInEvent, renderStandInResourceSummary, renderStandInStack } from './cloudformation-render';
import { advanceStandInSteps, newStandInStack, startStandInOperation, type StandInStackRecord } from './cloudformation-stack-record';
import { checkStandInTemplateResolves } from './cloudformation-stack-view';
import { findStandInStack, standInOperationContext, type CloudFormationStandInAction, type CloudFormationStandInState } from './cloudformation-state';
import {
  checkStandInName,
  readSubmittedCapabilities,
  readSubmittedParameters,
  readSubmittedTags,
  readSubmittedTemplate,
  requiredStandInField,
} from './cloudformation-submission';
import { standInPageForward, standInPageNewestFirst } from './paging';
import { queryFormField } from './query-form';

function existingStack(state: CloudFormationStandInState, form: URLSearchParams, message: (name: string) => string): StandInStackRecord {
  const name = requiredStandInField(form, 'StackName');
  const stack = findStandInStack(state, name);
  if (stack === undefined) throw standInValidationError(message(name));
  return stack;
}

const createStack: CloudFormationStandInAction = (state, { form, region }) => {
  const name = requiredStandInField(form, 'StackName');
  checkStandInName(name, 'stackName');
  if (findStandInStack(state, name)) throw new CloudFormationStandInError('AlreadyExistsException', `Stack [${name}] already exists`);
  const template = readSubmittedTemplate(form, state.links);
  const { accountId } = state.settings;
  const stack = newStandInStack(name, region, accountId, 'CREATE_IN_PROGRESS');
  stack.capabilities = readSubmittedCapabilities(form, template, true);
  stack.parameters = readSubmittedParameters(form, template, {});
  stack.tags = readSubmittedTags(form);
  checkStandInTemplateResolves(template, { stackName: name, stackId: stack.stackId, region, accountId, parameters: stack.parameters });
  stack.template = template;
  state.stacks.push(stack);
  startStandInOperation(stack.pending, planStandInCreate(stack, standInOperationContext(state)));
  return { StackId: stack.stackId };
};

const describeStacks: CloudFormationStandInAction = (state, { form }) => {
  const name = queryFormField(form, 'StackName');
  const stacks =
    name === undefined
      ? state.stacks.filter((stack) => stack.status !== 'DELETE_COMPLETE')
      : [existingStack(state, form, (missing) => `Stack with id ${missing} does not exist`)];
  const result = { Stacks: stacks.map((stack) => renderStandInStack(stack, state.settings.accountId)) };
  for (const stack of stacks) advanceStandInSteps(stack.pending, state.settings.stepsPerDescribe);
  return result;
};

const describeStackEvents: CloudFormationStandInAction = (state, { form }) => {
  const stack = existingStack(state, form, (missing) => `Stack [${missing}] does not exist`);
  const page = standInPageNewestFirst(stack.events, queryFormField(form, 'NextToken'), state.settings.eventsPageSize);
  const result = { StackEvents: page.items.map(renderStandInEvent), NextToken: page.nextToken };
  advanceStandInSteps(stack.pending, state.settings.stepsPerDescribe);
  return result;
};

const DELETABLE_IN_PROGRESS = new Set(['CREATE_IN_PROGRESS', 'REVIEW_IN_PROGRESS']);

const deleteStack: CloudFormationStandInAction = (state, { form }) => {
  const name = requiredStandInField(form, 'StackName');
  const stack = findStandInStack(state, name);
  if (stack === undefined || stack.status === 'DELETE_IN_PROGRESS') return {};
  if (stack.status.endsWith('_IN_PROGRESS') && !DELETABLE_IN_PROGRESS.has(stack.status)) {
    throw standInValidationError(`Stack [${name}] cannot be deleted while in status ${stack.status}`);
  }
  state.changeSets = state.changeSets.filter((changeSet) => changeSet.stackId !== stack.stackId);
  startStandInOperation(stack.pending, planStandInDelete(stack));
  return {};
};

const listStackResources: CloudFormationStandInAction = (state, { form }) => {
  const stack = existingStack(state, form, (missing) => `Stack with id ${missing} does not exist`);
  const page = standInPageForward([...stack.resources], queryFormField(form, 'NextToken'), state.settings.eventsPageSize);
  const updated = stack.lastUpdatedTime ?? stack.creationTime;
  const summaries = page.items.map(([logicalId, resource]) => renderStandInResourceSummary(logicalId, resource, updated));
  return { StackResourceSummaries: summaries, NextToken: page.nextToken };
};

/** CreateStack, DescribeStacks, DescribeStackEvents, DeleteStack and ListStackResources. */
export const CLOUDFORMATION_STACK_ACTIONS: Readonly<Record<string, CloudFormationStandInAction>> = {
  CreateStack: createStack,
  DescribeStacks: describeStacks,
  DescribeStackEvents: describeStackEvents,
  DeleteStack: deleteStack,
  ListStackResources: listStackResources,
};
