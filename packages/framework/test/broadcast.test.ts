import { WebsocketApi, WebsocketDisconnectedError } from '../src';
import { answerError, answerLikeApiGateway, FakeManagementApi } from './helpers/fake-management-api';

describe('app.websocketApi.broadcast', () => {
  const server = new FakeManagementApi();
  let api: WebsocketApi;

  beforeAll(async () => {
    api = new WebsocketApi();
    api.configure({ endpoint: await server.start() });
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    server.requests.length = 0;
    server.maxInFlight = 0;
  });

  it('reports every outcome for 1,000 recipients, some gone and some failing, without throwing', async () => {
    // Prepare: every 7th id is gone (410), every 13th (not 7th) fails with 403.
    const ids = Array.from({ length: 1000 }, (_, i) => `conn-${i}`);
    const goneIds = new Set(ids.filter((_, i) => i % 7 === 0));
    const failingIds = new Set(ids.filter((_, i) => i % 13 === 0 && i % 7 !== 0));
    server.delayMs = 2;
    server.responder = (req, res) => {
      if (goneIds.has(req.connectionId)) answerError(res, 410, 'GoneException');
      else if (failingIds.has(req.connectionId)) answerError(res, 403, 'ForbiddenException');
      else answerLikeApiGateway(req, res);
    };

    // Act
    const outcomes = await api.broadcast(ids, 'hello room');

    // Assess
    expect(outcomes.map((o) => o.connectionId)).toEqual(ids);
    for (const outcome of outcomes) {
      if (goneIds.has(outcome.connectionId)) {
        expect(outcome.status).toBe('gone');
        expect(outcome.status === 'gone' && outcome.error).toBeInstanceOf(WebsocketDisconnectedError);
      } else if (failingIds.has(outcome.connectionId)) {
        expect(outcome).toMatchObject({ status: 'failed', error: { name: 'ForbiddenException' } });
      } else {
        expect(outcome).toEqual({ connectionId: outcome.connectionId, status: 'sent' });
      }
    }
    expect(new Set(server.requests.map((r) => r.connectionId)).size).toBe(1000);
    expect(server.requests.every((r) => r.body.toString() === 'hello room')).toBe(true);
    expect(server.maxInFlight).toBeLessThanOrEqual(50);
    expect(server.maxInFlight).toBeGreaterThan(1);
  });

  it('never has more requests in flight than the concurrency it is given', async () => {
    server.delayMs = 5;
    server.responder = answerLikeApiGateway;
    const ids = Array.from({ length: 60 }, (_, i) => `c${i}`);
    const outcomes = await api.broadcast(ids, 'x', { concurrency: 4 });
    expect(outcomes.every((o) => o.status === 'sent')).toBe(true);
    expect(server.maxInFlight).toBeLessThanOrEqual(4);
    expect(server.maxInFlight).toBeGreaterThan(1);
  });

  it('resolves to an empty list for no recipients and refuses a bad concurrency before sending', async () => {
    await expect(api.broadcast([], 'x')).resolves.toEqual([]);
    await expect(api.broadcast(['a'], 'x', { concurrency: 0 })).rejects.toThrow(RangeError);
    expect(server.requests).toHaveLength(0);
  });
});
