import {
  CreateChangeSetCommand,
  DescribeChangeSetCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  paginateDescribeStackEvents,
  paginateListStackResources,
  waitUntilChangeSetCreateComplete,
  waitUntilStackCreateComplete,
  type CloudFormationClient,
  type CreateChangeSetCommandInput,
  type DescribeChangeSetCommandOutput,
  type Stack,
  type StackEvent,
  type StackResourceSummary,
} from '@aws-sdk/client-cloudformation';
import type { StandInTemplate } from './cloudformation-template';
import { fastStandInWaiter } from './sdk-clients';

let changeSetCount = 0;

/** Extra CreateChangeSet input (ChangeSetType defaults to UPDATE, TemplateBody to the template's JSON). */
export type StandInChangeSetInput = Partial<CreateChangeSetCommandInput>;

/** Creates a change set of `template` for `stackName` and waits until it is CREATE_COMPLETE (the waiter throws on FAILED). */
export async function createStandInChangeSet(
  client: CloudFormationClient,
  stackName: string,
  template: StandInTemplate,
  extra: StandInChangeSetInput = {},
): Promise<DescribeChangeSetCommandOutput> {
  const input = { StackName: stackName, ChangeSetName: `change-set-${(changeSetCount += 1)}`, ChangeSetType: 'UPDATE' as const, TemplateBody: JSON.stringify(template) };
  const { Id } = await client.send(new CreateChangeSetCommand({ ...input, ...extra }));
  await waitUntilChangeSetCreateComplete(fastStandInWaiter(client), { ChangeSetName: Id });
  return client.send(new DescribeChangeSetCommand({ ChangeSetName: Id }));
}

/** Creates and executes a change set for `stackName`, returning the described change set. */
export async function executeStandInChangeSet(
  client: CloudFormationClient,
  stackName: string,
  template: StandInTemplate,
  extra: StandInChangeSetInput = {},
): Promise<DescribeChangeSetCommandOutput> {
  const changeSet = await createStandInChangeSet(client, stackName, template, extra);
  await client.send(new ExecuteChangeSetCommand({ ChangeSetName: changeSet.ChangeSetId }));
  return changeSet;
}

/** Creates a stack by a CREATE change set and waits until it is CREATE_COMPLETE (the waiter throws on ROLLBACK_COMPLETE). */
export async function createStandInStack(
  client: CloudFormationClient,
  stackName: string,
  template: StandInTemplate,
  extra: StandInChangeSetInput = {},
): Promise<void> {
  await executeStandInChangeSet(client, stackName, template, { ChangeSetType: 'CREATE', ...extra });
  await waitUntilStackCreateComplete(fastStandInWaiter(client), { StackName: stackName });
}

/** The one stack DescribeStacks gives for a name or stack id. */
export async function describeStandInStack(client: CloudFormationClient, stackName: string): Promise<Stack | undefined> {
  return (await client.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks?.[0];
}

/** All of a stack's events through the SDK's paginator, oldest first, and how many pages they came in. */
export async function standInStackEvents(client: CloudFormationClient, stackName: string): Promise<{ events: StackEvent[]; pages: number }> {
  const newestFirst: StackEvent[] = [];
  let pages = 0;
  for await (const page of paginateDescribeStackEvents({ client }, { StackName: stackName })) {
    pages += 1;
    newestFirst.push(...(page.StackEvents ?? []));
  }
  return { events: newestFirst.reverse(), pages };
}

/** All of a stack's resources through the SDK's paginator. */
export async function standInStackResources(client: CloudFormationClient, stackName: string): Promise<StackResourceSummary[]> {
  const resources: StackResourceSummary[] = [];
  for await (const page of paginateListStackResources({ client }, { StackName: stackName })) {
    resources.push(...(page.StackResourceSummaries ?? []));
  }
  return resources;
}

/** `LOGICALID STATUS` of each event, for comparing event sequences. */
export function standInEventLines(events: ReadonlyArray<{ LogicalResourceId?: string; ResourceStatus?: string }>): string[] {
  return events.map((event) => `${event.LogicalResourceId} ${event.ResourceStatus}`);
}
