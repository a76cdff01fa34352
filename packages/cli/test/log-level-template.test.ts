import { LOG_LEVELS, parseProjectConfig, resolveStageSettings, type LogLevel, type ProjectConfig } from '../src/config';
import { buildSamTemplate, serializeTemplate, type AppModel, type CfnTemplate, type JsonObject } from '../src/template';
import { TemplateValidator, isFailure } from '../src/validate';

const APP: AppModel = {
  name: 'levels',
  routeSelectionExpression: '$request.body.action',
  routes: [
    { routeKey: '$connect', kind: 'connect', twoWay: false },
    { routeKey: '$default', kind: 'message', twoWay: false },
  ],
  authorizer: { identitySources: ['route.request.header.Authorization'] },
};

const FUNCTION_IDS = ['WebsocketConnect', 'WebsocketMessage', 'WebsocketAuthorizer'] as const;

const build = (config: ProjectConfig, stage = 'dev'): CfnTemplate =>
  buildSamTemplate({ app: APP, settings: resolveStageSettings(parseProjectConfig(config, 'config.json'), stage), wsappVersion: '0.1.0' });
const loggingOf = (template: CfnTemplate, id: string): JsonObject =>
  (template.Resources[id]?.Properties as JsonObject).LoggingConfig as JsonObject;

describe('log_level in the template', () => {
  let validator: TemplateValidator;

  beforeAll(async () => {
    validator = await TemplateValidator.create();
  });
  afterAll(() => validator.free());

  it('keeps the plain LoggingConfig, with no LogFormat, when log_level is not set', () => {
    const template = build({});

    for (const id of FUNCTION_IDS) {
      expect({ id, logging: loggingOf(template, id) }).toEqual({ id, logging: { LogGroup: { Ref: `${id}LogGroup` } } });
    }
  });

  it.each(LOG_LEVELS.map((level) => [level]))('packages log_level %s as JSON logs at that ApplicationLogLevel in every function', (level) => {
    const template = build({ log_level: level });

    for (const id of FUNCTION_IDS) {
      expect({ id, logging: loggingOf(template, id) }).toEqual({
        id,
        logging: { LogGroup: { Ref: `${id}LogGroup` }, LogFormat: 'JSON', ApplicationLogLevel: level },
      });
    }
    const text = serializeTemplate(template, 'json');
    expect(validator.validate(text, 'sam.json').filter(isFailure)).toEqual([]);
  });

  it('takes the most specific layer: stage function, stage, top-level function, top level', () => {
    const config: ProjectConfig = {
      log_level: 'ERROR',
      lambda_functions: { websocket_message: { log_level: 'WARN' }, websocket_authorizer: { log_level: 'TRACE' } },
      stages: {
        dev: { log_level: 'INFO', lambda_functions: { websocket_authorizer: { log_level: 'DEBUG' } } },
        prod: {},
      },
    };
    const level = (template: CfnTemplate, id: string): LogLevel | undefined => loggingOf(template, id).ApplicationLogLevel as LogLevel | undefined;

    const dev = build(config, 'dev');
    const prod = build(config, 'prod');

    expect(FUNCTION_IDS.map((id) => level(dev, id))).toEqual(['INFO', 'INFO', 'DEBUG']);
    expect(FUNCTION_IDS.map((id) => level(prod, id))).toEqual(['ERROR', 'WARN', 'TRACE']);
  });

  it('sets the level of one function only when only that function names one', () => {
    const template = build({ stages: { dev: { lambda_functions: { websocket_connect: { log_level: 'FATAL' } } } } });

    expect(loggingOf(template, 'WebsocketConnect')).toEqual({
      LogGroup: { Ref: 'WebsocketConnectLogGroup' },
      LogFormat: 'JSON',
      ApplicationLogLevel: 'FATAL',
    });
    expect(loggingOf(template, 'WebsocketMessage')).toEqual({ LogGroup: { Ref: 'WebsocketMessageLogGroup' } });
    expect(loggingOf(template, 'WebsocketAuthorizer')).toEqual({ LogGroup: { Ref: 'WebsocketAuthorizerLogGroup' } });
  });
});

describe('log_level in .wsapp/config.json', () => {
  it.each<[string, unknown, string]>([
    ['a lower-case level', { log_level: 'debug' }, 'Invalid config.json: log_level must be one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL, got "debug" (levels are upper case: "DEBUG")'],
    ['an unknown level', { stages: { dev: { log_level: 'VERBOSE' } } }, 'Invalid config.json: stages.dev.log_level must be one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL, got "VERBOSE"'],
    ['a number', { lambda_functions: { websocket_message: { log_level: 3 } } }, 'Invalid config.json: lambda_functions.websocket_message.log_level must be one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL, got 3'],
    ['an empty level for the authorizer', { stages: { prod: { lambda_functions: { websocket_authorizer: { log_level: '' } } } } }, 'Invalid config.json: stages.prod.lambda_functions.websocket_authorizer.log_level must be one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL, got ""'],
  ])('rejects %s, naming the setting and the levels', (_name, config, message) => {
    expect(() => parseProjectConfig(config, 'config.json')).toThrow(message);
  });

  it('leaves logLevel out of the settings when no layer sets it', () => {
    expect(resolveStageSettings({}, 'dev').functions.websocket_message).not.toHaveProperty('logLevel');
  });
});
