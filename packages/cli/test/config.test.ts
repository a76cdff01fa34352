import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseProjectConfig, policyReader, resolveStageSettings } from '../src/config';
import { temporaryFolder } from './helpers/temporary-folder';
import { DEFAULT_RUNTIME, nodeTarget, runtimeDeprecation, type LambdaRuntime } from '../src/runtimes';

describe('parseProjectConfig', () => {
  it('accepts the Chalice-style keys', () => {
    const config = {
      version: '1.0',
      app_name: 'chat',
      runtime: 'nodejs22.x',
      source_maps: false,
      autogen_policy: false,
      iam_policy_file: 'policy.json',
      stages: { dev: { lambda_functions: { websocket_connect: { lambda_timeout: 5 } } } },
    };

    expect(parseProjectConfig(config, 'config.json')).toEqual(config);
  });

  it('accepts log_level at every layer and lambda_functions.websocket_authorizer with the per-function keys', () => {
    const config = {
      log_level: 'WARN',
      lambda_functions: {
        websocket_authorizer: {
          lambda_memory_size: 256,
          lambda_timeout: 5,
          environment_variables: { JWKS_URL: 'https://idp/jwks' },
          tags: { tier: 'auth' },
          log_retention_in_days: 7,
          log_level: 'DEBUG',
        },
      },
      stages: { prod: { log_level: 'ERROR', lambda_functions: { websocket_authorizer: { log_level: 'INFO' } } } },
    };

    expect(parseProjectConfig(config, 'config.json')).toEqual(config);
  });

  it.each([
    [[], 'Invalid config.json: the top level must be an object, got []'],
    [{ app_nme: 'x' }, 'Invalid config.json: app_nme is not a known setting; did you mean app_name?'],
    [{ runtime: 'python3.12' }, 'Invalid config.json: runtime must be one of nodejs20.x, nodejs22.x, nodejs24.x, got "python3.12"'],
    [{ lambda_memory_size: 64 }, 'Invalid config.json: lambda_memory_size must be an integer from 128 to 10240, got 64'],
    [{ stages: { dev: { lambda_timeout: 1.5 } } }, 'Invalid config.json: stages.dev.lambda_timeout must be an integer from 1 to 900, got 1.5'],
    [{ stages: { dev: { environment_variables: { N: 1 } } } }, 'Invalid config.json: stages.dev.environment_variables.N must be a string, got 1'],
    [{ stages: { dev: { lambda_functions: { websocket_msg: {} } } } }, 'Invalid config.json: stages.dev.lambda_functions.websocket_msg is not a known setting'],
    [{ lambda_functions: { websocket_message: { runtime: 'nodejs22.x' } } }, 'Invalid config.json: lambda_functions.websocket_message.runtime is not valid here: runtime can be set at the top level and in a stage, not per function'],
    [{ log_retention_in_days: 10 }, 'Invalid config.json: log_retention_in_days must be one of 1, 3, 5'],
    [{ autogen_policy: 'no' }, 'Invalid config.json: autogen_policy must be true or false, got "no"'],
    [{ stages: { dev: { source_maps: 'off' } } }, 'Invalid config.json: stages.dev.source_maps must be true or false, got "off"'],
    [{ lambda_functions: { websocket_message: { source_maps: false } } }, 'Invalid config.json: lambda_functions.websocket_message.source_maps is not valid here: source_maps can be set at the top level and in a stage, not per function'],
    [{ stages: [] }, 'Invalid config.json: stages must be an object keyed by stage name, got []'],
    [{ tags: { team: true } }, 'Invalid config.json: tags.team must be a string, got true'],
    [{ log_level: 'LOUD' }, 'Invalid config.json: log_level must be one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL, got "LOUD"'],
    [{ lambda_functions: { websocket_authorizer: { identity_sources: ['route.request.header.Authorization'] } } }, 'Invalid config.json: lambda_functions.websocket_authorizer.identity_sources is not a known setting; use one of: environment_variables, lambda_memory_size, lambda_timeout, tags, log_retention_in_days, log_level, layers, subnet_ids, security_group_ids, reserved_concurrency, xray, autogen_policy, iam_policy_file, manage_iam_role, iam_role_arn'],
    [{ stages: { dev: { lambda_functions: { websocket_authorizer: { lambda_timeout: 0 } } } } }, 'Invalid config.json: stages.dev.lambda_functions.websocket_authorizer.lambda_timeout must be an integer from 1 to 900, got 0'],
    [{ lambda_functions: { websocket_authorizer: [] } }, 'Invalid config.json: lambda_functions.websocket_authorizer must be an object, got []'],
    [{ lambda_functions: { authorizer: {} } }, 'Invalid config.json: lambda_functions.authorizer is not a known setting; use one of: websocket_connect, websocket_message, websocket_disconnect, websocket_authorizer'],
  ])('rejects %j naming the setting and the problem', (config, message) => {
    expect(() => parseProjectConfig(config, 'config.json')).toThrow(message);
  });
});

describe('resolveStageSettings', () => {
  it('uses Chalice defaults when there is no config', () => {
    const settings = resolveStageSettings({}, 'dev');

    expect(settings).toMatchObject({ stage: 'dev', runtime: 'nodejs22.x', sourceMaps: true, apiGatewayStage: 'api', autogenPolicy: true, warnings: [] });
    expect(settings.customDomain).toBeUndefined();
    expect(settings.functions.websocket_message).toEqual({
      environmentVariables: {},
      memorySize: 128,
      timeout: 60,
      tags: {},
      xray: false,
      role: { kind: 'default' },
    });
  });

  it('takes the most specific layer and merges environment variables and tags across layers', () => {
    const settings = resolveStageSettings(
      {
        lambda_timeout: 30,
        environment_variables: { A: 'top', B: 'top' },
        lambda_functions: { websocket_connect: { lambda_timeout: 20, environment_variables: { C: 'fn' } } },
        stages: {
          dev: {
            environment_variables: { B: 'stage' },
            lambda_functions: { websocket_connect: { lambda_timeout: 5 } },
          },
        },
      },
      'dev',
    );

    expect(settings.functions.websocket_connect).toMatchObject({
      timeout: 5,
      environmentVariables: { A: 'top', B: 'stage', C: 'fn' },
    });
    expect(settings.functions.websocket_message).toMatchObject({ timeout: 30, environmentVariables: { A: 'top', B: 'stage' } });
  });

  it('resolves log_level and the authorizer\'s settings through the same layers as the other functions', () => {
    const config = {
      log_level: 'ERROR' as const,
      lambda_memory_size: 512,
      lambda_functions: { websocket_authorizer: { log_level: 'WARN' as const, lambda_timeout: 3 } },
      stages: { dev: { log_level: 'INFO' as const, lambda_functions: { websocket_authorizer: { log_level: 'TRACE' as const } } }, prod: {} },
    };

    expect(resolveStageSettings(config, 'dev').functions.websocket_authorizer).toEqual({
      environmentVariables: {},
      memorySize: 512,
      timeout: 3,
      tags: {},
      logLevel: 'TRACE',
      xray: false,
      role: { kind: 'default' },
    });
    expect(resolveStageSettings(config, 'dev').functions.websocket_message.logLevel).toBe('INFO');
    expect(resolveStageSettings(config, 'prod').functions.websocket_authorizer.logLevel).toBe('WARN');
    expect(resolveStageSettings(config, 'prod').functions.websocket_message.logLevel).toBe('ERROR');
  });

  it('takes source_maps from the stage over the top level, like runtime', () => {
    const config = { source_maps: false, stages: { dev: { source_maps: true }, prod: {} } };

    expect(resolveStageSettings(config, 'dev').sourceMaps).toBe(true);
    expect(resolveStageSettings(config, 'prod').sourceMaps).toBe(false);
  });
});

describe('policyReader', () => {
  const app = temporaryFolder('policy-reader');
  afterAll(() => app.remove());

  it("reads a policy document from the app's .wsapp folder, and says which file is missing or not a document", () => {
    mkdirSync(join(app.path, '.wsapp'));
    writeFileSync(join(app.path, '.wsapp', 'good.json'), '{"Version": "2012-10-17", "Statement": []}');
    writeFileSync(join(app.path, '.wsapp', 'list.json'), '[]');
    const read = policyReader(app.path);

    expect(read('good.json')).toEqual({ Version: '2012-10-17', Statement: [] });
    expect(() => read('policy-prod.json')).toThrow(
      `autogen_policy is false but the IAM policy file is missing: .wsapp/policy-prod.json (resolved to ${join(app.path, '.wsapp', 'policy-prod.json')})`,
    );
    expect(() => read('list.json')).toThrow(`IAM policy file ${join(app.path, '.wsapp', 'list.json')} must contain a policy document object`);
    expect(resolveStageSettings({ autogen_policy: false, iam_policy_file: 'good.json' }, 'dev', { readPolicy: read }).functions.websocket_connect.role).toEqual({
      kind: 'own',
      name: 'websocket_connect_role',
      policy: { Version: '2012-10-17', Statement: [] },
    });
  });
});

describe('the Lambda runtimes', () => {
  it('default to nodejs22.x, the oldest runtime AWS still supports', () => {
    expect(DEFAULT_RUNTIME).toBe('nodejs22.x');
    expect(runtimeDeprecation(DEFAULT_RUNTIME)).toBeUndefined();
    expect(runtimeDeprecation('nodejs24.x')).toBeUndefined();
  });

  it('warn that nodejs20.x is deprecated, with the dates and the fix', () => {
    expect(runtimeDeprecation('nodejs20.x')).toBe(
      'runtime nodejs20.x is deprecated: AWS Lambda deprecated it on 2026-04-30 and blocks creating functions with it ' +
        'from 2027-02-01; set "runtime": "nodejs22.x" in .wsapp/config.json',
    );
  });

  it.each([
    ['nodejs20.x', 'node20'],
    ['nodejs22.x', 'node22'],
    ['nodejs24.x', 'node24'],
  ] as const)('bundle %s for esbuild target %s', (runtime, target) => {
    expect(nodeTarget(runtime)).toBe(target);
  });

  it('refuse to guess a bundle target for an unknown runtime', () => {
    expect(() => nodeTarget('nodejs18.x' as LambdaRuntime)).toThrow('Unknown Lambda runtime "nodejs18.x"');
  });
});
