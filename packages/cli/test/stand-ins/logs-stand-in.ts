import { randomUUID } from 'node:crypto';
import { startStandInServer, type StandInHttpRequest, type StandInHttpResponse } from './loopback-server';
import { logsNumberField, logsStringField, logsStringListField, LogsStandInError, readLogsStandInInput, type LogsStandInInput } from './logs-request';
import { appendLogsStandInEvents, filterLogsStandInEvents, requireLogsStandInGroup, type LogsStandInGroup } from './logs-store';
import { StandInInvalidTokenError, standInPageForward } from './paging';
import { recordStandInRequest, type StandInRequest } from './request-log';

/** The CloudWatch Logs stand-in: AWS JSON 1.1 (`x-amz-target: Logs_20140328.ACTION`) on 127.0.0.1. */
export interface LogsStandIn {
  /** `http://127.0.0.1:PORT` */
  endpoint: string;
  /** Creates a log group unless it exists. */
  createLogGroup(name: string): void;
  /** Adds events to an existing log group (throws naming the groups there are otherwise); the stream defaults to `stand-in-stream`. */
  putLogEvents(group: string, events: Array<{ timestamp: number; message: string; logStreamName?: string }>): void;
  /** The names of all log groups, sorted. */
  logGroups(): string[];
}

/** FilterLogEvents' page size when the request gives no `limit` (small, so that clients must page). */
export const STAND_IN_FILTER_PAGE_SIZE = 3;

type Groups = Map<string, LogsStandInGroup>;

function groupNameOf(input: LogsStandInInput): string {
  const identifier = logsStringField(input, 'logGroupName') ?? logsStringField(input, 'logGroupIdentifier');
  if (identifier === undefined) throw new LogsStandInError('InvalidParameterException', 'Either logGroupName or logGroupIdentifier must be given');
  return /^arn:[^:]*:logs:[^:]*:[^:]*:log-group:(.+?)(?::\*)?$/.exec(identifier)?.[1] ?? identifier;
}

function filterLogEvents(groups: Groups, input: LogsStandInInput): object {
  const group = requireLogsStandInGroup(groups, groupNameOf(input));
  const logStreamNames = logsStringListField(input, 'logStreamNames');
  const page = filterLogsStandInEvents(group, {
    logStreamNames,
    logStreamNamePrefix: logsStringField(input, 'logStreamNamePrefix'),
    startTime: logsNumberField(input, 'startTime'),
    endTime: logsNumberField(input, 'endTime'),
    filterPattern: logsStringField(input, 'filterPattern'),
    limit: logsNumberField(input, 'limit') ?? STAND_IN_FILTER_PAGE_SIZE,
    nextToken: logsStringField(input, 'nextToken'),
  });
  const streams = [...new Set(group.events.map((event) => event.logStreamName))].filter((name) => !logStreamNames || logStreamNames.includes(name));
  const searchedLogStreams = streams.map((logStreamName) => ({ logStreamName, searchedCompletely: true }));
  return { events: page.items, searchedLogStreams, nextToken: page.nextToken };
}

function describeLogGroups(groups: Groups, input: LogsStandInInput, region: string, accountId: string): object {
  const prefix = logsStringField(input, 'logGroupNamePrefix') ?? '';
  const names = [...groups.keys()].filter((name) => name.startsWith(prefix)).sort();
  const page = standInPageForward(names, logsStringField(input, 'nextToken'), logsNumberField(input, 'limit') ?? 50);
  const logGroups = page.items.map((name) => {
    const logGroupArn = `arn:aws:logs:${region}:${accountId}:log-group:${name}`;
    const creationTime = groups.get(name)?.creationTime;
    return { logGroupName: name, creationTime, metricFilterCount: 0, arn: `${logGroupArn}:*`, logGroupArn, storedBytes: 0, logGroupClass: 'STANDARD' };
  });
  return { logGroups, nextToken: page.nextToken };
}

function jsonAnswer(status: number, body: object): StandInHttpResponse {
  return { status, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': randomUUID() }, body: JSON.stringify(body) };
}

/** Answers one JSON 1.1 request: FilterLogEvents or DescribeLogGroups; errors as `{"__type", "message"}` with 400. */
export function answerLogsRequest(groups: Groups, action: string, request: StandInHttpRequest, accountId: string): StandInHttpResponse {
  try {
    const input = readLogsStandInInput(request.body);
    if (action === 'FilterLogEvents') return jsonAnswer(200, filterLogEvents(groups, input));
    if (action === 'DescribeLogGroups') return jsonAnswer(200, describeLogGroups(groups, input, request.region ?? 'us-east-1', accountId));
    throw new LogsStandInError('UnknownOperationException', `The Logs stand-in does not implement ${action}`);
  } catch (error) {
    const known = error instanceof StandInInvalidTokenError ? new LogsStandInError('InvalidParameterException', error.message) : error;
    if (known instanceof SyntaxError) return jsonAnswer(400, { __type: 'SerializationException', message: known.message });
    if (!(known instanceof LogsStandInError)) throw error;
    return jsonAnswer(400, { __type: known.type, message: known.message });
  }
}

/** Starts the Logs stand-in, recording requests in `log`. */
export async function startLogsStandIn(log: StandInRequest[], accountId: string): Promise<LogsStandIn & { close(): Promise<void> }> {
  const groups: Groups = new Map();
  const server = await startStandInServer((request) => {
    const action = /^Logs_20140328\.(\w+)$/.exec(String(request.headers['x-amz-target'] ?? ''))?.[1] ?? 'Unknown';
    recordStandInRequest(log, 'logs', action, request);
    return answerLogsRequest(groups, action, request, accountId);
  });
  return {
    endpoint: server.endpoint,
    close: server.close,
    createLogGroup: (name) => {
      if (!groups.has(name)) groups.set(name, { name, creationTime: Date.now(), events: [] });
    },
    putLogEvents: (name, events) => {
      const group = groups.get(name);
      if (group === undefined) throw new Error(`The Logs stand-in has no log group ${name}; it has ${JSON.stringify([...groups.keys()])}`);
      appendLogsStandInEvents(group, events);
    },
    logGroups: () => [...groups.keys()].sort(),
  };
}
