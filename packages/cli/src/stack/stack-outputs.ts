import { FUNCTION_LOGICAL_IDS } from '@wsapp/local';

/**
 * The output of our templates that holds the `wss://` URL clients connect to.
 *
 * @example
 * ```ts
 * stack.outputs[WEBSOCKET_URL_OUTPUT]; // 'wss://abc123.execute-api.us-east-1.amazonaws.com/api/'
 * ```
 */
export const WEBSOCKET_URL_OUTPUT = 'WebsocketConnectEndpointURL';

/**
 * What `wsapp deploy` prints once the stack is up, as `chalice deploy` does: the Lambda ARN
 * of each function the app has, then the WebSocket API's URL.
 *
 * @example
 * ```ts
 * deployedResourceLines(stack.outputs);
 * // ['Resources deployed:', '  - Lambda ARN: arn:aws:lambda:...', '  - Websocket API URL: wss://...']
 * ```
 */
export function deployedResourceLines(outputs: Readonly<Record<string, string>>): string[] {
  const lines = ['Resources deployed:'];
  for (const id of Object.values(FUNCTION_LOGICAL_IDS)) {
    const arn = outputs[`${id}HandlerArn`];
    if (arn !== undefined) lines.push(`  - Lambda ARN: ${arn}`);
  }
  const url = outputs[WEBSOCKET_URL_OUTPUT];
  if (url !== undefined) lines.push(`  - Websocket API URL: ${url}`);
  return lines;
}
