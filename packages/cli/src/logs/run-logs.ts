import { FilterLogEventsCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { withAwsClients, type AwsAccess } from '../aws/aws-clients';
import { attempt } from '../aws/aws-errors';
import type { CommandIo } from '../command-io';
import { stackNameOf, type StackTarget } from '../stack/stack-name';
import { functionLogGroups, type FunctionLogGroup } from './log-groups';
import { interleave, plainLogLine, readableLogLine, type FunctionLogEvent } from './log-lines';
import { parseSince } from './since';

/**
 * The options of `wsapp logs`.
 *
 * @example
 * ```ts
 * const options: LogsOptions = { app: '.', stage: 'dev', since: '10m', follow: false };
 * ```
 */
export type LogsOptions = StackTarget &
  AwsAccess & {
    function?: string;
    since: string;
    follow: boolean;
  };

async function groupEvents(logs: CloudWatchLogsClient, group: FunctionLogGroup, startTime: number): Promise<FunctionLogEvent[]> {
  const events: FunctionLogEvent[] = [];
  let token: string | undefined;
  do {
    const page = await attempt('logs:FilterLogEvents', () =>
      logs.send(new FilterLogEventsCommand({ logGroupName: group.name, startTime, ...(token ? { nextToken: token } : {}) })),
    ).catch((error: unknown) => {
      // A function that never ran has no log group yet (or it was deleted): it has no events.
      if (error instanceof Error && 'code' in error && error.code === 'ResourceNotFoundException') return { events: [], nextToken: undefined };
      throw error;
    });
    for (const event of page.events ?? []) {
      events.push({ functionId: group.functionId, timestamp: event.timestamp ?? 0, message: event.message ?? '', eventId: event.eventId ?? '' });
    }
    token = page.nextToken;
  } while (token);
  return events;
}

/**
 * Runs `wsapp logs`: the CloudWatch log events of the stack's functions since `--since`,
 * interleaved by time; on a terminal, JSON log lines are shown readably. With `--follow` it
 * goes on polling for new events until Ctrl-C.
 *
 * @example
 * ```ts
 * await runLogs({ app: '.', stage: 'dev', since: '10m', follow: false }, processIo());
 * ```
 */
export async function runLogs(options: LogsOptions, io: CommandIo): Promise<void> {
  let startTime = parseSince(options.since, io.pacer.now());
  const stackName = await stackNameOf(options);
  const show = io.terminal ? readableLogLine : plainLogLine;
  await withAwsClients(options, io, async (clients) => {
    const groups = await functionLogGroups(clients.cloudFormation, stackName, clients.region, options.function);
    const shown = new Set<string>();
    do {
      const events = interleave(await Promise.all(groups.map((group) => groupEvents(clients.logs, group, startTime))));
      for (const event of events.filter((candidate) => !shown.has(candidate.eventId))) {
        shown.add(event.eventId);
        io.out(show(event));
      }
      // The next poll starts at the newest event's millisecond (more may land in it); ids already shown are skipped.
      startTime = Math.max(startTime, ...events.map((event) => event.timestamp));
      if (!options.follow) break;
      await io.pacer.sleep(io.pacer.intervalMs, io.interrupted);
    } while (!io.interrupted.aborted);
  });
}
