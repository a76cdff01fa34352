import * as wsModule from 'ws';
import type WebSocket from 'ws';

interface ReceiverInternals {
  _opcode: number;
  _payloadLength: number;
  haveLength(this: ReceiverInternals, cb: (error?: Error) => void): void;
  createError(ctor: RangeErrorConstructor, message: string, prefix: boolean, statusCode: number, errorCode: string): Error;
}

/**
 * Whether this `ws` version's receiver can be hooked to limit single frames (`ws` itself only
 * limits whole messages, with `maxPayload`). Checked once at start-up, so a `ws` upgrade that
 * breaks the hook is reported instead of silently losing the limit.
 *
 * @example
 * ```ts
 * if (!frameLimitSupported()) console.warn('frames are not limited to 32 KB');
 * ```
 */
export function frameLimitSupported(): boolean {
  // `Receiver` is a named export of ws (missing from @types/ws).
  const prototype = (wsModule as unknown as { Receiver?: { prototype: Partial<ReceiverInternals> } }).Receiver?.prototype;
  return typeof prototype?.haveLength === 'function' && typeof prototype.createError === 'function';
}

/**
 * Makes a server-side `ws` socket close with 1009 when one data frame is larger than
 * `maxFrameBytes`, as API Gateway does for frames over 32 KB. Returns false when the receiver
 * cannot be hooked.
 *
 * @example
 * ```ts
 * wss.on('connection', (socket) => enforceFrameLimit(socket, 32 * 1024));
 * ```
 */
export function enforceFrameLimit(socket: WebSocket, maxFrameBytes: number): boolean {
  const receiver = (socket as unknown as { _receiver?: ReceiverInternals })._receiver;
  if (!receiver || typeof receiver.haveLength !== 'function' || typeof receiver.createError !== 'function') return false;
  const haveLength = receiver.haveLength;
  receiver.haveLength = function (cb) {
    if (this._opcode < 0x08 && this._payloadLength > maxFrameBytes) {
      cb(this.createError(RangeError, 'Max frame size exceeded', false, 1009, 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH'));
      return;
    }
    haveLength.call(this, cb);
  };
  return true;
}
