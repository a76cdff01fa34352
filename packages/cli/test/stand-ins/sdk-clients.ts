import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { S3Client } from '@aws-sdk/client-s3';
import type { AwsStandIns } from './index';

/**
 * Real AWS SDK clients pointed at the stand-ins, for tests of the stand-ins (the stand-ins
 * themselves never load the SDK; that is why this is not exported from `./index`).
 */
export interface StandInSdkClients {
  cloudFormation: CloudFormationClient;
  s3: S3Client;
  logs: CloudWatchLogsClient;
  /** Closes the clients' kept-alive sockets. */
  destroy(): void;
}

/** SDK clients for `region` with explicit 127.0.0.1 endpoints, path-style S3 and no retries (a stand-in bug fails fast). */
export function standInSdkClients(standIns: AwsStandIns, region = 'us-east-1'): StandInSdkClients {
  const common = { region, maxAttempts: 1 };
  const cloudFormation = new CloudFormationClient({ ...common, endpoint: standIns.cloudFormation.endpoint });
  const s3 = new S3Client({ ...common, endpoint: standIns.s3.endpoint, forcePathStyle: true });
  const logs = new CloudWatchLogsClient({ ...common, endpoint: standIns.logs.endpoint });
  return {
    cloudFormation,
    s3,
    logs,
    destroy: () => [cloudFormation, s3, logs].forEach((client) => client.destroy()),
  };
}

/** Waiter settings that poll every 10–20 ms (the waiters take fractional seconds) for at most 20 s. */
export function fastStandInWaiter<Client>(client: Client): { client: Client; minDelay: number; maxDelay: number; maxWaitTime: number } {
  return { client, minDelay: 0.01, maxDelay: 0.02, maxWaitTime: 20 };
}
