export {
  ConnectionRefusedError,
  TestClient,
  createTestClient,
  type TestClientOptions,
  type TestConnectOptions,
} from './test-client';
export { TestConnection, type HandlerErrorMode } from './test-connection';
export { sequentialIds, steppingClock } from './deterministic';
export { manualClock, type ManualClock } from './manual-clock';
export { capturedEvent, type CapturedEvents, type EventOverrides } from './captured-events';
