/**
 * The Lambda functions a wsapp app can have, by their config name (the key under
 * `lambda_functions` in `.wsapp/config.json`, as in Chalice): the three route handlers, and the
 * `$connect` authorizer of an app that registers one.
 *
 * @example
 * ```ts
 * const name: WebsocketFunctionName = 'websocket_message';
 * ```
 */
export type WebsocketFunctionName = 'websocket_connect' | 'websocket_message' | 'websocket_disconnect' | 'websocket_authorizer';

/**
 * Logical ID of each function, as Chalice names them: a public contract that merge templates
 * (such as the chat tutorial's `resources.json`) address. `wsapp package` names the functions
 * it generates with them, and the embedded DynamoDB reads the handlers' `Environment.Variables`
 * from the resources they name.
 *
 * @example
 * ```ts
 * import { FUNCTION_LOGICAL_IDS } from '@wsapp/local';
 *
 * FUNCTION_LOGICAL_IDS.websocket_message; // 'WebsocketMessage'
 * ```
 */
export const FUNCTION_LOGICAL_IDS: Readonly<Record<WebsocketFunctionName, string>> = Object.freeze({
  websocket_connect: 'WebsocketConnect',
  websocket_message: 'WebsocketMessage',
  websocket_disconnect: 'WebsocketDisconnect',
  websocket_authorizer: 'WebsocketAuthorizer',
});
