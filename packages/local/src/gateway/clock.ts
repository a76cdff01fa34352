/**
 * A pending callback of a {@link GatewayClock}.
 *
 * @example
 * ```ts
 * const timer = clock.setTimer(1_000, () => console.log('later'));
 * timer.cancel();
 * ```
 */
export interface GatewayTimer {
  cancel(): void;
}

/**
 * Where the gateway reads the time and schedules its timeouts (idle, maximum duration,
 * integration). Tests pass a manual clock so that timeouts fire when the test says, not after
 * real time has passed.
 *
 * @example
 * ```ts
 * const clock: GatewayClock = { now: () => Date.now(), setTimer: (ms, fire) => { const t = setTimeout(fire, ms); return { cancel: () => clearTimeout(t) }; } };
 * ```
 */
export interface GatewayClock {
  /** Epoch milliseconds. */
  now(): number;
  /** Calls `fire` once, `ms` milliseconds from now. */
  setTimer(ms: number, fire: () => void): GatewayTimer;
}

/**
 * The real clock: `Date.now` and `setTimeout` (timers do not keep the process alive).
 *
 * @example
 * ```ts
 * const gateway = new EmulatedGateway(app, { clock: systemClock });
 * ```
 */
export const systemClock: GatewayClock = {
  now: () => Date.now(),
  setTimer(ms, fire) {
    const timer = setTimeout(fire, ms);
    timer.unref();
    return { cancel: () => clearTimeout(timer) };
  },
};
