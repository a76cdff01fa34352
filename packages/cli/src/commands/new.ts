import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { writeOutputAtomically } from '../atomic-output';
import { projectFiles } from '../scaffold/project-files';

const PROJECT_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/**
 * Runs `wsapp new NAME`: writes a new project into the folder `NAME`, all at once, and refuses
 * when anything already exists at that path.
 *
 * @example
 * ```ts
 * runNew('my-api', '0.1.0');
 * ```
 */
export function runNew(name: string, wsappVersion: string): void {
  if (!PROJECT_NAME.test(name)) {
    throw new Error(
      `Invalid project name ${JSON.stringify(name)}: use 1 to 64 lower-case letters, digits, - and _, starting with a letter or digit`,
    );
  }
  const target = resolve(name);
  if (existsSync(target)) {
    throw new Error(`Cannot create project ${name}: ${target} already exists; choose another name or remove it`);
  }
  writeOutputAtomically(target, projectFiles({ name, wsappVersion }));
  process.stdout.write(
    `Created ${name}/ (app.ts, test/app.test.ts, .wsapp/config.json, package.json, tsconfig.json, README.md)\n` +
      `Next: cd ${name} && npm install && npx wsapp local\n`,
  );
}

/**
 * The `wsapp new` command.
 *
 * @example
 * ```ts
 * program.addCommand(newCommand('0.1.0'));
 * ```
 */
export function newCommand(wsappVersion: string): Command {
  return new Command('new')
    .description('Create a new wsapp project (an echo server) in the folder NAME')
    .argument('<NAME>', 'project name and folder')
    .action((name: string) => runNew(name, wsappVersion));
}
