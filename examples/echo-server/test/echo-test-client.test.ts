import { createTestClient } from '@wsapp/local/testing';
import { app } from '../app';

describe('echo-server example, with the in-process test client', () => {
  const client = createTestClient(app);
  afterAll(() => client.dispose());

  it('echoes each message back to the connection that sent it, as in the tutorial', async () => {
    const conn = await client.connect();
    for (const line of ['foo', 'bar', 'foo bar baz']) await conn.send(line);
    expect(conn.received).toEqual(['foo', 'bar', 'foo bar baz']);
  });

  it('echoes only to the sender, not to other connections', async () => {
    const [alice, bob] = [await client.connect(), await client.connect()];
    await alice.send('hello');
    expect(alice.received).toEqual(['hello']);
    expect(bob.received).toEqual([]);
  });
});
