import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';

/**
 * The documents whose commands must be covered: the root README and every markdown file under docs/.
 */
export function documentFiles(root: string): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      if (name === 'node_modules' || name.startsWith('.')) return [];
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return walk(path);
      return extname(name) === '.md' ? [path] : [];
    });
  return [join(root, 'README.md'), ...walk(join(root, 'docs'))];
}

/** One fenced block of a markdown file. */
export interface FencedBlock {
  /** The file, relative to the repository root. */
  file: string;
  lang: string;
  body: string;
}

const FENCE = /^(`{3,})(\w*)\n([\s\S]*?)^\1$/gm;

/** Every fenced code block of the documents, in order. */
export function fencedBlocks(root: string): FencedBlock[] {
  return documentFiles(root).flatMap((path) =>
    [...readFileSync(path, 'utf8').matchAll(FENCE)].map((match) => ({
      file: relative(root, path),
      lang: match[2] ?? '',
      body: match[3] ?? '',
    })),
  );
}

/** A command shown in a ```sh block. */
export interface DocumentedCommand {
  file: string;
  command: string;
}

/**
 * The commands of a ```sh block: one per line, `\` continuations joined with one space, full-line
 * `#` comments and blank lines skipped.
 */
export function commandsOf(body: string): string[] {
  const commands: string[] = [];
  let pending = '';
  for (const raw of body.split('\n')) {
    const line = raw.trim();
    if (pending === '' && (line === '' || line.startsWith('#'))) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1).trim()} `;
      continue;
    }
    commands.push(`${pending}${line}`.trim());
    pending = '';
  }
  if (pending.trim() !== '') commands.push(pending.trim());
  return commands;
}

/** Every command of every ```sh block of the documents. */
export function documentedCommands(root: string): DocumentedCommand[] {
  return fencedBlocks(root)
    .filter((block) => block.lang === 'sh')
    .flatMap((block) => commandsOf(block.body).map((command) => ({ file: block.file, command })));
}

/** A ```text block that starts with `$ COMMAND`: what COMMAND printed. */
export interface Transcript {
  file: string;
  command: string;
  lines: string[];
}

/** Every transcript (a ```text block whose first line starts with `$ `) of the documents. */
export function transcripts(root: string): Transcript[] {
  return fencedBlocks(root)
    .filter((block) => block.lang === 'text' && block.body.startsWith('$ '))
    .map((block) => {
      const [first = '', ...lines] = block.body.replace(/\n$/, '').split('\n');
      return { file: block.file, command: first.slice(2), lines };
    });
}

/** The options (`--name`) a command uses, without values. */
export function optionsOf(command: string): string[] {
  return [...command.matchAll(/(?:^|\s)(--[a-z][a-z0-9-]*)/g)].map((match) => match[1] as string);
}

/**
 * A wsdump session as a transcript shows it: the lines typed (`> text`) and the text wsdump prints,
 * reduced to its header and one `< message` per received message (messages may span lines).
 */
export interface WsdumpSession {
  sends: string[];
  /** How many messages were received before each send, and in total (one more entry). */
  receivedBefore: number[];
  printed: string;
}

export function parseWsdumpTranscript(lines: readonly string[]): WsdumpSession {
  const sends: string[] = [];
  const receivedBefore: number[] = [];
  let printed = '';
  let received = 0;
  for (const line of lines) {
    if (line.startsWith('> ')) {
      sends.push(line.slice(2));
      receivedBefore.push(received);
    } else {
      if (line.startsWith('< ')) received += 1;
      printed += `${line}\n`;
    }
  }
  receivedBefore.push(received);
  return { sends, receivedBefore, printed };
}

/**
 * What wsdump printed, reduced to what a transcript shows: its first line, then `< message` for each
 * message received. wsdump writes each message as ESC[34m< message ESC[39m; its `> ` prompts come
 * from another thread and may land anywhere, so they are not part of the comparison.
 */
export function normalizeWsdumpOutput(output: string): string {
  const header = output.startsWith('Press Ctrl+C to quit\n') ? 'Press Ctrl+C to quit\n' : '';
  return header + wsdumpMessages(output).map((message) => `< ${message}\n`).join('');
}

/** The messages wsdump printed, in order. */
export function wsdumpMessages(output: string): string[] {
  return [...output.matchAll(/\u001b\[34m< ([^\u001b]*)\u001b\[39m/g)].map((match) => match[1] as string);
}

/** How many messages a wsdump output shows. */
export function receivedCount(output: string): number {
  return wsdumpMessages(output).length;
}
