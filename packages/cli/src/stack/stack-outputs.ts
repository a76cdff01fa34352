import { FUNCTION_LOGICAL_IDS, type WebsocketFunctionName } from '@wsapp/local';

/**
 * The output of our templates that holds the `wss://` URL clients connect to.
 *
 * @example
 * ```ts
 * stack.outputs[WEBSOCKET_URL_OUTPUT]; // 'wss://abc123.execute-api.us-east-1.amazonaws.com/api/'
 * ```
 */
export const WEBSOCKET_URL_OUTPUT = 'WebsocketConnectEndpointURL';

/** The order `Resources deployed:` lists the functions in: the route functions, then the authorizer. */
const DEPLOYED_FUNCTIONS: readonly WebsocketFunctionName[] = [
  'websocket_connect',
  'websocket_message',
  'websocket_disconnect',
  'websocket_authorizer',
];

/**
 * What `wsapp deploy` prints once the stack is up, as `chalice deploy` does: the Lambda ARN
 * of each function the app has (the route functions, then the `$connect` authorizer), then the
 * WebSocket API's URL.
 *
 * @example
 * ```ts
 * deployedResourceLines(stack.outputs);
 * // ['Resources deployed:', '  - Lambda ARN: arn:aws:lambda:...', '  - Websocket API URL: wss://...']
 * ```
 */
export function deployedResourceLines(outputs: Readonly<Record<string, string>>): string[] {
  const lines = ['Resources deployed:'];
  for (const name of DEPLOYED_FUNCTIONS) {
    const arn = outputs[`${FUNCTION_LOGICAL_IDS[name]}HandlerArn`];
    if (arn !== undefined) lines.push(`  - Lambda ARN: ${arn}`);
  }
  const url = outputs[WEBSOCKET_URL_OUTPUT];
  if (url !== undefined) lines.push(`  - Websocket API URL: ${url}`);
  return lines;
}
