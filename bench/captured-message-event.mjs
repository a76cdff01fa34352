// The real API Gateway message event (captured from AWS) for the `$default` route with the given
// body, from @wsapp/local/testing, so every bench sends the same, accurate shape.
import { capturedEvent } from '../packages/local/dist/testing/index.js';

export function capturedMessageEvent(body) {
  return capturedEvent('message', { body, requestContext: { routeKey: '$default' } });
}
