import { WsApp } from '@wsapp/framework';
import { createTestClient } from '@wsapp/local/testing';

describe('the test client in its default reject mode', () => {
  let handled: string[];
  let app: WsApp;

  beforeEach(() => {
    handled = [];
    app = new WsApp({ name: 'reject-mode' });
    app.onWsMessage((event) => void handled.push(event.body));
  });

  it('rejects send for a binary message with an error naming close code 1003, and closes the connection', async () => {
    const conn = await createTestClient(app).connect();

    const failure = conn.send(new Uint8Array([1, 2, 3]));

    await expect(failure).rejects.toThrow('The gateway closed the connection with 1003');
    await conn.disconnected;
    expect([conn.isOpen, conn.closeCode]).toEqual([false, 1003]);
    expect(handled).toEqual([]);
  });

  it('rejects send for a message over 128 KB with an error naming close code 1009, and closes the connection', async () => {
    const conn = await createTestClient(app).connect();

    const failure = conn.send('x'.repeat(128 * 1024 + 1));

    await expect(failure).rejects.toThrow('The gateway closed the connection with 1009');
    await conn.disconnected;
    expect([conn.isOpen, conn.closeCode]).toEqual([false, 1009]);
    expect(handled).toEqual([]);
  });
});

describe("the test client in handlerErrors: 'frame' mode", () => {
  it('resolves send when a handler throws and records the Internal server error frame, keeping the connection open', async () => {
    // Prepare
    const app = new WsApp({ name: 'frame-mode' });
    const logged: string[] = [];
    app.log.setSink((_record, line) => logged.push(line));
    app.onWsMessage((event) => {
      if (event.body === 'boom') throw new Error('handler failed');
      return app.websocketApi.send(event.connectionId, 'fine');
    });
    const conn = await createTestClient(app, { handlerErrors: 'frame' }).connect();

    try {
      // Act
      const result = await conn.send('boom');
      await conn.send('then this');

      // Assess
      expect(result).toBeUndefined();
      expect(conn.received).toHaveLength(2);
      expect(JSON.parse(conn.received[0]!)).toEqual({
        message: 'Internal server error',
        connectionId: conn.connectionId,
        requestId: expect.any(String),
      });
      expect(conn.received[1]).toBe('fine');
      expect(conn.isOpen).toBe(true);
      expect(logged).toEqual([expect.stringContaining('handler failed')]);
    } finally {
      app.log.setSink();
    }
  });
});
