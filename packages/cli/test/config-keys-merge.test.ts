// The merge order of every key across the levels of .wsapp/config.json, as Chalice's config.py
// looks keys up: per function, the function in the stage, then the stage, then the function at
// the top level, then the top level (`_chain_lookup` with varies_per_function); per stage, the
// stage, then the top level. Also the checks and warnings that need the merged settings.
import { resolveStageSettings, type FunctionConfig, type FunctionSettings, type ProjectConfig, type StageSettings } from '../src/config';
import type { JsonObject } from '../src/template';

const layerArn = (version: number): string => `arn:aws:lambda:us-west-2:123456789012:layer:deps:${version}`;
const roleArn = (name: string): string => `arn:aws:iam::123456789012:role/${name}`;

/** The four layers, most specific first, for websocket_message in stage dev. */
function configWith(values: ReadonlyArray<FunctionConfig | undefined>, base: FunctionConfig = {}): ProjectConfig {
  const [inStage, stage, atTop, top] = values;
  const config: ProjectConfig = { ...base, ...top, stages: { dev: { ...stage } } };
  if (inStage) config.stages = { dev: { ...stage, lambda_functions: { websocket_message: inStage } } };
  if (atTop) config.lambda_functions = { websocket_message: atTop };
  return config;
}

interface Case {
  key: string;
  values: [FunctionConfig, FunctionConfig, FunctionConfig, FunctionConfig];
  /** Settings of the top level that the key needs to take effect. */
  base?: FunctionConfig;
  read: (settings: FunctionSettings) => unknown;
}

const policyFor = (file: string): JsonObject => ({ Version: '2012-10-17', Statement: [{ Sid: file, Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });

const CASES: Case[] = [
  { key: 'lambda_memory_size', values: [{ lambda_memory_size: 1024 }, { lambda_memory_size: 768 }, { lambda_memory_size: 512 }, { lambda_memory_size: 256 }], read: (s) => s.memorySize },
  { key: 'lambda_timeout', values: [{ lambda_timeout: 5 }, { lambda_timeout: 10 }, { lambda_timeout: 15 }, { lambda_timeout: 20 }], read: (s) => s.timeout },
  { key: 'log_retention_in_days', values: [{ log_retention_in_days: 1 }, { log_retention_in_days: 3 }, { log_retention_in_days: 5 }, { log_retention_in_days: 7 }], read: (s) => s.logRetentionInDays },
  { key: 'log_level', values: [{ log_level: 'TRACE' }, { log_level: 'DEBUG' }, { log_level: 'INFO' }, { log_level: 'WARN' }], read: (s) => s.logLevel },
  { key: 'layers', values: [{ layers: [layerArn(1)] }, { layers: [layerArn(2)] }, { layers: [layerArn(3)] }, { layers: [layerArn(4)] }], read: (s) => s.layers },
  { key: 'reserved_concurrency', values: [{ reserved_concurrency: 1 }, { reserved_concurrency: 2 }, { reserved_concurrency: 3 }, { reserved_concurrency: 4 }], read: (s) => s.reservedConcurrency },
  { key: 'xray', values: [{ xray: true }, { xray: false }, { xray: true }, { xray: false }], read: (s) => s.xray },
  {
    key: 'subnet_ids and security_group_ids',
    values: [1, 2, 3, 4].map((n) => ({ subnet_ids: [`subnet-${n}`], security_group_ids: [`sg-${n}`] })) as Case['values'],
    read: (s) => s.vpcConfig?.subnetIds[0],
  },
  {
    key: 'iam_role_arn',
    base: { manage_iam_role: false, iam_role_arn: roleArn('fallback') },
    values: [{ iam_role_arn: roleArn('a') }, { iam_role_arn: roleArn('b') }, { iam_role_arn: roleArn('c') }, { iam_role_arn: roleArn('d') }],
    read: (s) => (s.role.kind === 'arn' ? s.role.arn : s.role.kind),
  },
  {
    key: 'manage_iam_role',
    base: { iam_role_arn: roleArn('shared') },
    values: [{ manage_iam_role: false }, { manage_iam_role: true }, { manage_iam_role: false }, { manage_iam_role: true }],
    read: (s) => s.role.kind,
  },
  { key: 'autogen_policy', values: [{ autogen_policy: false }, { autogen_policy: true }, { autogen_policy: false }, { autogen_policy: true }], read: (s) => s.role.kind },
  {
    key: 'iam_policy_file',
    base: { autogen_policy: false },
    values: [{ iam_policy_file: 'a.json' }, { iam_policy_file: 'b.json' }, { iam_policy_file: 'c.json' }, { iam_policy_file: 'd.json' }],
    read: (s) => (s.role.kind === 'own' ? ((s.role.policy?.Statement as JsonObject[])[0] as JsonObject).Sid : s.role.kind),
  },
];

describe('a per-function key', () => {
  it.each(CASES)('$key comes from the function in the stage, the stage, the function at the top, then the top', ({ values, base, read }) => {
    const seen = [0, 1, 2, 3].map((from) => {
      const layers = values.map((value, index) => (index >= from ? value : undefined));
      const settings = resolveStageSettings(configWith(layers, base), 'dev', { readPolicy: policyFor });
      return read(settings.functions.websocket_message);
    });
    const expected = [0, 1, 2, 3].map((index) => {
      const only = values.map((value, at) => (at === index ? value : undefined));
      return read(resolveStageSettings(configWith(only, base), 'dev', { readPolicy: policyFor }).functions.websocket_message);
    });

    expect(seen).toEqual(expected);
    expect(new Set(seen.map((value) => JSON.stringify(value))).size).toBeGreaterThan(1);
  });

  it('applies only to the function it is set for when set per function', () => {
    const settings = resolveStageSettings(configWith([{ xray: true, layers: [layerArn(9)], reserved_concurrency: 3 }]), 'dev');

    expect(settings.functions.websocket_message).toMatchObject({ xray: true, layers: [layerArn(9)], reservedConcurrency: 3 });
    expect(settings.functions.websocket_connect).toEqual({ environmentVariables: {}, memorySize: 128, timeout: 60, tags: {}, xray: false, role: { kind: 'default' } });
  });

  it('treats an empty list at a more specific level as not set, as Chalice does: it takes the function out of the VPC', () => {
    const settings = resolveStageSettings(
      configWith([{ subnet_ids: [], security_group_ids: [] }, { subnet_ids: ['subnet-1'], security_group_ids: ['sg-1'] }]),
      'dev',
    );

    expect(settings.functions.websocket_message.vpcConfig).toBeUndefined();
    expect(settings.functions.websocket_connect.vpcConfig).toEqual({ subnetIds: ['subnet-1'], securityGroupIds: ['sg-1'] });
    expect(resolveStageSettings(configWith([{ layers: [] }, undefined, undefined, { layers: [layerArn(1)] }]), 'dev').functions.websocket_message.layers).toBeUndefined();
  });
});

describe('environment_variables and tags', () => {
  it('merge across all four levels, the most specific entry winning', () => {
    const settings = resolveStageSettings(
      configWith([
        { environment_variables: { A: 'in-stage' }, tags: { a: 'in-stage' } },
        { environment_variables: { A: 'stage', B: 'stage' }, tags: { b: 'stage' } },
        { environment_variables: { A: 'fn', B: 'fn', C: 'fn' }, tags: { c: 'fn' } },
        { environment_variables: { A: 'top', B: 'top', C: 'top', D: 'top' }, tags: { d: 'top' } },
      ]),
      'dev',
    );

    expect(settings.functions.websocket_message.environmentVariables).toEqual({ A: 'in-stage', B: 'stage', C: 'fn', D: 'top' });
    expect(settings.functions.websocket_message.tags).toEqual({ a: 'in-stage', b: 'stage', c: 'fn', d: 'top' });
    expect(settings.functions.websocket_connect.environmentVariables).toEqual({ A: 'stage', B: 'stage', C: 'top', D: 'top' });
  });
});

describe('a per-stage key', () => {
  const domain = (name: string, extra: object = {}) => ({
    domain_name: name,
    certificate_arn: 'arn:aws:acm:us-west-2:123456789012:certificate/abc',
    ...extra,
  });

  it.each([
    ['runtime', 'nodejs24.x', 'nodejs20.x', (s: StageSettings) => s.runtime],
    ['source_maps', false, true, (s: StageSettings) => s.sourceMaps],
    ['api_gateway_stage', 'v1', 'api2', (s: StageSettings) => s.apiGatewayStage],
    ['deployment_bucket', 'stage-bucket', 'top-bucket', (s: StageSettings) => s.deploymentBucket],
    ['websocket_api_custom_domain', domain('stage.example.com'), domain('top.example.com'), (s: StageSettings) => s.customDomain?.domainName],
    ['autogen_policy', false, true, (s: StageSettings) => s.autogenPolicy],
    ['iam_policy_file', 'stage.json', 'top.json', (s: StageSettings) => s.iamPolicyFile],
  ] as const)('%s comes from the stage, then the top level', (key, inStage, atTop, read) => {
    const both = resolveStageSettings({ [key]: atTop, stages: { dev: { [key]: inStage } } } as ProjectConfig, 'dev', { readPolicy: policyFor });
    const top = resolveStageSettings({ [key]: atTop, stages: { dev: {} } } as ProjectConfig, 'dev', { readPolicy: policyFor });

    expect(read(both)).toEqual(read(resolveStageSettings({ stages: { dev: { [key]: inStage } } } as ProjectConfig, 'dev', { readPolicy: policyFor })));
    expect(read(top)).toEqual(read(resolveStageSettings({ [key]: atTop } as ProjectConfig, 'dev', { readPolicy: policyFor })));
    expect(read(both)).not.toEqual(read(top));
  });

  it('websocket_api_custom_domain is taken whole from one level, not merged key by key (as _chain_lookup returns it)', () => {
    const settings = resolveStageSettings(
      { websocket_api_custom_domain: domain('top.example.com', { url_prefix: 'chat', tags: { a: 'b' } }), stages: { prod: { websocket_api_custom_domain: domain('prod.example.com') } } },
      'prod',
    );

    expect(settings.customDomain).toEqual({
      domainName: 'prod.example.com',
      certificateArn: 'arn:aws:acm:us-west-2:123456789012:certificate/abc',
      tlsVersion: 'TLS_1_2',
      tags: {},
    });
    expect(resolveStageSettings({ websocket_api_custom_domain: domain('top.example.com', { url_prefix: 'chat' }) }, 'dev').customDomain?.urlPrefix).toBe('chat');
    expect(resolveStageSettings({ websocket_api_custom_domain: domain('top.example.com', { url_prefix: '/' }) }, 'dev').customDomain?.urlPrefix).toBeUndefined();
  });
});

describe('the roles the config gives the functions', () => {
  it('are the iam_role_arn for every function with manage_iam_role false at the top, and nothing generated', () => {
    const settings = resolveStageSettings({ manage_iam_role: false, iam_role_arn: roleArn('app') }, 'dev');

    for (const name of ['websocket_connect', 'websocket_message', 'websocket_disconnect', 'websocket_authorizer'] as const) {
      expect(settings.functions[name].role).toEqual({ kind: 'arn', arn: roleArn('app') });
    }
  });

  it("are Chalice's per-function roles with autogen_policy false, each function's policy file read once", () => {
    const read: string[] = [];
    const settings = resolveStageSettings(
      { autogen_policy: false, lambda_functions: { websocket_message: { iam_policy_file: 'message.json' } } },
      'prod',
      { readPolicy: (file) => (read.push(file), policyFor(file)) },
    );

    expect(settings.functions.websocket_message.role).toEqual({ kind: 'own', name: 'websocket_message_role', policy: policyFor('message.json') });
    expect(settings.functions.websocket_connect.role).toEqual({ kind: 'own', name: 'websocket_connect_role', policy: policyFor('policy-prod.json') });
    expect(read.sort()).toEqual(['message.json', 'policy-prod.json']);
  });

  it('leave role.policy undefined when no readPolicy is given (wsapp local needs none)', () => {
    expect(resolveStageSettings({ autogen_policy: false }, 'dev').functions.websocket_message.role).toEqual({ kind: 'own', name: 'websocket_message_role' });
  });
});

describe('the checks across levels', () => {
  it('refuse manage_iam_role false without an iam_role_arn, naming the key', () => {
    expect(() => resolveStageSettings({ stages: { prod: { manage_iam_role: false } } }, 'prod')).toThrow(
      'Invalid .wsapp/config.json: stages.prod.manage_iam_role is false, so websocket_connect needs an iam_role_arn to run as, and none applies to it',
    );
    expect(() => resolveStageSettings({ lambda_functions: { websocket_message: { manage_iam_role: false } } }, 'dev', { file: 'app/.wsapp/config.json' })).toThrow(
      'Invalid app/.wsapp/config.json: lambda_functions.websocket_message.manage_iam_role is false, so websocket_message needs an iam_role_arn',
    );
  });

  it('refuse subnet_ids without security_group_ids and the other way round, as Chalice does', () => {
    expect(() => resolveStageSettings({ stages: { dev: { subnet_ids: ['subnet-1'] } } }, 'dev')).toThrow(
      'Invalid .wsapp/config.json: stages.dev.subnet_ids puts websocket_connect in a VPC, but no security_group_ids applies to it: ' +
        'a function in a VPC needs both subnet_ids and security_group_ids',
    );
    expect(() => resolveStageSettings(configWith([{ security_group_ids: ['sg-1'], subnet_ids: [] }, undefined, { subnet_ids: ['subnet-1'] }]), 'dev')).toThrow(
      'stages.dev.lambda_functions.websocket_message.security_group_ids puts websocket_message in a VPC, but its subnet_ids (stages.dev.lambda_functions.websocket_message.subnet_ids) is empty',
    );
  });
});

describe('the warnings', () => {
  it('say once per key that a route lambda_timeout over 29 s is cut by API Gateway (aws/chalice#1580)', () => {
    const settings = resolveStageSettings({ lambda_timeout: 60, lambda_functions: { websocket_disconnect: { lambda_timeout: 10 } } }, 'dev');

    expect(settings.warnings).toEqual([
      'lambda_timeout is 60 s, but API Gateway ends a WebSocket route\'s integration after 29 s (aws/chalice#1580): past that, the client of ' +
        'websocket_connect, websocket_message gets "Endpoint request timed out" (a $connect fails) while the function runs on; ' +
        'set lambda_timeout to 29 or less for them',
    ]);
  });

  it('leave the default 60 s and timeouts of 29 s or less alone, and the authorizer (not a route integration)', () => {
    expect(resolveStageSettings({}, 'dev').warnings).toEqual([]);
    expect(resolveStageSettings({ lambda_timeout: 29 }, 'dev').warnings).toEqual([]);
    expect(resolveStageSettings({ lambda_functions: { websocket_authorizer: { lambda_timeout: 60 } } }, 'dev').warnings).toEqual([]);
  });

  it('say that an iam_role_arn without manage_iam_role false is ignored, and that reserved_concurrency 0 stops the function', () => {
    const settings = resolveStageSettings({ iam_role_arn: roleArn('x'), lambda_functions: { websocket_message: { reserved_concurrency: 0 } } }, 'dev');

    expect(settings.warnings).toEqual([
      'iam_role_arn is ignored for websocket_connect, websocket_message, websocket_disconnect, websocket_authorizer: an iam_role_arn takes effect only ' +
        'where manage_iam_role is false (as in Chalice), so wsapp generates the role; set "manage_iam_role": false beside it to use the role',
      'lambda_functions.websocket_message.reserved_concurrency is 0: Lambda runs no invocation of websocket_message',
    ]);
    expect(settings.functions.websocket_message.role).toEqual({ kind: 'default' });
  });

  it("say when a function's own policy lacks what its VPC or X-Ray needs (Chalice adds it only to generated policies)", () => {
    const settings = resolveStageSettings(
      { autogen_policy: false, xray: true, lambda_functions: { websocket_message: { subnet_ids: ['subnet-1'], security_group_ids: ['sg-1'] } } },
      'dev',
      { readPolicy: () => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['xray:Put*'], Resource: '*' }] }) },
    );

    expect(settings.warnings).toEqual([
      'websocket_message runs in a VPC but the policy of its iam_policy_file does not allow ec2:CreateNetworkInterface; wsapp (like Chalice) adds ' +
        'that permission only to a generated policy, so add it to the file',
    ]);
  });
});
