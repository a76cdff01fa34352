// Middleware and app.log, as docs/topics/middleware-and-logging.md shows them; exercised by
// docs/test/middleware-and-logging.test.ts, in process and in a real `wsapp local`.
// #region app
import { BadRequestError, WsApp } from '@wsapp/framework';

export const app = new WsApp({ name: 'middleware-example' });

// 1. Registered first, so outermost: it times every event, whatever the layers inside do.
app.middleware(async (event, next) => {
  const started = Date.now();
  try {
    return await next(event);
  } finally {
    app.log.info('handled', { ms: Date.now() - started });
  }
});

// 2. Maps an error to an answer: the sender of a bad message hears why, and the invocation
//    succeeds (unmapped, the client would get only {"message": "Internal server error", ...}).
app.middleware(async (event, next) => {
  try {
    return await next(event);
  } catch (error) {
    if (!(error instanceof BadRequestError)) throw error;
    app.log.warn('bad request', { reason: error.message });
    await app.websocketApi.send(event.connectionId, JSON.stringify({ error: error.message }));
    return undefined;
  }
});

// 3. Answers without calling the handler: during maintenance, new connections get 503.
app.middleware((event, next) => {
  if (event.eventType === 'CONNECT' && process.env.MAINTENANCE === 'on') return { statusCode: 503 };
  return next(event);
});

app.onWsConnect((event) => {
  app.log.info('connected', { sourceIp: event.identity.sourceIp });
});

app.onWsMessage(async (event) => {
  // event.jsonBody throws BadRequestError for a body that is not JSON.
  const text = (event.jsonBody as { text?: unknown } | null)?.text;
  if (typeof text !== 'string') throw new BadRequestError('send {"text": "..."}');
  if (text === 'boom') throw new Error('the database is down'); // stands for a bug or an outage
  app.log.debug('message', { text });
  await app.websocketApi.send(event.connectionId, `you said: ${text}`);
});

export const handler = app.handler;
// #endregion app
