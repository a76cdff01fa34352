import type { GatewayClock, GatewayTimer } from '../gateway/clock';

/**
 * A {@link GatewayClock} that moves only when told to, for testing timeouts (idle, maximum
 * duration, integration) without waiting for them.
 *
 * @example
 * ```ts
 * const clock = manualClock();
 * const client = createTestClient(app, { clock });
 * await clock.advance(10 * 60 * 1000); // the idle timeout fires now
 * ```
 */
export interface ManualClock extends GatewayClock {
  /** Moves the time forward, firing every timer that falls due, in order; then lets pending work run. */
  advance(ms: number): Promise<void>;
}

/**
 * Creates a {@link ManualClock} starting at `start` (default 2024-11-11T11:35:24Z).
 *
 * @example
 * ```ts
 * const clock = manualClock();
 * clock.now(); // 1731324924000
 * ```
 */
export function manualClock(start = 1731324924000): ManualClock {
  let now = start;
  let sequence = 0;
  const timers = new Map<number, { at: number; fire: () => void }>();
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
  return {
    now: () => now,
    setTimer(ms, fire): GatewayTimer {
      const id = sequence++;
      timers.set(id, { at: now + Math.max(0, ms), fire });
      return { cancel: () => void timers.delete(id) };
    },
    async advance(ms) {
      const target = now + ms;
      for (;;) {
        await settle();
        const due = [...timers.entries()].filter(([, timer]) => timer.at <= target).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
        if (!due) break;
        timers.delete(due[0]);
        now = Math.max(now, due[1].at);
        due[1].fire();
      }
      now = target;
      await settle();
    },
  };
}
