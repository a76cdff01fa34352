import { provisionStandInResourceInto } from './cloudformation-operations';
import { newStandInStack, setStandInStackStatus, standInTimestamp, type StandInStackRecord } from './cloudformation-stack-record';
import { findStandInStack, standInOperationContext, type CloudFormationStandInState } from './cloudformation-state';
import { parseStandInTemplate } from './cloudformation-template';

/** Every StackStatus CloudFormation reports. */
export type StandInStackStatus =
  | 'CREATE_IN_PROGRESS'
  | 'CREATE_FAILED'
  | 'CREATE_COMPLETE'
  | 'ROLLBACK_IN_PROGRESS'
  | 'ROLLBACK_FAILED'
  | 'ROLLBACK_COMPLETE'
  | 'DELETE_IN_PROGRESS'
  | 'DELETE_FAILED'
  | 'DELETE_COMPLETE'
  | 'UPDATE_IN_PROGRESS'
  | 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS'
  | 'UPDATE_COMPLETE'
  | 'UPDATE_FAILED'
  | 'UPDATE_ROLLBACK_IN_PROGRESS'
  | 'UPDATE_ROLLBACK_FAILED'
  | 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS'
  | 'UPDATE_ROLLBACK_COMPLETE'
  | 'REVIEW_IN_PROGRESS'
  | 'IMPORT_IN_PROGRESS'
  | 'IMPORT_COMPLETE'
  | 'IMPORT_ROLLBACK_IN_PROGRESS'
  | 'IMPORT_ROLLBACK_FAILED'
  | 'IMPORT_ROLLBACK_COMPLETE';

/** How `seedStack` sets a stack up. */
export interface StandInSeedOptions {
  status: StandInStackStatus;
  /** A JSON template (`Resources` may be empty); its resources are provisioned at once (DELETE_COMPLETE for a ROLLBACK_ or DELETE_COMPLETE stack). */
  template?: object;
  /** After this many progress steps (describe requests, see `stepsPerDescribe`) the stack moves to `settlesTo`. */
  settlesAfterSteps?: number;
  /** Default: `status` with `_IN_PROGRESS` (or `_COMPLETE_CLEANUP_IN_PROGRESS`) turned into `_COMPLETE`. */
  settlesTo?: StandInStackStatus;
  /** The stack's region; default `us-east-1`. */
  region?: string;
  /** Parameter values (template defaults fill the rest). */
  parameters?: Record<string, string>;
}

const GONE = new Set(['ROLLBACK_COMPLETE', 'DELETE_COMPLETE', 'IMPORT_ROLLBACK_COMPLETE']);

function settledStatus(status: string): string {
  return status.replace(/(?:_COMPLETE_CLEANUP)?_IN_PROGRESS$/, '_COMPLETE');
}

function setStatus(stack: StandInStackRecord, status: string): void {
  if (status === 'DELETE_COMPLETE') stack.deletionTime = standInTimestamp();
  setStandInStackStatus(stack, status);
}

/** Puts a stack named `name` (replacing a live one of that name) into `options.status`, as if earlier operations had. */
export function seedStandInStack(state: CloudFormationStandInState, name: string, options: StandInSeedOptions): void {
  const replaced = findStandInStack(state, name);
  state.stacks = state.stacks.filter((stack) => stack !== replaced);
  const stack = newStandInStack(name, options.region ?? 'us-east-1', state.settings.accountId, options.status);
  state.stacks.push(stack);
  if (options.template !== undefined) {
    const template = parseStandInTemplate(JSON.stringify(options.template), true);
    const defaults = Object.entries(template.Parameters ?? {}).filter(([, parameter]) => parameter.Default !== undefined);
    stack.parameters = { ...Object.fromEntries(defaults.map(([key, parameter]) => [key, String(parameter.Default)])), ...options.parameters };
    stack.template = template;
    const status = GONE.has(options.status) ? 'DELETE_COMPLETE' : 'CREATE_COMPLETE';
    const context = standInOperationContext(state);
    for (const [logicalId, resource] of Object.entries(template.Resources)) {
      provisionStandInResourceInto(stack, logicalId, resource, context, status);
    }
  }
  setStatus(stack, options.status);
  if (options.settlesAfterSteps === undefined) return;
  const settlesTo = options.settlesTo ?? settledStatus(options.status);
  const waiting = Array.from({ length: Math.max(0, options.settlesAfterSteps - 1) }, () => (): void => undefined);
  stack.pending.push(...waiting, () => setStatus(stack, settlesTo));
  if (options.settlesAfterSteps <= 0) stack.pending.splice(0).forEach((step) => step());
}
