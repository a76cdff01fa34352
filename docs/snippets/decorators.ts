// The decorator form shown in docs/topics/decorators.md; exercised by docs/test/decorators.test.ts.
// #region decorators
import { WsApp, type WebsocketEvent } from '@wsapp/framework';

export const app = new WsApp({ name: 'rooms' });

class Rooms {
  private readonly joined = new Map<string, string>();

  @app.onWsRoute('join')
  join(event: WebsocketEvent) {
    this.joined.set(event.connectionId, (event.jsonBody as { room: string }).room);
  }

  @app.onWsRoute('where', { twoWay: true })
  where(event: WebsocketEvent) {
    return this.joined.get(event.connectionId) ?? 'nowhere';
  }

  @app.onWsDisconnect()
  leave(event: WebsocketEvent) {
    this.joined.delete(event.connectionId);
  }
}

// Create the instance the methods run on before events arrive.
new Rooms();

export const handler = app.handler;
// #endregion decorators
