import {
  DescribeStackEventsCommand,
  type CloudFormationClient,
  type DescribeStackEventsCommandOutput,
  type StackEvent,
} from '@aws-sdk/client-cloudformation';
import { attempt } from '../aws/aws-errors';
import type { Pacer } from '../aws/polling';
import { describeStack, isMissingStack, isSettling, type StackState } from './stack-state';

/**
 * One stack event, as the views show it.
 *
 * @example
 * ```ts
 * const event: StackEventRecord = { id: 'e1', time: new Date(), logicalId: 'WebsocketAPI', type: 'AWS::ApiGatewayV2::Api', status: 'CREATE_COMPLETE' };
 * ```
 */
export interface StackEventRecord {
  id: string;
  time: Date;
  logicalId: string;
  type: string;
  status: string;
  reason?: string;
}

function recordOf(event: StackEvent): StackEventRecord {
  return {
    id: event.EventId ?? '',
    time: event.Timestamp ?? new Date(0),
    logicalId: event.LogicalResourceId ?? '',
    type: event.ResourceType ?? '',
    status: event.ResourceStatus ?? '',
    ...(event.ResourceStatusReason ? { reason: event.ResourceStatusReason } : {}),
  };
}

/**
 * Reads a stack's events as they happen: each {@link StackEventReader.next} returns, oldest
 * first, the events it has not returned before, paging back through `DescribeStackEvents`
 * (newest first) only until it meets one it has seen. {@link StackEventReader.baseline}
 * marks the stack's history as seen without reading all of it, so that no clock (ours or
 * AWS's) decides what is new.
 *
 * @example
 * ```ts
 * const reader = new StackEventReader(cfn, 'chat-dev');
 * await reader.baseline();
 * for (const event of await reader.next()) console.log(event.status);
 * ```
 */
export class StackEventReader {
  private readonly seen = new Set<string>();

  constructor(
    private readonly cfn: CloudFormationClient,
    private readonly stackName: string,
  ) {}

  /** Marks the events there are now as seen (one page: the newest is enough to stop at). */
  async baseline(): Promise<void> {
    const page = await this.page(undefined);
    for (const event of page.StackEvents ?? []) this.seen.add(event.EventId ?? '');
  }

  /** The new events, oldest first. */
  async next(): Promise<StackEventRecord[]> {
    const fresh: StackEventRecord[] = [];
    let token: string | undefined;
    do {
      const page = await this.page(token);
      for (const event of (page.StackEvents ?? []).map(recordOf)) {
        if (this.seen.has(event.id)) return this.remember(fresh);
        fresh.push(event);
      }
      token = page.NextToken;
    } while (token);
    return this.remember(fresh);
  }

  private page(token: string | undefined): Promise<DescribeStackEventsCommandOutput> {
    return attempt('cloudformation:DescribeStackEvents', () =>
      this.cfn.send(new DescribeStackEventsCommand({ StackName: this.stackName, ...(token ? { NextToken: token } : {}) })),
    );
  }

  private remember(newestFirst: StackEventRecord[]): StackEventRecord[] {
    for (const event of newestFirst) this.seen.add(event.id);
    return newestFirst.reverse();
  }
}

/**
 * What {@link followStack} reports to: each batch of new events, oldest first.
 *
 * @example
 * ```ts
 * const sink: EventSink = { events: (batch) => batch.forEach((event) => console.log(event.status)) };
 * ```
 */
export interface EventSink {
  events(batch: readonly StackEventRecord[]): void;
}

async function readEvents(reader: StackEventReader): Promise<StackEventRecord[]> {
  try {
    return await reader.next();
  } catch (error) {
    if (isMissingStack(error)) return []; // deleted while we watched
    throw error;
  }
}

/**
 * Follows a stack until CloudFormation has settled it, passing its events to `sink` as they
 * come; resolves with its final state (`undefined` once it is deleted). An aborted `signal`
 * stops following (the operation goes on in AWS) and resolves with the last state seen.
 *
 * @example
 * ```ts
 * const final = await followStack(cfn, 'chat-dev', new StackEventReader(cfn, 'chat-dev'), view, pacer);
 * ```
 */
export async function followStack(
  cfn: CloudFormationClient,
  stackName: string,
  reader: StackEventReader,
  sink: EventSink,
  pacer: Pacer,
  signal?: AbortSignal,
): Promise<StackState | undefined> {
  for (;;) {
    sink.events(await readEvents(reader));
    const state = await describeStack(cfn, stackName);
    if (state === undefined || !isSettling(state.status) || signal?.aborted) {
      if (!signal?.aborted) sink.events(await readEvents(reader));
      return state;
    }
    await pacer.sleep(pacer.intervalMs, signal);
  }
}

/**
 * The first resource that failed among `events` (oldest first), skipping the stack's own
 * summary and the resources CloudFormation cancelled because another one failed.
 *
 * @example
 * ```ts
 * const failed = firstFailure(events);
 * if (failed) console.error(`${failed.logicalId} ${failed.status}: ${failed.reason}`);
 * ```
 */
export function firstFailure(events: readonly StackEventRecord[]): StackEventRecord | undefined {
  const failures = events.filter((event) => event.status.endsWith('_FAILED') && event.type !== 'AWS::CloudFormation::Stack');
  return failures.find((event) => !/cancelled/i.test(event.reason ?? '')) ?? failures[0];
}
