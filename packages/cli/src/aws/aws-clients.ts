import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { S3Client } from '@aws-sdk/client-s3';
import { NO_REGION } from './aws-errors';

/**
 * How a command reaches AWS: `--region`, `--profile` and `--endpoint-url`. Anything left out
 * comes from the SDK's default chain (environment, shared config and credentials files, SSO).
 *
 * @example
 * ```ts
 * const access: AwsAccess = { region: 'eu-west-1', profile: 'dev' };
 * ```
 */
export interface AwsAccess {
  region?: string;
  profile?: string;
  endpointUrl?: string;
}

/** The services wsapp's commands talk to, by the suffix of their `AWS_ENDPOINT_URL_*` variable. */
const ENDPOINT_VARIABLES = {
  cloudFormation: 'AWS_ENDPOINT_URL_CLOUDFORMATION',
  s3: 'AWS_ENDPOINT_URL_S3',
  logs: 'AWS_ENDPOINT_URL_CLOUDWATCH_LOGS',
} as const;

/**
 * The service names of {@link AwsClients}.
 *
 * @example
 * ```ts
 * const service: AwsService = 's3';
 * ```
 */
export type AwsService = keyof typeof ENDPOINT_VARIABLES;

/**
 * The SDK clients of one command, the region they use, and the endpoints that replace AWS's
 * own (from `--endpoint-url` or the SDK's `AWS_ENDPOINT_URL*` variables).
 *
 * @example
 * ```ts
 * const { cloudFormation, region } = await createAwsClients({}, process.env);
 * ```
 */
export interface AwsClients {
  cloudFormation: CloudFormationClient;
  s3: S3Client;
  logs: CloudWatchLogsClient;
  region: string;
  endpoints: Partial<Record<AwsService, string>>;
}

/**
 * The endpoint that replaces AWS's for a service, resolved as the SDK does it: `--endpoint-url`,
 * then `AWS_ENDPOINT_URL_<SERVICE>`, then `AWS_ENDPOINT_URL`, none when
 * `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` is true.
 *
 * @example
 * ```ts
 * overriddenEndpoint('s3', {}, { AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' }); // 'http://127.0.0.1:4566'
 * ```
 */
export function overriddenEndpoint(service: AwsService, access: AwsAccess, env: NodeJS.ProcessEnv): string | undefined {
  if (access.endpointUrl) return access.endpointUrl;
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS?.toLowerCase() === 'true') return undefined;
  return env[ENDPOINT_VARIABLES[service]] || env.AWS_ENDPOINT_URL || undefined;
}

function noRegion(): Error {
  return new Error(NO_REGION);
}

/**
 * Creates the CloudFormation, S3 and CloudWatch Logs clients for a command. An overridden S3
 * endpoint (LocalStack, MiniStack, a test's stand-in) gets path-style addressing.
 *
 * @example
 * ```ts
 * const clients = await createAwsClients({ region: 'us-east-1', endpointUrl: 'http://127.0.0.1:4566' }, process.env);
 * ```
 */
export async function createAwsClients(access: AwsAccess, env: NodeJS.ProcessEnv): Promise<AwsClients> {
  const endpoints: Partial<Record<AwsService, string>> = {};
  for (const service of Object.keys(ENDPOINT_VARIABLES) as AwsService[]) {
    const endpoint = overriddenEndpoint(service, access, env);
    if (endpoint !== undefined) endpoints[service] = endpoint;
  }
  const common = {
    ...(access.region ? { region: access.region } : {}),
    ...(access.profile ? { profile: access.profile } : {}),
  };
  const cloudFormation = new CloudFormationClient({ ...common, ...(endpoints.cloudFormation ? { endpoint: endpoints.cloudFormation } : {}) });
  let region: string;
  try {
    region = await cloudFormation.config.region();
  } catch {
    throw noRegion();
  }
  if (!region) throw noRegion();
  const resolved = { ...common, region };
  return {
    cloudFormation,
    s3: new S3Client({ ...resolved, ...(endpoints.s3 ? { endpoint: endpoints.s3, forcePathStyle: true } : {}) }),
    logs: new CloudWatchLogsClient({ ...resolved, ...(endpoints.logs ? { endpoint: endpoints.logs } : {}) }),
    region,
    endpoints,
  };
}

/**
 * The line a command prints (on stderr) when it talks to endpoints other than AWS's own.
 *
 * @example
 * ```ts
 * endpointNotice({ s3: 'http://127.0.0.1:4566' }); // 'Using endpoints: S3 http://127.0.0.1:4566'
 * ```
 */
export function endpointNotice(endpoints: Partial<Record<AwsService, string>>): string | undefined {
  const names: Record<AwsService, string> = { cloudFormation: 'CloudFormation', s3: 'S3', logs: 'CloudWatch Logs' };
  const shown = (Object.keys(names) as AwsService[])
    .filter((service) => endpoints[service] !== undefined)
    .map((service) => `${names[service]} ${endpoints[service]}`);
  return shown.length === 0 ? undefined : `Using endpoints: ${shown.join(', ')}`;
}

/** Closes the clients' connection pools so the process can exit. */
function destroyAwsClients(clients: AwsClients): void {
  clients.cloudFormation.destroy();
  clients.s3.destroy();
  clients.logs.destroy();
}

/**
 * Runs a command body with its AWS clients: says which endpoints replace AWS's (on stderr,
 * so stdout stays the command's own), and closes the clients however the body ends.
 *
 * @example
 * ```ts
 * await withAwsClients(options, io, async (clients) => describeStack(clients.cloudFormation, 'chat-dev'));
 * ```
 */
export async function withAwsClients<T>(
  access: AwsAccess,
  io: { env: NodeJS.ProcessEnv; err(line: string): void },
  body: (clients: AwsClients) => Promise<T>,
): Promise<T> {
  const clients = await createAwsClients(access, io.env);
  const notice = endpointNotice(clients.endpoints);
  if (notice) io.err(notice);
  try {
    return await body(clients);
  } finally {
    destroyAwsClients(clients);
  }
}
