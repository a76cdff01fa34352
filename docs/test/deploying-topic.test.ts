// What docs/topics/deploying.md shows of `.wsapp/config.json`: the `deployment_bucket` example
// (docs/test/fixtures/deployment-bucket-config.json, included in the page) is a valid config, and
// each stage gets the bucket the page says. The page's commands and transcripts are run and
// compared in docs/test/commands.test.ts, its IAM policies checked in docs/test/iam-policies.test.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseProjectConfig, resolveStageSettings } from '../../packages/cli/src/config';

const root = join(__dirname, '..', '..');
const fixture = join(root, 'docs', 'test', 'fixtures', 'deployment-bucket-config.json');

describe('the deployment_bucket example of docs/topics/deploying.md', () => {
  const config = parseProjectConfig(JSON.parse(readFileSync(fixture, 'utf8')), fixture);

  it('is included in the page', () => {
    expect(readFileSync(join(root, 'docs', 'topics', 'deploying.md'), 'utf8')).toContain(
      '<!-- include: docs/test/fixtures/deployment-bucket-config.json -->\n```json\n',
    );
  });

  it('gives dev the top-level bucket and prod its own', () => {
    expect(resolveStageSettings(config, 'dev').deploymentBucket).toBe('my-team-artifacts-us-east-1');
    expect(resolveStageSettings(config, 'prod').deploymentBucket).toBe('my-team-artifacts-prod-us-east-1');
  });
});
