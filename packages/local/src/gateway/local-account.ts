/**
 * The AWS region the local gateway reports: in Lambda ARNs, the authorizer's `methodArn`, and
 * nowhere else (nothing local ever calls a regional endpoint with it).
 *
 * @example
 * ```ts
 * LOCAL_REGION; // 'us-east-1'
 * ```
 */
export const LOCAL_REGION = 'us-east-1';

/**
 * The AWS account id the local gateway reports: AWS's documentation placeholder, which belongs
 * to no one.
 *
 * @example
 * ```ts
 * LOCAL_ACCOUNT_ID; // '123456789012'
 * ```
 */
export const LOCAL_ACCOUNT_ID = '123456789012';

/**
 * The `methodArn` API Gateway gives a WebSocket API's `$connect` authorizer:
 * `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/$connect`, with the local region and
 * account.
 *
 * @example
 * ```ts
 * connectMethodArn('k2v9xq0a7d', 'api'); // 'arn:aws:execute-api:us-east-1:123456789012:k2v9xq0a7d/api/$connect'
 * ```
 */
export function connectMethodArn(apiId: string, stage: string): string {
  return `arn:aws:execute-api:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:${apiId}/${stage}/$connect`;
}

/**
 * The ARN of a local Lambda function, as its context's `invokedFunctionArn` reports it.
 *
 * @example
 * ```ts
 * functionArn('chat-local-default'); // 'arn:aws:lambda:us-east-1:123456789012:function:chat-local-default'
 * ```
 */
export function functionArn(functionName: string): string {
  return `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:function:${functionName}`;
}
