import { createTestClient } from '@wsapp/local/testing';
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
