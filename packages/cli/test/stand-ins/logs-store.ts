import { standInFilterPatternMatches } from './logs-filter-pattern';
import { LogsStandInError } from './logs-request';
import { standInPageForward, type StandInPage } from './paging';

/** One stored log event, as FilterLogEvents returns it. */
export interface LogsStandInEvent {
  logStreamName: string;
  timestamp: number;
  message: string;
  ingestionTime: number;
  eventId: string;
}

/** One log group and its events (all streams), in the order they were put. */
export interface LogsStandInGroup {
  name: string;
  creationTime: number;
  events: LogsStandInEvent[];
}

/** What FilterLogEvents asks for. */
export interface LogsStandInFilter {
  logStreamNames?: string[];
  logStreamNamePrefix?: string;
  startTime?: number;
  endTime?: number;
  filterPattern?: string;
  limit: number;
  nextToken?: string;
}

/** The stream a `putLogEvents` event without `logStreamName` goes to. */
export const STAND_IN_DEFAULT_LOG_STREAM = 'stand-in-stream';

let eventCount = 0;

/** The named log group, or the ResourceNotFoundException AWS answers for a missing one. */
export function requireLogsStandInGroup(groups: ReadonlyMap<string, LogsStandInGroup>, name: string): LogsStandInGroup {
  const group = groups.get(name);
  if (group === undefined) throw new LogsStandInError('ResourceNotFoundException', 'The specified log group does not exist.');
  return group;
}

/** Appends events to a group (its stream defaults to {@link STAND_IN_DEFAULT_LOG_STREAM}). */
export function appendLogsStandInEvents(
  group: LogsStandInGroup,
  events: ReadonlyArray<{ timestamp: number; message: string; logStreamName?: string }>,
): void {
  const ingestionTime = Date.now();
  for (const event of events) {
    eventCount += 1;
    const logStreamName = event.logStreamName ?? STAND_IN_DEFAULT_LOG_STREAM;
    group.events.push({ logStreamName, timestamp: event.timestamp, message: event.message, ingestionTime, eventId: String(eventCount).padStart(56, '0') });
  }
}

function selected(event: LogsStandInEvent, filter: LogsStandInFilter): boolean {
  return (
    (filter.logStreamNames === undefined || filter.logStreamNames.includes(event.logStreamName)) &&
    (filter.logStreamNamePrefix === undefined || event.logStreamName.startsWith(filter.logStreamNamePrefix)) &&
    (filter.startTime === undefined || event.timestamp >= filter.startTime) &&
    (filter.endTime === undefined || event.timestamp <= filter.endTime) &&
    standInFilterPatternMatches(filter.filterPattern, event.message)
  );
}

/** The group's matching events sorted by timestamp (ties in put order), one page of `limit`. */
export function filterLogsStandInEvents(group: LogsStandInGroup, filter: LogsStandInFilter): StandInPage<LogsStandInEvent> {
  const matching = group.events.filter((event) => selected(event, filter)).sort((a, b) => a.timestamp - b.timestamp);
  return standInPageForward(matching, filter.nextToken, filter.limit);
}
