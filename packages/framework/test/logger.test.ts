import { WsApp, type LogRecord } from '../src';
import { capturedEvent } from '@wsapp/local/testing';

function recordingApp(): { app: WsApp; records: LogRecord[]; lines: string[] } {
  const app = new WsApp({ name: 'log' });
  const records: LogRecord[] = [];
  const lines: string[] = [];
  app.log.setSink((record, line) => {
    records.push(record);
    lines.push(line);
  });
  return { app, records, lines };
}

describe('app.log', () => {
  const saved = process.env.AWS_LAMBDA_LOG_LEVEL;
  afterEach(() => {
    if (saved === undefined) delete process.env.AWS_LAMBDA_LOG_LEVEL;
    else process.env.AWS_LAMBDA_LOG_LEVEL = saved;
  });

  it("writes one JSON line in Lambda's shape, stamped with the event's request id, connection id and route key", async () => {
    const { app, lines } = recordingApp();
    app.onWsMessage(() => app.log.info('joined', { room: 'lobby', members: 2, message: 'not mine', level: 'nope' }));
    const context = { awsRequestId: 'lambda-request-1' } as never;

    await app.handler(capturedEvent('message', { body: 'x', requestContext: { routeKey: '$default' } }), context);

    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
    expect(Object.keys(line)).toEqual(['timestamp', 'level', 'message', 'requestId', 'connectionId', 'routeKey', 'room', 'members']);
    expect(line).toEqual({
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      level: 'INFO',
      message: 'joined',
      requestId: 'lambda-request-1',
      connectionId: 'BFaT_fALIAMCKug=',
      routeKey: '$default',
      room: 'lobby',
      members: 2,
    });
  });

  it('uses API Gateway’s request id without a Lambda context, and no event fields outside an invocation', async () => {
    const { app, records } = recordingApp();
    app.onWsConnect(() => app.log.warn('slow'));

    await app.handler(capturedEvent('connect'));
    app.log.error('outside');

    expect(records.map(({ level, message, requestId, routeKey }) => ({ level, message, requestId, routeKey }))).toEqual([
      { level: 'WARN', message: 'slow', requestId: capturedEvent('connect').requestContext.requestId, routeKey: '$connect' },
      { level: 'ERROR', message: 'outside', requestId: undefined, routeKey: undefined },
    ]);
  });

  it('keeps concurrent invocations apart', async () => {
    const { app, records } = recordingApp();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    app.onWsMessage(async (event) => {
      if (event.body === 'first') await gate;
      app.log.info(event.body);
    });
    const event = (body: string, requestId: string) => capturedEvent('message', { body, requestContext: { routeKey: '$default', requestId } });

    const first = app.handler(event('first', 'req-1'));
    await app.handler(event('second', 'req-2'));
    release();
    await first;

    expect(records.map((record) => [record.message, record.requestId])).toEqual([['second', 'req-2'], ['first', 'req-1']]);
  });

  it('honours AWS_LAMBDA_LOG_LEVEL, INFO by default', () => {
    const { app, records } = recordingApp();
    const all = () => {
      app.log.debug('d');
      app.log.info('i');
      app.log.warn('w');
      app.log.error('e');
    };

    delete process.env.AWS_LAMBDA_LOG_LEVEL;
    all();
    process.env.AWS_LAMBDA_LOG_LEVEL = 'DEBUG';
    all();
    process.env.AWS_LAMBDA_LOG_LEVEL = 'warn';
    all();

    expect(records.map((record) => record.message).join('')).toBe(['iwe', 'diwe', 'we'].join(''));
  });

  it('writes errors, bigints and undefined fields as JSON can hold them, and survives a sink that throws', () => {
    const { app, lines } = recordingApp();
    app.log.error('failed', { error: new TypeError('bad'), count: 10n, missing: undefined });
    const written = JSON.parse(lines[0] ?? '{}') as { error: { name: string; message: string; stack: string }; count: string };
    expect(written.error).toMatchObject({ name: 'TypeError', message: 'bad' });
    expect(written.count).toBe('10');
    expect('missing' in written).toBe(false);

    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      app.log.setSink(() => {
        throw new Error('sink broke');
      });
      expect(() => app.log.info('still written')).not.toThrow();
      expect(String(stdout.mock.calls[0]?.[0])).toContain('"message":"still written"');
    } finally {
      stdout.mockRestore();
    }
  });
});
