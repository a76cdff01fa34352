import { CreateStackCommand, waitUntilStackCreateComplete } from '@aws-sdk/client-cloudformation';
import { GetBucketLocationCommand } from '@aws-sdk/client-s3';
import type { AwsClients } from '../aws/aws-clients';
import { AwsActionError, attempt } from '../aws/aws-errors';
import { waiterTiming, type Pacer } from '../aws/polling';
import { describeStack, isSettling } from '../stack/stack-state';
import { MANAGED_BUCKET_OUTPUT, MANAGED_BUCKET_STACK, managedBucketTemplate } from './managed-bucket-template';

/**
 * Where the artifact bucket's name came from, for messages.
 *
 * @example
 * ```ts
 * const choice: BucketChoice = { name: 'my-artifacts', from: '--bucket' };
 * ```
 */
export interface BucketChoice {
  name: string;
  from: string;
}

/**
 * The region of a bucket as S3 names it: `GetBucketLocation` answers nothing for us-east-1
 * and `EU` for the oldest buckets of eu-west-1.
 *
 * @example
 * ```ts
 * regionOfLocation(undefined); // 'us-east-1'
 * ```
 */
export function regionOfLocation(location: string | undefined): string {
  if (location === undefined || location === '') return 'us-east-1';
  return location === 'EU' ? 'eu-west-1' : location;
}

async function checkBucketRegion(clients: AwsClients, bucket: BucketChoice): Promise<void> {
  let location: string | undefined;
  try {
    const answer = await attempt('s3:GetBucketLocation', () => clients.s3.send(new GetBucketLocationCommand({ Bucket: bucket.name })));
    location = answer.LocationConstraint;
  } catch (error) {
    if (error instanceof AwsActionError && error.code === 'NoSuchBucket') {
      throw new Error(`The artifact bucket ${bucket.name} (${bucket.from}) does not exist; create it in ${clients.region} or leave it out to use the managed bucket`);
    }
    throw error;
  }
  const region = regionOfLocation(location);
  if (region !== clients.region) {
    throw new Error(
      `The artifact bucket ${bucket.name} (${bucket.from}) is in ${region}, but this deploy is to ${clients.region}; ` +
        `CloudFormation reads code only from a bucket in the stack's region: use a bucket in ${clients.region}, or --region ${region}`,
    );
  }
}

async function createManagedBucket(clients: AwsClients, pacer: Pacer, log: (line: string) => void): Promise<void> {
  log(`Creating the managed artifact bucket (stack ${MANAGED_BUCKET_STACK} in ${clients.region}; once per account and region) ...`);
  await attempt('cloudformation:CreateStack', () =>
    clients.cloudFormation.send(
      new CreateStackCommand({
        StackName: MANAGED_BUCKET_STACK,
        TemplateBody: JSON.stringify(managedBucketTemplate()),
        Tags: [{ Key: 'ManagedStackSource', Value: 'wsapp' }],
      }),
    ),
  );
  await waitForManagedStack(clients, pacer);
}

async function waitForManagedStack(clients: AwsClients, pacer: Pacer): Promise<void> {
  try {
    await waitUntilStackCreateComplete({ client: clients.cloudFormation, ...waiterTiming(pacer, 600) }, { StackName: MANAGED_BUCKET_STACK });
  } catch (error) {
    const state = await describeStack(clients.cloudFormation, MANAGED_BUCKET_STACK);
    throw new Error(
      `The managed artifact bucket stack ${MANAGED_BUCKET_STACK} did not create (${state?.status ?? 'gone'}${state?.statusReason ? `: ${state.statusReason}` : ''}); ` +
        'see its events in the CloudFormation console, delete it, or pass --bucket',
      { cause: error },
    );
  }
}

async function managedBucket(clients: AwsClients, pacer: Pacer, log: (line: string) => void): Promise<string> {
  let stack = await describeStack(clients.cloudFormation, MANAGED_BUCKET_STACK);
  if (stack === undefined) await createManagedBucket(clients, pacer, log);
  else if (isSettling(stack.status)) await waitForManagedStack(clients, pacer);
  stack = await describeStack(clients.cloudFormation, MANAGED_BUCKET_STACK);
  const name = stack?.outputs[MANAGED_BUCKET_OUTPUT];
  if (name === undefined) {
    throw new Error(
      `The managed artifact bucket stack ${MANAGED_BUCKET_STACK} is ${stack?.status ?? 'missing'} and has no ${MANAGED_BUCKET_OUTPUT} output; ` +
        'delete that stack to have it made again, or pass --bucket',
    );
  }
  return name;
}

/**
 * The bucket `wsapp deploy` uploads to: `--bucket`, else the stage's `deployment_bucket`
 * (each checked to exist in the deploy's region), else the managed bucket, whose stack is
 * created the first time and found again by its output afterwards.
 *
 * @example
 * ```ts
 * const bucket = await resolveArtifactBucket(clients, { flag: options.bucket, config: settings.deploymentBucket }, pacer, log);
 * ```
 */
export async function resolveArtifactBucket(
  clients: AwsClients,
  named: { flag?: string | undefined; config?: string | undefined },
  pacer: Pacer,
  log: (line: string) => void,
): Promise<string> {
  const chosen: BucketChoice | undefined = named.flag
    ? { name: named.flag, from: '--bucket' }
    : named.config
      ? { name: named.config, from: 'deployment_bucket in .wsapp/config.json' }
      : undefined;
  if (chosen === undefined) return managedBucket(clients, pacer, log);
  await checkBucketRegion(clients, chosen);
  return chosen.name;
}
