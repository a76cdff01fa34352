/**
 * A pending callback of a {@link ClientClock}.
 *
 * @example
 * ```ts
 * const timer = clock.setTimer(1_000, () => console.log('later'));
 * timer.cancel();
 * ```
 */
export interface ClientTimer {
  cancel(): void;
}

/**
 * Where the client reads the time and schedules its reconnect delays, heartbeats and
 * switch-overs. It has the shape of `@wsapp/local`'s `GatewayClock`, so a test can hand one
 * `manualClock()` to both the local gateway and the client.
 *
 * @example
 * ```ts
 * import { manualClock } from '@wsapp/local/testing';
 *
 * const clock = manualClock();
 * const gateway = await startLocalGateway(app, { port: 0, clock });
 * const client = createClient(gateway.url, { WebSocket, clock });
 * await clock.advance(500); // the reconnect delay passes now
 * ```
 */
export interface ClientClock {
  /** Epoch milliseconds. */
  now(): number;
  /** Calls `fire` once, `ms` milliseconds from now. */
  setTimer(ms: number, fire: () => void): ClientTimer;
}

/** The timer functions every browser and Node.js have, typed here so that no DOM or Node types are needed. */
interface TimerGlobals {
  setTimeout(fire: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * The real clock: `Date.now` and `setTimeout`.
 *
 * @example
 * ```ts
 * const client = createClient(url, { clock: systemClock }); // the same as leaving `clock` out
 * ```
 */
export const systemClock: ClientClock = {
  now: () => Date.now(),
  setTimer(ms, fire) {
    const timers = globalThis as unknown as TimerGlobals;
    const handle = timers.setTimeout(fire, ms);
    return { cancel: () => timers.clearTimeout(handle) };
  },
};
