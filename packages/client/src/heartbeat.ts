import type { ClientClock, ClientTimer } from './clock';

/**
 * A connection's heartbeat, resolved: the frame to send, the answer to expect and the timings.
 *
 * @example
 * ```ts
 * const settings: HeartbeatSettings = { ping: '{"action":"ping"}', response: '{"action":"pong"}', intervalMs: 540_000, timeoutMs: 10_000 };
 * ```
 */
export interface HeartbeatSettings {
  ping: string;
  response: string;
  intervalMs: number;
  timeoutMs: number;
}

/**
 * A running heartbeat of one connection.
 *
 * @example
 * ```ts
 * if (!heartbeat.answer(text)) deliver(text);
 * ```
 */
export interface Heartbeat {
  /** True (and the answer is taken) when `text` is the awaited answer; such a frame is not delivered. */
  answer(text: string): boolean;
  stop(): void;
}

/**
 * Sends `settings.ping` every `intervalMs` and calls `missed` when its answer has not come
 * `timeoutMs` later. While an answer is awaited no second ping is sent.
 *
 * @example
 * ```ts
 * const heartbeat = startHeartbeat((text) => socket.send(text), settings, clock, () => socket.close(4000));
 * ```
 */
export function startHeartbeat(send: (text: string) => void, settings: HeartbeatSettings, clock: ClientClock, missed: () => void): Heartbeat {
  let next: ClientTimer;
  let awaited: ClientTimer | undefined;
  const beat = (): void => {
    next = clock.setTimer(settings.intervalMs, beat);
    if (awaited) return;
    awaited = clock.setTimer(settings.timeoutMs, () => {
      next.cancel();
      missed();
    });
    send(settings.ping);
  };
  next = clock.setTimer(settings.intervalMs, beat);
  return {
    answer(text) {
      if (!awaited || text !== settings.response) return false;
      awaited.cancel();
      awaited = undefined;
      return true;
    },
    stop() {
      next.cancel();
      awaited?.cancel();
    },
  };
}
