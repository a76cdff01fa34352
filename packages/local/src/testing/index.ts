export {
  ConnectionRefusedError,
  TestClient,
  createTestClient,
  type TestClientOptions,
  type TestConnectOptions,
} from './test-client';
export { TestConnection } from './test-connection';
export { sequentialIds, steppingClock } from './deterministic';
export { capturedEvent, type CapturedEvents, type EventOverrides } from './captured-events';
