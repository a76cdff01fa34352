/**
 * An AWS call that failed, said for the user: which IAM action it was, what AWS answered, and
 * what to do where there is something to do. `code` is the error's name as the SDK gives it
 * (`ValidationError`, `AccessDenied`, ...), for callers that handle one.
 *
 * @example
 * ```ts
 * try { await attempt('cloudformation:DescribeStacks', () => send()); }
 * catch (error) { if (error instanceof AwsActionError && error.code === 'ValidationError') ... }
 * ```
 */
export class AwsActionError extends Error {
  override readonly name = 'AwsActionError';

  constructor(
    message: string,
    readonly action: string,
    readonly code: string,
    readonly awsMessage: string,
    options: { cause?: unknown } = {},
  ) {
    super(message);
    if (options.cause !== undefined) this.cause = options.cause;
  }
}

const NO_CREDENTIALS =
  'No AWS credentials found. Configure them with `aws configure` (access keys), `aws configure sso` then ' +
  '`aws sso login` (IAM Identity Center), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY; ' +
  'use --profile NAME for a named profile';

/** What to do when no region is set anywhere the SDK looks. */
export const NO_REGION = 'No AWS region: pass --region REGION, set AWS_REGION, or set region for the profile in ~/.aws/config';

const BAD_CREDENTIALS = new Set(['InvalidClientTokenId', 'UnrecognizedClientException', 'SignatureDoesNotMatch', 'InvalidAccessKeyId']);
const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'TokenRefreshRequired']);
const DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation']);

interface SdkError {
  name: string;
  message: string;
  status?: number;
}

function sdkErrorOf(error: unknown): SdkError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const metadata = (error as { $metadata?: { httpStatusCode?: number } }).$metadata;
  const status = metadata?.httpStatusCode;
  return { name: error.name, message: error.message, ...(status !== undefined ? { status } : {}) };
}

function explain(action: string, sdk: SdkError): string {
  if (sdk.name === 'CredentialsProviderError' || /could not load credentials/i.test(sdk.message)) return NO_CREDENTIALS;
  if (/region is missing/i.test(sdk.message)) {
    return NO_REGION;
  }
  if (DENIED.has(sdk.name) || (sdk.status === 403 && !BAD_CREDENTIALS.has(sdk.name) && !EXPIRED.has(sdk.name))) {
    return `Access denied: the AWS identity in use may not call ${action}. Grant it ${action} (docs/topics/deploying.md lists what each command needs). AWS said: ${sdk.message}`;
  }
  if (EXPIRED.has(sdk.name)) return `The AWS credentials have expired (${action}); sign in again (aws sso login) or renew them`;
  if (BAD_CREDENTIALS.has(sdk.name)) return `AWS does not accept these credentials (${action}: ${sdk.name}); check them with aws sts get-caller-identity`;
  if (sdk.name === 'TimeoutError' || /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|socket hang up/.test(sdk.message)) {
    return `Could not reach AWS for ${action}: ${sdk.message} (check the network, --region and any endpoint override)`;
  }
  return `${action} failed: ${sdk.name}: ${sdk.message}`;
}

/**
 * Runs one AWS call; a failure becomes an {@link AwsActionError} that names the IAM action.
 *
 * @example
 * ```ts
 * const stacks = await attempt('cloudformation:DescribeStacks', () => cfn.send(new DescribeStacksCommand({ StackName })));
 * ```
 */
export async function attempt<T>(action: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof AwsActionError) throw error;
    const sdk = sdkErrorOf(error);
    throw new AwsActionError(explain(action, sdk), action, sdk.name, sdk.message, { cause: error });
  }
}
