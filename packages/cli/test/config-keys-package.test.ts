// `wsapp package --validate` on an app whose .wsapp/config.json uses Chalice's keys: every
// stage packages, validates, and has what the keys ask for.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CfnTemplate, JsonObject } from '../src/template';
import { runCli } from './helpers/run-cli';
import { temporaryFolder } from './helpers/temporary-folder';

const APP = join(__dirname, 'fixtures', 'chalice-config-app');
const FUNCTION_IDS = ['WebsocketConnect', 'WebsocketMessage', 'WebsocketDisconnect'];

describe('wsapp package --validate with the Chalice keys', () => {
  const work = temporaryFolder('chalice-keys');
  afterAll(() => work.remove());

  const packaged = (stage: string): CfnTemplate => {
    const run = runCli(['package', '--app', APP, '--stage', stage, '--validate', stage], work.path);
    expect({ status: run.status, stderr: run.stderr.replace(/^wsapp: warning: .*\n/gm, '') }).toEqual({ status: 0, stderr: '' });
    expect(run.stdout).toContain('Validated sam.json: no errors');
    return JSON.parse(readFileSync(join(work.path, stage, 'sam.json'), 'utf8')) as CfnTemplate;
  };
  const propertiesOf = (template: CfnTemplate, id: string): JsonObject => template.Resources[id]?.Properties as JsonObject;

  it('dev: layers, X-Ray, a VPC with reserved concurrency, one function on its own role ARN, and the custom domain', () => {
    const template = packaged('dev');

    expect(FUNCTION_IDS.map((id) => propertiesOf(template, id).Tracing)).toEqual(['Active', 'Active', 'Active']);
    expect(FUNCTION_IDS.map((id) => propertiesOf(template, id).Layers)).toEqual(Array(3).fill(['arn:aws:lambda:us-west-2:123456789012:layer:shared:4']));
    expect(propertiesOf(template, 'WebsocketMessage')).toMatchObject({
      VpcConfig: { SecurityGroupIds: ['sg-0c8d9e0f'], SubnetIds: ['subnet-0a1b2c3d', 'subnet-0e5f6a7b'] },
      ReservedConcurrentExecutions: 20,
      Timeout: 60,
      Role: { 'Fn::GetAtt': ['DefaultRole', 'Arn'] },
    });
    expect(propertiesOf(template, 'WebsocketDisconnect').Role).toBe('arn:aws:iam::123456789012:role/chat-disconnect');
    const statements = (((propertiesOf(template, 'DefaultRole').Policies as JsonObject[])[0] as JsonObject).PolicyDocument as JsonObject).Statement as JsonObject[];
    expect(statements.map((statement) => (statement.Action as string[])[0])).toEqual([
      'logs:CreateLogStream', 'execute-api:ManageConnections', 'ec2:CreateNetworkInterface', 'xray:PutTraceSegments',
    ]);
    expect(propertiesOf(template, 'WebsocketApiCustomDomainMapping')).toMatchObject({ ApiMappingKey: 'chat' });
    expect((template.Outputs as JsonObject).WebsocketApiCustomDomainURL).toEqual({ Value: 'wss://ws.example.com/chat/' });
  });

  it("beta: autogen_policy false gives each function Chalice's own role with the stage's policy file", () => {
    const template = packaged('beta');
    const policy = JSON.parse(readFileSync(join(APP, '.wsapp', 'beta-app-policy.json'), 'utf8')) as JsonObject;

    expect(template.Resources.DefaultRole).toBeUndefined();
    for (const id of FUNCTION_IDS) {
      expect(propertiesOf(template, `${id}Role`).Policies).toEqual([{ PolicyName: `${id}RolePolicy`, PolicyDocument: policy }]);
      expect(propertiesOf(template, id).Role).toEqual({ 'Fn::GetAtt': [`${id}Role`, 'Arn'] });
    }
    expect(template.Resources.WebsocketApiCustomDomain).toBeUndefined();
  });

  it('prod: manage_iam_role false runs every function as iam_role_arn and generates no role', () => {
    const template = packaged('prod');

    expect(Object.values(template.Resources).filter((resource) => resource.Type === 'AWS::IAM::Role')).toEqual([]);
    expect(FUNCTION_IDS.map((id) => propertiesOf(template, id).Role)).toEqual(Array(3).fill('arn:aws:iam::123456789012:role/prod-role'));
  });
});
