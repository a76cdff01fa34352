import { createTestClient } from '@wsapp/local/testing';
import { app } from '../../examples/echo-server/app';

describe('the echo server', () => {
  it('echoes every message back to the connection that sent it', async () => {
    const client = createTestClient(app);
    const conn = await client.connect();

    await conn.send('foo');
    await conn.send('bar');

    expect(conn.received).toEqual(['foo', 'bar']);
    await client.dispose();
  });
});
