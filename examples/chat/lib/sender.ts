import { WebsocketDisconnectedError, type WebsocketApi } from '@wsapp/framework';
import type { Storage } from './storage';

/**
 * Sends chat messages through `app.websocketApi` and forgets connections that are gone:
 * a recipient API Gateway no longer knows has its records deleted, so it drops out of rooms.
 *
 * @example
 * ```ts
 * const sender = new Sender(app.websocketApi, storage);
 * await sender.send(connectionId, 'Joined chat room "chalice"');
 * await sender.broadcast(await storage.getConnectionIdsByRoom('chalice'), 'John: Hi');
 * ```
 */
export class Sender {
  constructor(
    private readonly websocketApi: WebsocketApi,
    private readonly storage: Storage,
  ) {}

  /** Sends to one connection; if it is gone, deletes its records instead. */
  async send(connectionId: string, message: string): Promise<void> {
    try {
      await this.websocketApi.send(connectionId, message);
    } catch (error) {
      if (!(error instanceof WebsocketDisconnectedError)) throw error;
      await this.forget(error.connectionId);
    }
  }

  /** Sends to many connections at once; deletes the records of those that are gone. */
  async broadcast(connectionIds: readonly string[], message: string): Promise<void> {
    const outcomes = await this.websocketApi.broadcast(connectionIds, message);
    await Promise.all(
      outcomes.map(async (outcome) => {
        if (outcome.status === 'gone') await this.forget(outcome.connectionId);
        if (outcome.status === 'failed') logError('Chat broadcast failed for one recipient', outcome);
      }),
    );
  }

  private async forget(connectionId: string): Promise<void> {
    try {
      await this.storage.deleteConnection(connectionId);
    } catch (error) {
      // The records expire by TTL anyway; the sender's own command carries on.
      logError('Could not delete the records of a gone connection', { connectionId, error });
    }
  }
}

function logError(message: string, details: { connectionId: string; error: unknown }): void {
  const error = details.error instanceof Error ? details.error.message : String(details.error);
  console.error(JSON.stringify({ level: 'ERROR', message, connectionId: details.connectionId, error }));
}
