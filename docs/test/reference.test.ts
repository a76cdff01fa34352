// The reference pages cover everything: docs/api.md names every export of @wsapp/framework, @wsapp/client,
// @wsapp/local and @wsapp/local/testing, and docs/cli.md every command and option that `wsapp --help` lists.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const root = join(__dirname, '..', '..');
const packages = join(root, 'packages');

function exportNames(entry: string): string[] {
  const program = ts.createProgram([entry], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(entry)!);
  return moduleSymbol ? checker.getExportsOfModule(moduleSymbol).map((symbol) => symbol.name) : [];
}

function help(args: string[]): string {
  const run = spawnSync(process.execPath, [join(root, 'packages', 'cli', 'bin', 'wsapp.js'), ...args, '--help'], {
    encoding: 'utf8',
  });
  expect(run.status).toBe(0);
  return run.stdout;
}

describe('docs/api.md', () => {
  const page = readFileSync(join(root, 'docs', 'api.md'), 'utf8');

  it.each(['framework/src/index.ts', 'local/src/index.ts', 'local/src/testing/index.ts', 'client/src/index.ts'])('names every export of packages/%s', (entry) => {
    const names = exportNames(join(packages, entry));
    expect(names.length).toBeGreaterThan(3);
    expect(names.filter((name) => !new RegExp(`\\b${name}\\b`).test(page))).toEqual([]);
  });
});

describe('docs/cli.md', () => {
  const page = readFileSync(join(root, 'docs', 'cli.md'), 'utf8');
  const commands = [...help([]).matchAll(/^ {2}(\w+) /gm)].map((match) => match[1] as string).filter((name) => name !== 'help');

  it('documents every command wsapp --help lists', () => {
    expect(commands.length).toBeGreaterThan(2);
    expect(commands.filter((command) => !page.includes(`## wsapp ${command}`))).toEqual([]);
  });

  it('documents every option of every command', () => {
    const missing = commands.flatMap((command) => {
      const section = page.split(`## wsapp ${command}`)[1]?.split(/^## /m)[0] ?? '';
      const options = [...help([command]).matchAll(/^ {2}(?:-\w, )?(--[a-z][a-z-]*)/gm)].map((match) => match[1] as string);
      return options.filter((option) => option !== '--help' && !section.includes(`\`${option}`)).map((option) => `${command} ${option}`);
    });
    expect(missing).toEqual([]);
  });
});
