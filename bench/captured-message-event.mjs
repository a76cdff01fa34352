// The real API Gateway message event the framework's tests use (captured from AWS), for the
// `$default` route with the given body, so every bench sends the same, accurate shape.
import { readFileSync } from 'node:fs';

const fixture = new URL('../packages/framework/test/fixtures/events/message.json', import.meta.url);

export function capturedMessageEvent(body) {
  const event = JSON.parse(readFileSync(fixture, 'utf8'));
  event.requestContext.routeKey = '$default';
  event.body = body;
  return event;
}
