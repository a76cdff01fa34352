import type { LogRecord } from '@wsapp/framework';
import { createTestClient } from '@wsapp/local/testing';
import { app as guarded } from '../snippets/decorated-guard';
import { app } from '../snippets/decorators';

describe('the decorators topic', () => {
  it('runs decorated methods on the instance, with this bound to it', async () => {
    const client = createTestClient(app);
    const conn = await client.connect();

    await conn.send('{"action":"where"}');
    await conn.send('{"action":"join","room":"lobby"}');
    await conn.send('{"action":"where"}');

    expect(conn.received).toEqual(['nowhere', 'lobby']);
    await client.dispose();
  });
});

describe('the decorated authorizer and middleware of the decorators topic', () => {
  it('runs @app.authorizer() on every handshake and @app.middleware() around every handler', async () => {
    const logged: LogRecord[] = [];
    guarded.log.setSink((record) => logged.push(record));
    const client = createTestClient(guarded);

    await expect(client.connect()).rejects.toMatchObject({ statusCode: 401 });
    await expect(client.connect({ query: { key: 'key-2' } })).rejects.toMatchObject({ statusCode: 401 });
    const conn = await client.connect({ query: { key: 'key-1' } });
    await conn.send('hi');

    expect(conn.received).toEqual(['hello alice']);
    expect(logged.filter((record) => record.message === 'handled').map((record) => [record.routeKey, record.user])).toEqual([
      ['$default', 'alice'],
    ]);
    await client.dispose();
    guarded.log.setSink();
  });
});
