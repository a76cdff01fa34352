// Which levels of .wsapp/config.json each key is valid at (Chalice's, from its config.py: a key
// that "varies per function" is valid per function, in a stage and at the top; one that "varies
// per chalice stage" in a stage and at the top), and the errors for keys that are not.
import { CONFIG_KEYS, UNSUPPORTED_CHALICE_KEYS, closestName, editDistance, keysAt, parseProjectConfig } from '../src/config';

/** A valid value for each key, to place it at every level. */
const SAMPLE: Record<string, unknown> = {
  version: '2.0',
  app_name: 'chat',
  stages: { dev: {} },
  lambda_functions: { websocket_message: {} },
  api_gateway_stage: 'api',
  websocket_api_custom_domain: { domain_name: 'ws.example.com', certificate_arn: 'arn:aws:acm:us-west-2:123456789012:certificate/abc' },
  runtime: 'nodejs24.x',
  source_maps: false,
  deployment_bucket: 'my-deployments',
  environment_variables: { A: 'a' },
  tags: { team: 'chat' },
  lambda_memory_size: 512,
  lambda_timeout: 20,
  log_retention_in_days: 14,
  log_level: 'WARN',
  layers: ['arn:aws:lambda:us-west-2:123456789012:layer:deps:3'],
  subnet_ids: ['subnet-0a1b2c3d'],
  security_group_ids: ['sg-0a1b2c3d'],
  reserved_concurrency: 5,
  xray: true,
  autogen_policy: false,
  iam_policy_file: 'policy.json',
  manage_iam_role: false,
  iam_role_arn: 'arn:aws:iam::123456789012:role/chat',
};

const placed = (level: 'top' | 'stage' | 'function', key: string): Record<string, unknown> => {
  const value = { [key]: SAMPLE[key] };
  if (level === 'top') return value;
  if (level === 'stage') return { stages: { dev: value } };
  return { lambda_functions: { websocket_message: value } };
};
const pathOf = (level: 'top' | 'stage' | 'function', key: string): string =>
  level === 'top' ? key : level === 'stage' ? `stages.dev.${key}` : `lambda_functions.websocket_message.${key}`;

describe('the keys of .wsapp/config.json', () => {
  it('have a sample here for every key, so every key is tested at every level', () => {
    expect(CONFIG_KEYS.map((key) => key.name).sort()).toEqual(Object.keys(SAMPLE).sort());
  });

  it.each(CONFIG_KEYS.flatMap((key) => key.levels.map((level) => [key.name, level] as const)))(
    'accept %s at the %s level',
    (key, level) => {
      expect(parseProjectConfig(placed(level, key), 'config.json')).toEqual(placed(level, key));
    },
  );

  it.each(
    CONFIG_KEYS.flatMap((key) =>
      (['stage', 'function'] as const).filter((level) => !key.levels.includes(level)).map((level) => [key.name, level] as const),
    ),
  )('reject %s at the %s level, saying where it belongs', (key, level) => {
    const where = CONFIG_KEYS.find((candidate) => candidate.name === key)?.levels.length === 1
      ? 'only at the top level'
      : 'at the top level and in a stage, not per function';
    expect(() => parseProjectConfig(placed(level, key), 'config.json')).toThrow(
      `Invalid config.json: ${pathOf(level, key)} is not valid here: ${key} can be set ${where}`,
    );
  });

  it("are Chalice's levels for Chalice's keys (configfile.rst's per-function list, and the per-stage custom domain)", () => {
    const perFunction = ['autogen_policy', 'environment_variables', 'iam_policy_file', 'iam_role_arn', 'lambda_memory_size', 'lambda_timeout',
      'layers', 'manage_iam_role', 'reserved_concurrency', 'security_group_ids', 'subnet_ids', 'tags', 'xray', 'log_retention_in_days'];
    expect(keysAt('function').filter((key) => CONFIG_KEYS.find((entry) => entry.name === key)?.chalice).sort()).toEqual(perFunction.sort());
    expect(keysAt('function')).not.toContain('websocket_api_custom_domain');
    expect(keysAt('stage')).toEqual(expect.arrayContaining(['websocket_api_custom_domain', 'api_gateway_stage', ...perFunction]));
    expect(keysAt('stage')).not.toEqual(expect.arrayContaining(['version']));
  });
});

describe("Chalice's keys that do not apply to a WebSocket-only Node app", () => {
  it.each(Object.entries(UNSUPPORTED_CHALICE_KEYS))('%s is an error that says why', (key, reason) => {
    for (const [config, path] of [
      [{ [key]: true }, key],
      [{ stages: { prod: { [key]: true } } }, `stages.prod.${key}`],
      [{ lambda_functions: { websocket_connect: { [key]: true } } }, `lambda_functions.websocket_connect.${key}`],
    ] as const) {
      expect(() => parseProjectConfig(config, 'config.json')).toThrow(
        `Invalid config.json: ${path} is a Chalice setting that does not apply to a wsapp app: it ${reason}`,
      );
    }
  });

  it('include the REST API and Python-only ones, with the reason in the message', () => {
    expect(() => parseProjectConfig({ automatic_layer: true }, 'config.json')).toThrow(/automatic_layer .* wsapp bundles the app and its dependencies into one app\.js/);
    expect(() => parseProjectConfig({ api_gateway_endpoint_type: 'EDGE' }, 'config.json')).toThrow(/a WebSocket API is always REGIONAL/);
    expect(() => parseProjectConfig({ minimum_compression_size: 10 }, 'config.json')).toThrow(/a WebSocket API has no such setting/);
    expect(() => parseProjectConfig({ api_gateway_custom_domain: {} }, 'config.json')).toThrow(/use "websocket_api_custom_domain"/);
  });

  it("api_handler, Chalice's REST API function, is not a function of a wsapp app", () => {
    expect(() => parseProjectConfig({ lambda_functions: { api_handler: { lambda_timeout: 5 } } }, 'config.json')).toThrow(
      "Invalid config.json: lambda_functions.api_handler is a Chalice setting that does not apply to a wsapp app: it names the function of Chalice's REST API; " +
        "a wsapp app's functions are websocket_connect, websocket_message, websocket_disconnect, websocket_authorizer",
    );
  });
});

describe('an unknown key', () => {
  it.each([
    [{ lambda_timout: 5 }, 'lambda_timout is not a known setting; did you mean lambda_timeout?'],
    [{ stages: { dev: { subnet_id: ['subnet-1'] } } }, 'stages.dev.subnet_id is not a known setting; did you mean subnet_ids?'],
    [{ lambda_functions: { websocket_message: { Xray: true } } }, 'lambda_functions.websocket_message.Xray is not a known setting; did you mean xray?'],
    [{ lambda_functions: { websocket_mesage: {} } }, 'lambda_functions.websocket_mesage is not a known setting; did you mean websocket_message?'],
    [{ websocket_api_custom_domain: { domain_name: 'ws.example.com', certificate_arn: 'x', url_prefixes: ['a'] } }, 'websocket_api_custom_domain.url_prefixes is not a known setting; did you mean url_prefix?'],
    [{ iam_role: 'arn' }, 'iam_role is not a known setting; did you mean iam_role_arn?'],
  ])('%j names the closest known key', (config, message) => {
    expect(() => parseProjectConfig(config, 'config.json')).toThrow(`Invalid config.json: ${message}`);
  });

  it('far from every known key lists the keys there are', () => {
    expect(() => parseProjectConfig({ stages: { dev: { colour: 'blue' } } }, 'config.json')).toThrow(
      `Invalid config.json: stages.dev.colour is not a known setting; use one of: ${keysAt('stage').join(', ')}`,
    );
  });

  it("lambda_ephemeral_storage, which Chalice's config.py does not read either, is unknown", () => {
    expect(() => parseProjectConfig({ lambda_ephemeral_storage: 1024 }, 'config.json')).toThrow(
      `Invalid config.json: lambda_ephemeral_storage is not a known setting; use one of: ${keysAt('top').join(', ')}`,
    );
  });

  it('is matched by edit distance, case-insensitively, only when plausibly a typo', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('XRAY', 'xray')).toBe(0);
    expect(closestName('tag', ['tags', 'layers'])).toBe('tags');
    expect(closestName('timeout', ['lambda_timeout'])).toBeUndefined();
  });
});

describe('the values of the new keys', () => {
  it.each([
    [{ layers: 'arn:aws:lambda:us-west-2:123456789012:layer:deps:3' }, 'layers must be a list of layer version ARN (arn:aws:lambda:REGION:ACCOUNT:layer:NAME:VERSION)s, got "arn:aws:lambda:us-west-2:123456789012:layer:deps:3"'],
    [{ layers: ['arn:aws:lambda:us-west-2:123456789012:layer:deps'] }, 'layers[0] must be a layer version ARN (arn:aws:lambda:REGION:ACCOUNT:layer:NAME:VERSION), got "arn:aws:lambda:us-west-2:123456789012:layer:deps"'],
    [{ layers: Array(6).fill('arn:aws:lambda:us-west-2:123456789012:layer:deps:3') }, 'layers may list at most 5 layer version ARN (arn:aws:lambda:REGION:ACCOUNT:layer:NAME:VERSION)s, got 6'],
    [{ stages: { dev: { subnet_ids: ['sn-1'] } } }, 'stages.dev.subnet_ids[0] must be a subnet ID (subnet-...), got "sn-1"'],
    [{ security_group_ids: [10] }, 'security_group_ids[0] must be a security group ID (sg-...), got 10'],
    [{ reserved_concurrency: -1 }, 'reserved_concurrency must be a whole number, 0 or more, got -1'],
    [{ lambda_functions: { websocket_message: { reserved_concurrency: 1.5 } } }, 'lambda_functions.websocket_message.reserved_concurrency must be a whole number, 0 or more, got 1.5'],
    [{ xray: 'yes' }, 'xray must be true or false, got "yes"'],
    [{ manage_iam_role: 'false' }, 'manage_iam_role must be true or false, got "false"'],
    [{ iam_role_arn: 'prod-role' }, 'iam_role_arn must be an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME), got "prod-role"'],
    [{ lambda_functions: { websocket_message: { iam_policy_file: '' } } }, 'lambda_functions.websocket_message.iam_policy_file must be a file name in .wsapp/, got ""'],
  ])('%j is an error naming the key and what it must be', (config, message) => {
    expect(() => parseProjectConfig(config, 'config.json')).toThrow(`Invalid config.json: ${message}`);
  });
});

describe('websocket_api_custom_domain', () => {
  const arn = 'arn:aws:acm:us-west-2:123456789012:certificate/abc-123';

  it.each([
    [{ certificate_arn: arn }, 'stages.prod.websocket_api_custom_domain.domain_name is required: the custom domain name, such as "ws.example.com"'],
    [{ domain_name: 'ws.example.com' }, 'stages.prod.websocket_api_custom_domain.certificate_arn is required: the ARN of the ACM certificate for domain_name, in the region of the API'],
    [{ domain_name: 'WS.Example.com', certificate_arn: arn }, 'stages.prod.websocket_api_custom_domain.domain_name must be lower case (API Gateway does not accept upper-case domain names): "ws.example.com"'],
    [{ domain_name: 'https://ws.example.com', certificate_arn: arn }, 'stages.prod.websocket_api_custom_domain.domain_name must be a domain name such as "ws.example.com", got "https://ws.example.com"'],
    [{ domain_name: 'ws.example.com', certificate_arn: 'abc' }, 'stages.prod.websocket_api_custom_domain.certificate_arn must be an ACM certificate ARN (arn:aws:acm:REGION:ACCOUNT:certificate/ID), got "abc"'],
    [{ domain_name: 'ws.example.com', certificate_arn: arn, tls_version: 'TLS_1_0' }, `stages.prod.websocket_api_custom_domain.tls_version must be "TLS_1_2", got "TLS_1_0" (Chalice's TLS_1_0 is for REST APIs; WebSocket APIs get TLS 1.2 only)`],
    [{ domain_name: 'ws.example.com', certificate_arn: arn, url_prefix: '/chat' }, 'stages.prod.websocket_api_custom_domain.url_prefix must be one path segment without slashes, got "/chat": write "chat"'],
    [{ domain_name: 'ws.example.com', certificate_arn: arn, url_prefix: 'a b' }, 'stages.prod.websocket_api_custom_domain.url_prefix must be one path segment of letters, digits and $-_.+!*\'(), (or "/" for the root), got "a b"'],
    [{ domain_name: 'ws.example.com', certificate_arn: arn, tags: { team: 1 } }, 'stages.prod.websocket_api_custom_domain.tags.team must be a string, got 1'],
  ])('%j is an error naming the key', (domain, message) => {
    expect(() => parseProjectConfig({ stages: { prod: { websocket_api_custom_domain: domain } } }, 'config.json')).toThrow(`Invalid config.json: ${message}`);
  });

  it('accepts the keys of Chalice\'s domainname.rst example (with TLS_1_2)', () => {
    const domain = { domain_name: 'api.example.com', tls_version: 'TLS_1_2', certificate_arn: arn, url_prefix: 'foo', tags: { key: 'tag1', key1: 'tag2' } };
    expect(parseProjectConfig({ stages: { dev: { api_gateway_stage: 'api', websocket_api_custom_domain: domain } } }, 'config.json')).toBeTruthy();
  });
});
