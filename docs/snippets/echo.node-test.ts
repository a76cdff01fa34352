// The echo example tested with node:test and createTestClient; docs/topics/testing.md shows it and
// docs/test/commands.test.ts runs it with `node --import tsx --test docs/snippets/echo.node-test.ts`.
// #region node-test
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestClient } from '@wsapp/local/testing';
import { app } from '../../examples/echo-server/app';

test('echoes every message back to the connection that sent it', async () => {
  const client = createTestClient(app);
  const conn = await client.connect();

  await conn.send('foo');
  await conn.send('bar');

  assert.deepEqual(conn.received, ['foo', 'bar']);
  await client.dispose();
});
// #endregion node-test
