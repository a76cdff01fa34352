import { CLOUDFORMATION_CHANGE_SET_ACTIONS } from './cloudformation-change-set-actions';
import { CloudFormationStandInError, standInAccessDenied, standInValidationError } from './cloudformation-errors';
import { seedStandInStack, type StandInSeedOptions } from './cloudformation-seed';
import { CLOUDFORMATION_STACK_ACTIONS } from './cloudformation-stack-actions';
import { snapshotStandInStack, type StandInStack } from './cloudformation-stack-view';
import {
  findStandInStack,
  type CloudFormationStandInLinks,
  type CloudFormationStandInSettings,
  type CloudFormationStandInState,
  type StandInActionInput,
} from './cloudformation-state';
import { startStandInServer, type StandInHttpResponse } from './loopback-server';
import { StandInInvalidTokenError } from './paging';
import { queryXmlErrorResponse, queryXmlResponse } from './query-xml';
import { recordStandInRequest, type StandInRequest } from './request-log';

/** The CloudFormation stand-in: the AWS query protocol, API version 2010-05-15, on 127.0.0.1. */
export interface CloudFormationStandIn {
  /** `http://127.0.0.1:PORT` */
  endpoint: string;
  /**
   * A copy of the stack named `name` as it is now; undefined when there is none or it is
   * DELETE_COMPLETE (as DescribeStacks by name). Given a stack id, deleted stacks are found too.
   */
  stack(name: string): StandInStack | undefined;
  /** Makes the next create or update that touches `logicalId` fail on it with `reason`, then roll back. */
  failNextOperationOn(logicalId: string, reason: string): void;
  /** Every later call of `action` (e.g. `ExecuteChangeSet`) gets a 403 AccessDenied. */
  denyAction(action: string): void;
  /** Puts a stack into a given status, optionally settling to another after some progress steps. */
  seedStack(name: string, options: StandInSeedOptions): void;
}

const ACTIONS = { ...CLOUDFORMATION_STACK_ACTIONS, ...CLOUDFORMATION_CHANGE_SET_ACTIONS };

function deniedResource(state: CloudFormationStandInState, input: StandInActionInput): string {
  const stackName = input.form.get('StackName');
  if (!stackName) return '*';
  if (stackName.startsWith('arn:')) return stackName;
  return `arn:aws:cloudformation:${input.region}:${state.settings.accountId}:stack/${stackName}/*`;
}

function xmlAnswer(status: number, body: string): StandInHttpResponse {
  return { status, headers: { 'content-type': 'text/xml' }, body };
}

/** Answers one CloudFormation action, turning stand-in errors into `<ErrorResponse>`s. */
export function answerCloudFormationAction(state: CloudFormationStandInState, action: string, input: StandInActionInput): StandInHttpResponse {
  try {
    if (state.deniedActions.has(action)) throw standInAccessDenied(state.settings.accountId, action, deniedResource(state, input));
    const handler = ACTIONS[action];
    if (handler === undefined) {
      const supported = Object.keys(ACTIONS).join(', ');
      throw new CloudFormationStandInError('InvalidAction', `Could not find operation ${action} for version 2010-05-15 (the stand-in supports ${supported})`);
    }
    return xmlAnswer(200, queryXmlResponse(action, handler(state, input)));
  } catch (error) {
    const known = error instanceof StandInInvalidTokenError ? standInValidationError(error.message) : error;
    if (!(known instanceof CloudFormationStandInError)) throw error;
    return xmlAnswer(known.httpStatus, queryXmlErrorResponse(known.code, known.message, known.type));
  }
}

/** Starts the CloudFormation stand-in; it creates buckets and log groups through `links` and records requests in `log`. */
export async function startCloudFormationStandIn(
  settings: CloudFormationStandInSettings,
  links: CloudFormationStandInLinks,
  log: StandInRequest[],
): Promise<CloudFormationStandIn & { close(): Promise<void> }> {
  const state: CloudFormationStandInState = { settings, links, stacks: [], changeSets: [], armedFailures: new Map(), deniedActions: new Set() };
  const server = await startStandInServer((request) => {
    const form = new URLSearchParams(request.body.toString('utf8'));
    const action = form.get('Action') ?? 'Unknown';
    recordStandInRequest(log, 'cloudformation', action, request);
    return answerCloudFormationAction(state, action, { form, region: request.region ?? 'us-east-1' });
  });
  return {
    endpoint: server.endpoint,
    close: server.close,
    stack: (name) => {
      const found = findStandInStack(state, name);
      return found && snapshotStandInStack(found, settings.accountId);
    },
    failNextOperationOn: (logicalId, reason) => void state.armedFailures.set(logicalId, reason),
    denyAction: (action) => void state.deniedActions.add(action),
    seedStack: (name, options) => seedStandInStack(state, name, options),
  };
}
