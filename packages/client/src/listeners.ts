/**
 * Listener sets keyed by event name. A listener that throws does not stop the others or the
 * client: its error is rethrown asynchronously (an unhandled rejection), as an `EventTarget`
 * reports a throwing listener.
 *
 * @example
 * ```ts
 * const listeners = new Listeners<{ tick: (n: number) => void }>();
 * const off = listeners.on('tick', (n) => console.log(n));
 * listeners.emit('tick', 1);
 * off();
 * ```
 */
export class Listeners<Events extends { [E in keyof Events]: (...args: never[]) => void }> {
  private readonly sets = new Map<keyof Events, Set<Events[keyof Events]>>();

  /** Adds a listener; returns the function that removes it. */
  on<E extends keyof Events>(event: E, listener: Events[E]): () => void {
    let set = this.sets.get(event);
    if (!set) this.sets.set(event, (set = new Set()));
    set.add(listener);
    return () => void set.delete(listener);
  }

  emit<E extends keyof Events>(event: E, ...args: Parameters<Events[E]>): void {
    for (const listener of [...(this.sets.get(event) ?? [])]) {
      try {
        (listener as (...given: Parameters<Events[E]>) => void)(...args);
      } catch (error) {
        void Promise.reject(error);
      }
    }
  }
}
