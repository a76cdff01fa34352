/**
 * Loopback stand-ins of the three AWS services `wsapp deploy/delete/url/logs` talk to:
 * CloudFormation (query protocol), S3 (REST-XML, path style) and CloudWatch Logs (JSON 1.1).
 * Plain `node:http` servers on 127.0.0.1; point the real SDK clients at them with `endpoint`
 * (and `forcePathStyle: true` for S3), or a child process with {@link AwsStandIns.endpointEnv}.
 */
import { startCloudFormationStandIn, type CloudFormationStandIn } from './cloudformation-stand-in';
import { startLogsStandIn, type LogsStandIn } from './logs-stand-in';
import type { StandInRequest } from './request-log';
import { startS3StandIn, type S3StandIn } from './s3-stand-in';

export type { CloudFormationStandIn } from './cloudformation-stand-in';
export type { StandInSeedOptions, StandInStackStatus } from './cloudformation-seed';
export type { StandInStack } from './cloudformation-stack-view';
export type { StandInStackEvent } from './cloudformation-stack-record';
export type { StandInResource } from './cloudformation-resources';
export type { StandInTemplate } from './cloudformation-template';
export type { LogsStandIn } from './logs-stand-in';
export type { S3StandIn } from './s3-stand-in';
export type { StandInRequest, StandInService } from './request-log';
export { STAND_IN_NO_CHANGES_REASON } from './cloudformation-change-set-actions';
export { STAND_IN_FILTER_PAGE_SIZE } from './logs-stand-in';
export { STAND_IN_DEFAULT_LOG_STREAM } from './logs-store';

/** How the stand-ins behave. */
export interface AwsStandInOptions {
  /** The account in ARNs and AccessDenied messages; default `123456789012`. */
  accountId?: string;
  /** DescribeStackEvents' (and ListStackResources') page size; default 4, which forces paging. */
  eventsPageSize?: number;
  /** How many progress steps one DescribeStacks/DescribeStackEvents/DescribeChangeSet advances an operation in progress; default 1. */
  stepsPerDescribe?: number;
}

/** The three running stand-ins. */
export interface AwsStandIns {
  cloudFormation: CloudFormationStandIn;
  s3: S3StandIn;
  logs: LogsStandIn;
  /** AWS_ENDPOINT_URL_CLOUDFORMATION / _S3 / _CLOUDWATCH_LOGS, each http://127.0.0.1:PORT (three separate servers). */
  endpointEnv(): Record<'AWS_ENDPOINT_URL_CLOUDFORMATION' | 'AWS_ENDPOINT_URL_S3' | 'AWS_ENDPOINT_URL_CLOUDWATCH_LOGS', string>;
  /** Every request any stand-in received, in order. */
  requests: StandInRequest[];
  /** Stops the three servers (closing kept-alive connections too). */
  close(): Promise<void>;
}

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  const chosen = value ?? fallback;
  if (!Number.isInteger(chosen) || chosen < 1) throw new RangeError(`${name} must be a positive integer, not ${chosen}`);
  return chosen;
}

/**
 * Starts the CloudFormation, S3 and Logs stand-ins, each on its own 127.0.0.1 port. The
 * CloudFormation stand-in reads TemplateURLs from the S3 stand-in, creates `AWS::S3::Bucket`s
 * in it and `AWS::Logs::LogGroup`s in the Logs stand-in.
 *
 * @example
 * ```ts
 * const standIns = await startAwsStandIns({ eventsPageSize: 2 });
 * const cloudFormation = new CloudFormationClient({ endpoint: standIns.cloudFormation.endpoint });
 * // …
 * await standIns.close();
 * ```
 */
export async function startAwsStandIns(options: AwsStandInOptions = {}): Promise<AwsStandIns> {
  const accountId = options.accountId ?? '123456789012';
  const eventsPageSize = positiveInteger('eventsPageSize', options.eventsPageSize, 4);
  const stepsPerDescribe = positiveInteger('stepsPerDescribe', options.stepsPerDescribe, 1);
  const requests: StandInRequest[] = [];
  const s3 = await startS3StandIn(requests);
  const logs = await startLogsStandIn(requests, accountId);
  const links = { s3Endpoint: s3.endpoint, readObject: s3.object, createBucket: s3.createBucket, createLogGroup: logs.createLogGroup };
  const cloudFormation = await startCloudFormationStandIn({ accountId, eventsPageSize, stepsPerDescribe }, links, requests);
  return {
    cloudFormation,
    s3,
    logs,
    requests,
    endpointEnv: () => ({
      AWS_ENDPOINT_URL_CLOUDFORMATION: cloudFormation.endpoint,
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: logs.endpoint,
    }),
    close: async () => {
      await Promise.all([cloudFormation.close(), s3.close(), logs.close()]);
    },
  };
}
