import type WebSocket from 'ws';
import { CLOSE } from '../gateway/limits';
import type { ConnectionPort, GatewaySession } from '../gateway/session';

/**
 * The close code `ws` sent for a protocol error it detected (1002, 1007 invalid UTF-8, 1009
 * too big, ...): `ws` keeps it on the error under a symbol named `status-code`.
 *
 * @example
 * ```ts
 * socket.on('error', (error) => console.log(sentCloseCode(error))); // 1007
 * ```
 */
export function sentCloseCode(error: Error): number {
  const symbol = Object.getOwnPropertySymbols(error).find((candidate) => candidate.description === 'status-code');
  const code = symbol === undefined ? undefined : (error as unknown as Record<symbol, unknown>)[symbol];
  return typeof code === 'number' ? code : 1002;
}

/**
 * A {@link ConnectionPort} that writes to a `ws` socket.
 *
 * @example
 * ```ts
 * const session = attempt.open(socketPort(socket));
 * ```
 */
export function socketPort(socket: WebSocket): ConnectionPort {
  return {
    sendText: (data) => socket.send(data, { binary: false }),
    bufferedBytes: () => socket.bufferedAmount,
    close: (code, reason) => socket.close(code, reason),
  };
}

/**
 * Feeds a `ws` socket's messages, protocol errors and close into its session.
 *
 * @example
 * ```ts
 * bindSocket(socket, attempt.open(socketPort(socket)));
 * ```
 */
export function bindSocket(socket: WebSocket, session: GatewaySession): void {
  socket.on('error', (error: Error) => {
    // ws closes with the code and no reason; $disconnect gives the gateway's own reason for it.
    const code = sentCloseCode(error);
    session.closedByTransport(code, Object.values(CLOSE).find((close) => close.code === code)?.reason ?? '');
  });
  socket.on('message', (data: Buffer, isBinary: boolean) => void session.receive(data, isBinary));
  socket.on('close', (code: number, reason: Buffer) => void session.ended(code, reason.toString('utf8')));
}
