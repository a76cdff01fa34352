import type { EventSink, StackEventRecord } from './stack-events';

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/**
 * One resource's line in the live view: where it stands and since when (on our clock).
 *
 * @example
 * ```ts
 * const row: LiveRow = { logicalId: 'WebsocketAPI', type: 'AWS::ApiGatewayV2::Api', status: 'CREATE_IN_PROGRESS', startedAt: 0 };
 * ```
 */
export interface LiveRow {
  logicalId: string;
  type: string;
  status: string;
  reason?: string;
  startedAt: number;
  settledAt?: number;
}

function mark(row: LiveRow, tick: number): string {
  if (row.settledAt === undefined) return SPINNER[tick % SPINNER.length] ?? '-';
  return /FAILED|ROLLBACK/.test(row.status) ? '✗' : '✓';
}

/**
 * Renders the live view at `now`: one line per resource (its mark, logical ID, status and
 * elapsed seconds, the reason of a failure), in the order the resources first appeared.
 * A pure function, so a test checks frames without a terminal.
 *
 * @example
 * ```ts
 * renderLiveFrame([row], 1_500, 3); // ['⠸ WebsocketAPI  CREATE_IN_PROGRESS  1.5s']
 * ```
 */
export function renderLiveFrame(rows: readonly LiveRow[], now: number, tick: number): string[] {
  const idWidth = Math.max(0, ...rows.map((row) => row.logicalId.length));
  const statusWidth = Math.max(0, ...rows.map((row) => row.status.length));
  return rows.map((row) => {
    const seconds = (((row.settledAt ?? now) - row.startedAt) / 1000).toFixed(1);
    const line = `${mark(row, tick)} ${row.logicalId.padEnd(idWidth)}  ${row.status.padEnd(statusWidth)}  ${seconds}s`;
    return row.reason && /FAILED/.test(row.status) ? `${line}  ${row.reason}` : line;
  });
}

/**
 * What the live view needs of a terminal.
 *
 * @example
 * ```ts
 * const terminal: LiveTerminal = { write: (text) => process.stdout.write(text), columns: () => process.stdout.columns, rows: () => process.stdout.rows };
 * ```
 */
export interface LiveTerminal {
  write(text: string): void;
  columns(): number | undefined;
  /** The terminal's height: a frame taller than it shows its last lines only (a line scrolled off cannot be redrawn). */
  rows(): number | undefined;
}

/**
 * The view on a TTY: one line per resource, redrawn in place as events arrive and as the
 * spinner turns (every 100 ms).
 *
 * @example
 * ```ts
 * const view = new LiveEventView(terminal, Date.now);
 * await followStack(cfn, name, reader, view, pacer);
 * view.stop();
 * ```
 */
export class LiveEventView implements EventSink {
  readonly seen: StackEventRecord[] = [];
  private readonly rows = new Map<string, LiveRow>();
  private drawn = 0;
  private tick = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly terminal: LiveTerminal,
    private readonly now: () => number,
  ) {
    this.timer = setInterval(() => this.draw(++this.tick), 100);
    this.timer.unref();
  }

  events(batch: readonly StackEventRecord[]): void {
    for (const event of batch) {
      this.seen.push(event);
      this.apply(event);
    }
    this.draw(this.tick);
  }

  /** Draws the last frame and stops the spinner. */
  stop(): void {
    clearInterval(this.timer);
    this.draw(this.tick);
  }

  private apply(event: StackEventRecord): void {
    const at = this.now();
    const row = this.rows.get(event.logicalId);
    const settled = !event.status.endsWith('_IN_PROGRESS');
    if (row === undefined || (row.settledAt !== undefined && !settled)) {
      this.rows.set(event.logicalId, { logicalId: event.logicalId, type: event.type, status: event.status, startedAt: at, ...(settled ? { settledAt: at } : {}) });
      return;
    }
    row.status = event.status;
    if (event.reason) row.reason = event.reason;
    if (settled) row.settledAt = at;
  }

  private draw(tick: number): void {
    const width = this.terminal.columns() || 120; // 0 when the terminal does not say
    const height = Math.max(2, this.terminal.rows() || 40);
    const lines = renderLiveFrame([...this.rows.values()], this.now(), tick)
      .slice(-(height - 1))
      .map((line) => line.slice(0, Math.max(20, width - 1)));
    const up = this.drawn > 0 ? `\x1b[${this.drawn}F` : '';
    this.terminal.write(`${up}${lines.map((line) => `\x1b[2K${line}\n`).join('')}`);
    this.drawn = lines.length;
  }
}
