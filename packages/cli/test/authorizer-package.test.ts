import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { CfnTemplate, JsonObject } from '../src/template';
import { makeApp } from './helpers/local-process';
import { runCli } from './helpers/run-cli';

/** An app with an authorizer on a query-string token and no `$connect` handler. */
const TOKEN_APP = `import { WsApp } from '@wsapp/framework';

export const app = new WsApp({ name: 'token-echo' });

app.authorizer((request) => (request.queryStringParameters?.token === 'letmein' ? { principalId: 'user-1' } : null), {
  identitySources: ['route.request.querystring.token'],
});

app.onWsMessage(async (event) => {
  await app.websocketApi.send(event.connectionId, event.body);
});
`;

/** An app with its own `$connect` handler and an authorizer with the default identity source. */
const CONNECT_APP = `import { WsApp } from '@wsapp/framework';

export const app = new WsApp({ name: 'guarded-chat' });

app.authorizer(() => ({ principalId: 'user-1', context: { tenant: 'acme' } }));
app.onWsConnect(() => undefined);
app.onWsMessage(() => undefined);
`;

const readTemplate = (dir: string): CfnTemplate => JSON.parse(readFileSync(join(dir, 'out', 'sam.json'), 'utf8')) as CfnTemplate;
const propertiesOf = (template: CfnTemplate, id: string): JsonObject => template.Resources[id]?.Properties as JsonObject;

describe('wsapp package for an app with an authorizer', () => {
  const folders: string[] = [];
  const app = (files: Record<string, string>): string => {
    const dir = makeApp(files);
    folders.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  });

  it('packages and validates an app without a $connect handler, and names the authorizer in its summary', () => {
    const dir = app({ 'app.ts': TOKEN_APP });

    const run = runCli(['package', '--validate', 'out'], dir);

    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Validated sam.json: no errors');
    expect(run.stdout).toContain('Functions: WebsocketMessage, WebsocketAuthorizer\n');
    expect(run.stdout).toContain(
      'Routes: $default, $connect [WebsocketConnectRoute -> MOCK integration, accepts what the authorizer allows]\n',
    );
    expect(run.stdout).toContain(
      'Authorizer: WebsocketAuthorizer (REQUEST, WebsocketAPIAuthorizer) on $connect; identity sources: route.request.querystring.token\n',
    );
    const template = readTemplate(dir);
    expect(propertiesOf(template, 'WebsocketAPIAuthorizer')).toMatchObject({
      AuthorizerType: 'REQUEST',
      Name: 'token-echo-dev-authorizer',
      IdentitySource: ['route.request.querystring.token'],
    });
    expect(propertiesOf(template, 'WebsocketConnectRoute')).toMatchObject({
      AuthorizationType: 'CUSTOM',
      AuthorizerId: { Ref: 'WebsocketAPIAuthorizer' },
      Target: { 'Fn::Join': ['/', ['integrations', { Ref: 'WebsocketConnectMockIntegration' }]] },
    });
    expect(propertiesOf(template, 'WebsocketAuthorizer')).toMatchObject({ Handler: 'app.handler', CodeUri: './deployment.zip' });
  });

  it('packages and validates an app with a $connect handler and per-function config for the authorizer', () => {
    const config = {
      log_level: 'WARN',
      lambda_functions: { websocket_authorizer: { lambda_memory_size: 256, lambda_timeout: 5, log_level: 'DEBUG' } },
    };
    const dir = app({ 'app.ts': CONNECT_APP, '.wsapp/config.json': JSON.stringify(config) });

    const run = runCli(['package', '--validate', '--template-format', 'yaml', 'out'], dir);

    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Validated sam.yaml: no errors');
    expect(run.stdout).toContain('Functions: WebsocketConnect, WebsocketMessage, WebsocketAuthorizer\n');
    expect(run.stdout).toContain('Routes: $connect, $default\n');
    expect(run.stdout).toContain(
      'Authorizer: WebsocketAuthorizer (REQUEST, WebsocketAPIAuthorizer) on $connect; identity sources: route.request.header.Authorization\n',
    );
  });

  it('writes the JSON log settings of log_level into sam.json', () => {
    const config = { stages: { dev: { log_level: 'ERROR', lambda_functions: { websocket_authorizer: { log_level: 'DEBUG' } } } } };
    const dir = app({ 'app.ts': CONNECT_APP, '.wsapp/config.json': JSON.stringify(config) });

    const run = runCli(['package', 'out'], dir);

    expect(run.status).toBe(0);
    const template = readTemplate(dir);
    expect(propertiesOf(template, 'WebsocketAuthorizer').LoggingConfig).toEqual({
      LogGroup: { Ref: 'WebsocketAuthorizerLogGroup' },
      LogFormat: 'JSON',
      ApplicationLogLevel: 'DEBUG',
    });
    expect(propertiesOf(template, 'WebsocketConnect').LoggingConfig).toEqual({
      LogGroup: { Ref: 'WebsocketConnectLogGroup' },
      LogFormat: 'JSON',
      ApplicationLogLevel: 'ERROR',
    });
  });

  it.each<[string, JsonObject, RegExp]>([
    [
      'an unknown key under lambda_functions.websocket_authorizer',
      { lambda_functions: { websocket_authorizer: { identity_sources: ['route.request.header.Authorization'] } } },
      /Invalid .*config\.json: lambda_functions\.websocket_authorizer\.identity_sources is not a known setting; use one of: environment_variables, lambda_memory_size, lambda_timeout, tags, log_retention_in_days, log_level/,
    ],
    [
      'a lower-case log_level',
      { stages: { dev: { log_level: 'debug' } } },
      /Invalid .*config\.json: stages\.dev\.log_level must be one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL, got "debug" \(levels are upper case: "DEBUG"\)/,
    ],
  ])('fails on %s with a clear error and writes nothing', (_name, config, message) => {
    const dir = app({ 'app.ts': TOKEN_APP, '.wsapp/config.json': JSON.stringify(config) });

    const run = runCli(['package', 'out'], dir);

    expect(run.stderr).toMatch(message);
    expect(run.status).not.toBe(0);
    expect(() => readFileSync(join(dir, 'out', 'sam.json'))).toThrow(/ENOENT/);
  });
});
