import { parseSince } from '../../src/logs/since';
import { interleave, plainLogLine, readableLogLine } from '../../src/logs/log-lines';
import { LiveEventView, renderLiveFrame, type LiveTerminal } from '../../src/stack/live-event-view';
import { PlainEventView } from '../../src/stack/plain-event-view';
import type { StackEventRecord } from '../../src/stack/stack-events';

const T0 = Date.parse('2026-12-01T10:00:00.000Z');

function event(logicalId: string, status: string, at: number, reason?: string): StackEventRecord {
  return { id: `${logicalId}-${status}`, time: new Date(at), logicalId, type: 'AWS::ApiGatewayV2::Api', status, ...(reason ? { reason } : {}) };
}

/** A terminal that keeps what was written and replays cursor-up and clear-line, as a terminal would. */
function recordingTerminal(): LiveTerminal & { screen(): string[] } {
  let lines: string[] = [];
  let row = 0;
  return {
    columns: () => 100,
    rows: () => 30,
    write(text: string) {
      for (const part of text.split(/(\x1b\[\d+F|\x1b\[2K|\n)/).filter(Boolean)) {
        const up = /^\x1b\[(\d+)F$/.exec(part);
        if (up) row -= Number(up[1]);
        else if (part === '\x1b[2K') lines[row] = '';
        else if (part === '\n') row += 1;
        else lines[row] = (lines[row] ?? '') + part;
      }
      lines = lines.slice(0, Math.max(row, lines.length));
    },
    screen: () => lines.filter((line) => line !== undefined),
  };
}

describe('the stack event views', () => {
  it('writes a plain timestamped line per event, with the reason when there is one', () => {
    const lines: string[] = [];
    const view = new PlainEventView((line) => lines.push(line));

    view.events([event('WebsocketAPI', 'CREATE_IN_PROGRESS', T0), event('WebsocketAPI', 'CREATE_FAILED', T0 + 1500, 'Bad route')]);

    expect(lines).toEqual([
      '2026-12-01T10:00:00.000Z  CREATE_IN_PROGRESS  AWS::ApiGatewayV2::Api  WebsocketAPI',
      '2026-12-01T10:00:01.500Z  CREATE_FAILED  AWS::ApiGatewayV2::Api  WebsocketAPI  Bad route',
    ]);
  });

  it('renders one line per resource with a spinner while it works and a mark and its time once settled', () => {
    const frame = renderLiveFrame(
      [
        { logicalId: 'WebsocketAPI', type: 'T', status: 'CREATE_COMPLETE', startedAt: 0, settledAt: 2_000 },
        { logicalId: 'Fn', type: 'T', status: 'CREATE_IN_PROGRESS', startedAt: 1_000 },
        { logicalId: 'Role', type: 'T', status: 'CREATE_FAILED', reason: 'denied', startedAt: 0, settledAt: 500 },
      ],
      4_500,
      2,
    );

    expect(frame).toEqual([
      '✓ WebsocketAPI  CREATE_COMPLETE     2.0s',
      '⠹ Fn            CREATE_IN_PROGRESS  3.5s',
      '✗ Role          CREATE_FAILED       0.5s  denied',
    ]);
  });

  it('redraws the same lines in place on a terminal as events arrive', () => {
    const terminal = recordingTerminal();
    let now = 0;
    const view = new LiveEventView(terminal, () => now);

    view.events([event('WebsocketAPI', 'CREATE_IN_PROGRESS', T0), event('Fn', 'CREATE_IN_PROGRESS', T0)]);
    now = 1_000;
    view.events([event('WebsocketAPI', 'CREATE_COMPLETE', T0 + 1000)]);
    now = 3_000;
    view.events([event('Fn', 'CREATE_COMPLETE', T0 + 3000)]);
    view.stop();

    expect(terminal.screen()).toEqual(['✓ WebsocketAPI  CREATE_COMPLETE  1.0s', '✓ Fn            CREATE_COMPLETE  3.0s']);
  });
});

describe('the log views', () => {
  const json = { functionId: 'WebsocketMessage', timestamp: T0 + 5, eventId: '1', message: '{"timestamp":"x","level":"INFO","message":"joined","room":"a","n":2}\n' };

  it('shows JSON and text-format log lines readably on a terminal, and as logged otherwise', () => {
    expect(readableLogLine(json)).toBe('10:00:00.005Z WebsocketMessage INFO joined room=a n=2');
    expect(plainLogLine(json)).toBe('2026-12-01T10:00:00.005Z WebsocketMessage {"timestamp":"x","level":"INFO","message":"joined","room":"a","n":2}');
    expect(readableLogLine({ ...json, message: 'START RequestId: r1\n' })).toBe('10:00:00.005Z WebsocketMessage START RequestId: r1');
    expect(readableLogLine({ ...json, message: '2026-12-01T10:00:00.005Z\tr1\tWARN\tslow room a\n' })).toBe('10:00:00.005Z WebsocketMessage WARN slow room a requestId=r1');
  });

  it('interleaves the functions’ events by time', () => {
    const at = (functionId: string, timestamp: number) => ({ functionId, timestamp, message: '', eventId: `${functionId}${timestamp}` });

    expect(interleave([[at('A', 1), at('A', 4)], [at('B', 2), at('B', 3)]]).map((e) => e.functionId + e.timestamp)).toEqual(['A1', 'B2', 'B3', 'A4']);
  });

  it('reads --since as a duration back from now or as a time, and refuses anything else', () => {
    expect(parseSince('10m', T0)).toBe(T0 - 600_000);
    expect(parseSince('1h30m', T0)).toBe(T0 - 5_400_000);
    expect(parseSince('2026-11-30T10:00:00Z', T0)).toBe(T0 - 86_400_000);
    expect(() => parseSince('yesterday', T0)).toThrow(/--since takes a duration such as 30s, 10m.*got "yesterday"/);
  });
});
