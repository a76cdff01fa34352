// The IAM policies of docs/topics/deploying.md ("IAM permissions for the deploying user"), one per
// command in docs/snippets/iam/, grant every AWS action the CLI's source sends for that command,
// and their `Wsapp...` statements (the CLI's own calls, as opposed to the `CloudFormation...` ones,
// for what CloudFormation does with the caller's credentials) grant nothing more.
//
// What a command sends is read from the source with the TypeScript checker: starting at the
// command's builder (`deployCommand`, ...), every function, method, class and constant it refers
// to in packages/cli/src is visited, and in them the labels of `attempt('service:Action', ...)`,
// the SDK commands sent (`new DescribeStacksCommand(...)`) and the SDK waiters called
// (`waitUntilStackCreateComplete`, which polls DescribeStacks).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const root = join(__dirname, '..', '..');
const cliSrc = join(root, 'packages', 'cli', 'src');
const policyDir = join(root, 'docs', 'snippets', 'iam');
const topic = readFileSync(join(root, 'docs', 'topics', 'deploying.md'), 'utf8');

const COMMANDS = [
  { command: 'deploy', file: 'commands/deploy.ts', builder: 'deployCommand' },
  { command: 'delete', file: 'commands/delete.ts', builder: 'deleteCommand' },
  { command: 'url', file: 'commands/url.ts', builder: 'urlCommand' },
  { command: 'logs', file: 'commands/logs.ts', builder: 'logsCommand' },
] as const;

/** The service prefix of IAM actions for each SDK client package the CLI uses. */
const SERVICES: Record<string, string> = { 'client-cloudformation': 'cloudformation', 'client-s3': 's3', 'client-cloudwatch-logs': 'logs' };

/**
 * IAM actions an SDK command needs that its name does not say. HeadObject is authorized as
 * s3:GetObject, and without s3:ListBucket on the bucket S3 answers a missing key with 403
 * instead of 404, which `wsapp deploy` (looking for an upload it can skip) could not tell from a denial.
 */
const COMMAND_ACTIONS: Record<string, string[]> = { 's3:HeadObject': ['s3:GetObject', 's3:ListBucket'] };

/** The action each SDK waiter polls. */
const WAITERS: Record<string, string> = {
  waitUntilStackCreateComplete: 'cloudformation:DescribeStacks',
  waitUntilStackDeleteComplete: 'cloudformation:DescribeStacks',
  waitUntilStackUpdateComplete: 'cloudformation:DescribeStacks',
  waitUntilChangeSetCreateComplete: 'cloudformation:DescribeChangeSet',
};

const program = ts.createProgram([join(cliSrc, 'cli.ts')], {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  strict: true,
  noEmit: true,
  skipLibCheck: true,
});
const checker = program.getTypeChecker();

interface Sent {
  /** The labels of `attempt(...)` calls. */
  labels: Set<string>;
  /** The actions of the SDK commands and waiters used. */
  sdk: Set<string>;
}

function sdkService(fileName: string): string | undefined {
  const match = /@aws-sdk[\\/](client-[a-z0-9-]+)[\\/]/.exec(fileName.replace(/.*node_modules[\\/]/, ''));
  return match ? SERVICES[match[1] as string] : undefined;
}

/** What the code reachable from `builder` (exported by `file`) sends to AWS. */
function sentBy(file: string, builder: string): Sent {
  const source = program.getSourceFile(join(cliSrc, file));
  if (!source) throw new Error(`${file} is not part of the program`);
  const exported = checker.getExportsOfModule(checker.getSymbolAtLocation(source)!).find((symbol) => symbol.name === builder);
  if (!exported?.declarations) throw new Error(`${file} does not export ${builder}`);
  const sent: Sent = { labels: new Set(), sdk: new Set() };
  const visited = new Set<ts.Node>();
  const queue: ts.Node[] = [...exported.declarations];
  const sdkName = (expression: ts.Expression): { name: string; service: string } | undefined => {
    if (!ts.isIdentifier(expression)) return undefined;
    let symbol = checker.getSymbolAtLocation(expression);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    const service = symbol?.declarations?.map((d) => sdkService(d.getSourceFile().fileName)).find(Boolean);
    return service ? { name: expression.text, service } : undefined;
  };
  while (queue.length > 0) {
    const declaration = queue.pop()!;
    if (visited.has(declaration)) continue;
    visited.add(declaration);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'attempt') {
        const [label] = node.arguments;
        if (label && ts.isStringLiteral(label)) sent.labels.add(label.text);
        else throw new Error(`an attempt() in ${declaration.getSourceFile().fileName} has no literal label`);
      }
      if (ts.isNewExpression(node)) {
        const sdk = sdkName(node.expression);
        if (sdk && sdk.name.endsWith('Command')) {
          const action = `${sdk.service}:${sdk.name.replace(/Command$/, '')}`;
          for (const needed of COMMAND_ACTIONS[action] ?? [action]) sent.sdk.add(needed);
        }
      }
      if (ts.isCallExpression(node)) {
        const sdk = sdkName(node.expression);
        if (sdk && sdk.name.startsWith('waitUntil')) {
          const polled = WAITERS[sdk.name];
          if (!polled) throw new Error(`add the action ${sdk.name} polls to WAITERS`);
          sent.sdk.add(polled);
        }
      }
      if (ts.isIdentifier(node)) {
        let symbol = checker.getSymbolAtLocation(node);
        if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
        for (const found of symbol?.declarations ?? []) {
          if (found.getSourceFile().fileName.startsWith(cliSrc) && !visited.has(found)) queue.push(found);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(declaration);
  }
  return sent;
}

interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource: string | string[];
  Condition?: unknown;
}

function policyOf(command: string): Statement[] {
  const document = JSON.parse(readFileSync(join(policyDir, `${command}-policy.json`), 'utf8')) as { Version: string; Statement: Statement[] };
  expect(document.Version).toBe('2012-10-17');
  return document.Statement;
}

const list = (value: string | string[]): string[] => (Array.isArray(value) ? value : [value]);
const grants = (statement: Statement, action: string): boolean =>
  statement.Effect === 'Allow' &&
  list(statement.Action).some((granted) => new RegExp(`^${granted.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(action));

/** Every `attempt('service:Action'` label anywhere in packages/cli/src. */
function allLabels(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return walk(path);
      if (!name.endsWith('.ts')) return [];
      return [...readFileSync(path, 'utf8').matchAll(/\battempt\('([a-z0-9-]+:[A-Za-z]+)'/g)].map((match) => match[1] as string);
    });
  return [...new Set(walk(cliSrc))].sort();
}

describe('the IAM policies of docs/topics/deploying.md', () => {
  const sent = new Map(COMMANDS.map(({ command, file, builder }) => [command, sentBy(file, builder)]));

  it('are each shown on the page, included from docs/snippets/iam/', () => {
    for (const { command } of COMMANDS) expect(topic).toContain(`<!-- include: docs/snippets/iam/${command}-policy.json -->\n\`\`\`json\n`);
  });

  it.each(COMMANDS.map(({ command }) => command))('wsapp %s: every attempt() label names an SDK command it sends', (command) => {
    const { labels, sdk } = sent.get(command)!;
    expect(labels.size).toBeGreaterThan(0);
    expect([...labels].filter((label) => !sdk.has(label))).toEqual([]);
  });

  it.each(COMMANDS.map(({ command }) => command))('wsapp %s: the policy grants every action the source sends', (command) => {
    const { labels, sdk } = sent.get(command)!;
    const statements = policyOf(command);
    const needed = [...new Set([...labels, ...sdk])].sort();
    expect(needed.filter((action) => !statements.some((statement) => grants(statement, action)))).toEqual([]);
  });

  it.each(COMMANDS.map(({ command }) => command))('wsapp %s: the Wsapp statements grant exactly what the source sends', (command) => {
    const { labels, sdk } = sent.get(command)!;
    const own = policyOf(command).filter((statement) => statement.Sid?.startsWith('Wsapp'));
    const granted = [...new Set(own.flatMap((statement) => list(statement.Action)))].sort();
    expect(granted).toEqual([...new Set([...labels, ...sdk])].sort());
  });

  it('grant the actions these commands send and no others of the CLI', () => {
    expect(sent.get('url')!.sdk).toEqual(new Set(['cloudformation:DescribeStacks']));
    expect(sent.get('logs')!.sdk).toEqual(new Set(['cloudformation:ListStackResources', 'logs:FilterLogEvents']));
    expect(sent.get('delete')!.sdk).toEqual(new Set(['cloudformation:DescribeStacks', 'cloudformation:DescribeStackEvents', 'cloudformation:DeleteStack']));
  });

  it('cover every attempt() label in packages/cli/src', () => {
    const granted = COMMANDS.flatMap(({ command }) => policyOf(command));
    const labels = allLabels();
    expect(labels.length).toBeGreaterThan(10);
    expect(labels.filter((label) => !granted.some((statement) => grants(statement, label)))).toEqual([]);
  });

  it.each(COMMANDS.map(({ command }) => command))('wsapp %s: every statement names its resources, with the placeholders the page explains', (command) => {
    for (const statement of policyOf(command)) {
      for (const resource of list(statement.Resource)) {
        expect({ sid: statement.Sid, resource }).toEqual({ sid: statement.Sid, resource: expect.stringMatching(/^arn:aws:[a-z0-9-]+:/) });
        expect(resource.replace(/REGION|ACCOUNT|APP-STAGE|APP|BUCKET/g, '')).not.toMatch(/\d{12}|[A-Z]{2,}/);
      }
      expect(statement.Sid).toMatch(/^(Wsapp|CloudFormation)[A-Za-z]+$/);
    }
  });
});
