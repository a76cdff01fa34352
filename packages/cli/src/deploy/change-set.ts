import {
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DescribeChangeSetCommand,
  waitUntilChangeSetCreateComplete,
  type Change,
  type CloudFormationClient,
  type DescribeChangeSetCommandOutput,
  type Parameter,
  type Tag,
} from '@aws-sdk/client-cloudformation';
import { randomBytes } from 'node:crypto';
import { attempt } from '../aws/aws-errors';
import { waiterTiming, type Pacer } from '../aws/polling';

/**
 * What a change set would do to one resource, as `wsapp deploy` shows it.
 *
 * @example
 * ```ts
 * const change: ResourceChange = { action: 'Replace', logicalId: 'WebsocketAPI', type: 'AWS::ApiGatewayV2::Api' };
 * ```
 */
export interface ResourceChange {
  action: 'Add' | 'Modify' | 'Replace' | 'Modify (may replace)' | 'Remove' | 'Import' | 'Dynamic';
  logicalId: string;
  type: string;
}

/**
 * A change set ready to execute, or the news that there is nothing to change.
 *
 * @example
 * ```ts
 * if (result.kind === 'no-changes') console.log('No changes');
 * ```
 */
export type ChangeSetResult =
  | { kind: 'ready'; id: string; name: string; changes: ResourceChange[] }
  | { kind: 'no-changes' };

/**
 * The change set `wsapp deploy` asks CloudFormation for.
 *
 * @example
 * ```ts
 * const request: ChangeSetRequest = { stackName: 'chat-dev', type: 'CREATE', template: { TemplateBody: '{}' }, parameters: [], tags: [] };
 * ```
 */
export interface ChangeSetRequest {
  stackName: string;
  type: 'CREATE' | 'UPDATE';
  template: { TemplateBody: string } | { TemplateURL: string };
  parameters: Parameter[];
  tags: Tag[];
}

const NO_CHANGES = /didn't contain changes|No updates are to be performed/;

function changeOf(change: Change): ResourceChange | undefined {
  const resource = change.ResourceChange;
  if (resource === undefined) return undefined;
  const base = { logicalId: resource.LogicalResourceId ?? '', type: resource.ResourceType ?? '' };
  if (resource.Action !== 'Modify') return { ...base, action: (resource.Action ?? 'Modify') as ResourceChange['action'] };
  const action = resource.Replacement === 'True' ? 'Replace' : resource.Replacement === 'Conditional' ? 'Modify (may replace)' : 'Modify';
  return { ...base, action };
}

async function describeAll(cfn: CloudFormationClient, id: string): Promise<DescribeChangeSetCommandOutput[]> {
  const pages: DescribeChangeSetCommandOutput[] = [];
  let token: string | undefined;
  do {
    const page = await attempt('cloudformation:DescribeChangeSet', () =>
      cfn.send(new DescribeChangeSetCommand({ ChangeSetName: id, ...(token ? { NextToken: token } : {}) })),
    );
    pages.push(page);
    token = page.NextToken;
  } while (token);
  return pages;
}

/**
 * A change set name that says who made it and when, with a random suffix so that two deploys
 * in the same second (a `--no-execute` one, then another) never collide: `wsapp-20261201T101500Z-3fa2c1`.
 *
 * @example
 * ```ts
 * changeSetName(new Date(0)); // 'wsapp-19700101T000000Z-' and six hex digits
 * ```
 */
export function changeSetName(at: Date): string {
  return `wsapp-${at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`;
}

/**
 * Creates a change set with the capabilities our templates need (`CAPABILITY_IAM` for the
 * role, `CAPABILITY_AUTO_EXPAND` for the SAM transform), waits for it with the SDK's waiter,
 * and lists its changes. A change set with nothing to change is deleted and reported as
 * `no-changes`; one that failed for another reason is an error with CloudFormation's reason.
 *
 * @example
 * ```ts
 * const result = await createChangeSet(cfn, request, pacer, new Date());
 * ```
 */
export async function createChangeSet(cfn: CloudFormationClient, request: ChangeSetRequest, pacer: Pacer, at: Date): Promise<ChangeSetResult> {
  const name = changeSetName(at);
  const created = await attempt('cloudformation:CreateChangeSet', () =>
    cfn.send(
      new CreateChangeSetCommand({
        StackName: request.stackName,
        ChangeSetName: name,
        ChangeSetType: request.type,
        ...request.template,
        Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_AUTO_EXPAND'],
        // Left out when empty: an empty Tags list would remove the stack's tags on an update.
        ...(request.parameters.length > 0 ? { Parameters: request.parameters } : {}),
        ...(request.tags.length > 0 ? { Tags: request.tags } : {}),
        Description: 'Created by wsapp deploy',
      }),
    ),
  );
  const id = created.Id ?? name;
  try {
    await waitUntilChangeSetCreateComplete({ client: cfn, ...waiterTiming(pacer, 900) }, { ChangeSetName: id });
  } catch (error) {
    const [described] = await describeAll(cfn, id);
    const reason = described?.StatusReason ?? (error instanceof Error ? error.message : String(error));
    if (NO_CHANGES.test(reason)) {
      await attempt('cloudformation:DeleteChangeSet', () => cfn.send(new DeleteChangeSetCommand({ ChangeSetName: id })));
      return { kind: 'no-changes' };
    }
    throw new Error(`CloudFormation could not create the change set ${name} for ${request.stackName}: ${reason}`, { cause: error });
  }
  const changes = (await describeAll(cfn, id)).flatMap((page) => page.Changes ?? []).map(changeOf);
  return { kind: 'ready', id, name, changes: changes.filter((change) => change !== undefined) };
}

/**
 * The change set as lines: one per logical ID, its action and resource type.
 *
 * @example
 * ```ts
 * changeSetLines(changes); // ['  Add      WebsocketAPI  AWS::ApiGatewayV2::Api']
 * ```
 */
export function changeSetLines(changes: readonly ResourceChange[]): string[] {
  const actionWidth = Math.max(0, ...changes.map((change) => change.action.length));
  const idWidth = Math.max(0, ...changes.map((change) => change.logicalId.length));
  return changes.map((change) => `  ${change.action.padEnd(actionWidth)}  ${change.logicalId.padEnd(idWidth)}  ${change.type}`);
}

/**
 * Whether a change set removes or replaces something (data or an endpoint may be lost), so
 * that `wsapp deploy` asks before executing it on a terminal.
 *
 * @example
 * ```ts
 * isDestructive([{ action: 'Remove', logicalId: 'Table', type: 'AWS::DynamoDB::Table' }]); // true
 * ```
 */
export function isDestructive(changes: readonly ResourceChange[]): boolean {
  return changes.some((change) => change.action === 'Remove' || change.action === 'Replace' || change.action === 'Modify (may replace)');
}
