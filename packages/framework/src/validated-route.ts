import { INVALID_BODY_MESSAGE, validateBody, type InvalidBodyFrame } from './body-validation';
import { WebsocketDisconnectedError } from './errors';
import type { WsAppLogger } from './logger';
import type { WebsocketHandler } from './route';
import type { StandardSchema } from './standard-schema';
import type { WebsocketApi } from './websocket-api';
import { VALIDATED_BODY } from './websocket-event';

/**
 * What a validating route needs from its app: where to log and how to reach the sender.
 *
 * @example
 * ```ts
 * const services: ValidationServices = { log: app.log, websocketApi: app.websocketApi };
 * ```
 */
export interface ValidationServices {
  log: WsAppLogger;
  websocketApi: Pick<WebsocketApi, 'send'>;
}

/**
 * Wraps a route's handler so it runs only for a body that passes `schema`, with the schema's
 * output as `event.jsonBody`. Any other body is logged (a warning with the issues) and answered
 * with one {@link InvalidBodyFrame}: as the route response on a two-way route, else posted to
 * the sender; the result is a 400 and the handler does not run.
 *
 * @example
 * ```ts
 * const handler = validatedRoute(schema, 'sendmessage', false, async (event) => {}, app);
 * ```
 */
export function validatedRoute(
  schema: StandardSchema,
  routeKey: string,
  twoWay: boolean,
  handler: WebsocketHandler,
  services: ValidationServices,
): WebsocketHandler {
  return async (event) => {
    const checked = await validateBody(schema, event.body);
    if ('value' in checked) {
      event[VALIDATED_BODY](checked.value);
      return handler(event);
    }
    services.log.warn('Websocket message body failed validation', { issues: checked.issues });
    const frame: InvalidBodyFrame = {
      message: INVALID_BODY_MESSAGE, routeKey, issues: checked.issues, connectionId: event.connectionId, requestId: event.requestId,
    };
    const text = JSON.stringify(frame);
    if (twoWay) return { statusCode: 400, body: text };
    try {
      await services.websocketApi.send(event.connectionId, text);
    } catch (error) {
      if (!(error instanceof WebsocketDisconnectedError)) throw error;
    }
    return { statusCode: 400 };
  };
}
