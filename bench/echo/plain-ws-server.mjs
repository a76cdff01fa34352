// The baseline: a plain `ws` echo server on 127.0.0.1. Prints its port, then echoes every message.
import { WebSocketServer } from 'ws';

const server = new WebSocketServer({ host: '127.0.0.1', port: 0 }, () => {
  process.stdout.write(`PORT ${server.address().port}\n`);
});
server.on('connection', (socket) => {
  socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
});
process.on('SIGTERM', () => process.exit(0));
