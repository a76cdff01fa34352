// The most the HTTP path of bench/echo could reach: a hand-built SDK client, as the http echo app
// uses it, posting to a loopback stand-in of the `@connections` endpoint that answers 200 at once
// (no gateway, no WebSocket). Run in its own process by run.mjs; prints one JSON line.
// Usage: node bench/echo/sdk-ceiling.mjs CONCURRENCY POSTS
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(repo, 'packages', 'framework', 'package.json'));
const { ApiGatewayManagementApiClient, PostToConnectionCommand } = require('@aws-sdk/client-apigatewaymanagementapi');

const [concurrency, posts] = process.argv.slice(2).map(Number);
// The stand-in: reads the body, answers 200 with an empty body, as API Gateway does for a post.
const standIn = createServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(200, { 'content-length': '0' }).end());
});
await new Promise((listening) => standIn.listen(0, '127.0.0.1', listening));
const client = new ApiGatewayManagementApiClient({ endpoint: `http://127.0.0.1:${standIn.address().port}/api` });
const send = (i) => client.send(new PostToConnectionCommand({ ConnectionId: 'BFaT_fALIAMCKug=', Data: `0:${i}` }));
for (let i = 0; i < 200; i++) await send(i); // warm-up
let next = 0;
const started = performance.now();
await Promise.all(Array.from({ length: concurrency }, async () => {
  while (next < posts) await send(next++);
}));
const seconds = (performance.now() - started) / 1000;
client.destroy();
standIn.close();
console.log(JSON.stringify({ concurrency, posts, postsPerSecond: Math.round(posts / seconds) }));
