import { WsApp } from '@wsapp/framework';
import { capturedEvent } from '@wsapp/local/testing';
import { resolveStageSettings, type ProjectConfig } from '../src/config';
import { functionScopedEnvironment } from '../src/local/function-environment';
import { functionOnlyWarning, localEnvironment } from '../src/local/local-environment';

describe('localEnvironment', () => {
  const config: ProjectConfig = {
    environment_variables: { A: 'top', B: 'top' },
    lambda_functions: { websocket_connect: { environment_variables: { A: 'connect', C: 'connect' } } },
    stages: { dev: { environment_variables: { B: 'dev' }, lambda_functions: { websocket_message: { environment_variables: { D: 'message' } } } } },
  };

  it("shares the stage's variables under the merge template's, and keeps each function's own apart", () => {
    const environment = localEnvironment(config, resolveStageSettings(config, 'dev'), { B: 'template', C: 'template' });

    expect(environment).toEqual({
      shared: { A: 'top', B: 'template', C: 'template' },
      perFunction: { websocket_connect: { A: 'connect' }, websocket_message: { D: 'message' }, websocket_disconnect: {}, websocket_authorizer: {} },
    });
  });

  it('warns naming each function and its own variables, and is silent when there are none', () => {
    const settings = resolveStageSettings(config, 'dev');

    expect(functionOnlyWarning(localEnvironment(config, settings, {}))).toMatch(/^environment variables set per function \(websocket_connect: A, C; websocket_message: D\)/);
    expect(functionOnlyWarning(localEnvironment({}, resolveStageSettings({}, 'dev'), {}))).toBeUndefined();
  });
});

describe('localEnvironment and log_level', () => {
  it('sets AWS_LAMBDA_LOG_LEVEL from log_level as Lambda does: shared when every function has one level, else per function', () => {
    const everywhere = resolveStageSettings({ log_level: 'DEBUG' }, 'dev');
    const mixed = resolveStageSettings({ log_level: 'WARN', lambda_functions: { websocket_message: { log_level: 'DEBUG' } } }, 'dev');
    const overridden = resolveStageSettings({ log_level: 'DEBUG', environment_variables: { AWS_LAMBDA_LOG_LEVEL: 'ERROR' } }, 'dev');

    expect(localEnvironment({ log_level: 'DEBUG' }, everywhere, {}).shared.AWS_LAMBDA_LOG_LEVEL).toBe('DEBUG');
    const perFunction = localEnvironment({}, mixed, {}).perFunction;
    expect([perFunction.websocket_message.AWS_LAMBDA_LOG_LEVEL, perFunction.websocket_connect.AWS_LAMBDA_LOG_LEVEL]).toEqual(['DEBUG', 'WARN']);
    expect(localEnvironment({ environment_variables: { AWS_LAMBDA_LOG_LEVEL: 'ERROR' } }, overridden, {}).shared.AWS_LAMBDA_LOG_LEVEL).toBe('ERROR');
  });
});

describe('functionScopedEnvironment', () => {
  afterEach(() => {
    delete process.env.WSAPP_TEST_ONLY;
  });

  it("gives concurrent invocations of different functions each their own variables, across awaits", async () => {
    // Prepare: $connect waits, mid-invocation, until a message has run.
    const seen: Record<string, string | undefined> = {};
    let messageRan: () => void = () => undefined;
    const afterMessage = new Promise<void>((resolve) => (messageRan = resolve));
    const app = new WsApp({ name: 'scoped' });
    app.onWsConnect(async () => {
      seen.connectBefore = process.env.WSAPP_TEST_ONLY;
      await afterMessage;
      seen.connectAfter = process.env.WSAPP_TEST_ONLY;
    });
    app.onWsMessage(async () => {
      seen.message = process.env.WSAPP_TEST_ONLY;
      messageRan();
    });
    const scoped = functionScopedEnvironment({ websocket_connect: { WSAPP_TEST_ONLY: 'connect' }, websocket_message: {}, websocket_disconnect: {}, websocket_authorizer: {} });
    const wrapped = scoped.wrap(app);

    // Act
    try {
      const connecting = wrapped.handler(capturedEvent('connect'));
      await wrapped.handler(capturedEvent('message'));
      await connecting;
      seen.outside = process.env.WSAPP_TEST_ONLY;
    } finally {
      scoped.release();
    }

    // Assess: only $connect sees its variable, before and after the message ran in between.
    expect(seen).toEqual({ connectBefore: 'connect', message: undefined, connectAfter: 'connect', outside: undefined });
    expect(wrapped.name).toBe('scoped');
    expect(wrapped.routes.map((route) => route.routeKey)).toEqual(['$connect', '$default']);
  });

  it("gives the authorizer's invocations the variables of websocket_authorizer, and only those", async () => {
    const seen: Array<string | undefined> = [];
    const app = new WsApp({ name: 'scoped-authorizer' });
    app.log.setSink(() => undefined);
    app.authorizer(() => {
      seen.push(process.env.WSAPP_TEST_ONLY);
      return { principalId: 'user-1' };
    });
    app.onWsConnect(() => void seen.push(process.env.WSAPP_TEST_ONLY));
    const scoped = functionScopedEnvironment({ websocket_connect: {}, websocket_message: {}, websocket_disconnect: {}, websocket_authorizer: { WSAPP_TEST_ONLY: 'authorizer' } });

    try {
      const wrapped = scoped.wrap(app);
      await wrapped.handler(capturedEvent('authorizerRequest'));
      await wrapped.handler(capturedEvent('connect'));
    } finally {
      scoped.release();
    }

    expect(seen).toEqual(['authorizer', undefined]);
  });

  it('leaves process.env and the app as they are when no function has variables of its own', () => {
    const before = process.env;
    const app = new WsApp({ name: 'plain' });

    const scoped = functionScopedEnvironment({ websocket_connect: {}, websocket_message: {}, websocket_disconnect: {}, websocket_authorizer: {} });

    expect(scoped.wrap(app)).toBe(app);
    expect(process.env).toBe(before);
  });
});
