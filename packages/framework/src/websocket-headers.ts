/**
 * Read-only, case-insensitive view of the `$connect` handshake headers. Iteration yields the
 * names in the casing the client sent.
 *
 * @example
 * ```ts
 * app.onWsConnect((event) => {
 *   const protocols = event.headers.get('sec-websocket-protocol'); // any casing works
 * });
 * ```
 */
export class WebsocketHeaders implements Iterable<[string, string]> {
  private readonly byLowerName = new Map<string, { name: string; values: string[] }>();

  constructor(headers?: Record<string, string>, multiValueHeaders?: Record<string, string[]>) {
    for (const [name, values] of Object.entries(multiValueHeaders ?? {})) {
      this.byLowerName.set(name.toLowerCase(), { name, values: [...values] });
    }
    for (const [name, value] of Object.entries(headers ?? {})) {
      if (!this.byLowerName.has(name.toLowerCase())) {
        this.byLowerName.set(name.toLowerCase(), { name, values: [value] });
      }
    }
  }

  /** The header's value (the last one when it was sent several times), or `undefined`. */
  get(name: string): string | undefined {
    const values = this.byLowerName.get(name.toLowerCase())?.values;
    return values?.[values.length - 1];
  }

  /** Every value sent for the header, in order; `[]` when absent. */
  getAll(name: string): string[] {
    return [...(this.byLowerName.get(name.toLowerCase())?.values ?? [])];
  }

  /** Whether the client sent the header, in any casing. */
  has(name: string): boolean {
    return this.byLowerName.has(name.toLowerCase());
  }

  /** Number of distinct header names. */
  get size(): number {
    return this.byLowerName.size;
  }

  *[Symbol.iterator](): IterableIterator<[string, string]> {
    for (const { name, values } of this.byLowerName.values()) {
      yield [name, values[values.length - 1] ?? ''];
    }
  }

  /** A plain object in the client's casing, as API Gateway's `headers`. */
  toJSON(): Record<string, string> {
    return Object.fromEntries(this);
  }
}
