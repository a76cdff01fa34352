import type { EventSink, StackEventRecord } from './stack-events';

/**
 * One stack event as a plain line: its time, status, type, logical ID and reason.
 *
 * @example
 * ```ts
 * plainEventLine(event); // '2026-12-01T10:00:01.000Z  CREATE_COMPLETE  AWS::ApiGatewayV2::Api  WebsocketAPI'
 * ```
 */
export function plainEventLine(event: StackEventRecord): string {
  const parts = [event.time.toISOString(), event.status, event.type, event.logicalId];
  if (event.reason) parts.push(event.reason);
  return parts.join('  ');
}

/**
 * The view for logs and pipes: a timestamped line per event, nothing redrawn.
 *
 * @example
 * ```ts
 * const view = new PlainEventView((line) => process.stdout.write(`${line}\n`));
 * ```
 */
export class PlainEventView implements EventSink {
  readonly seen: StackEventRecord[] = [];

  constructor(private readonly writeLine: (line: string) => void) {}

  events(batch: readonly StackEventRecord[]): void {
    for (const event of batch) {
      this.seen.push(event);
      this.writeLine(plainEventLine(event));
    }
  }

  /** Nothing to clean up in a plain view. */
  stop(): void {}
}
