import { resolve } from 'node:path';
import type { Command } from 'commander';

/**
 * A word as a POSIX shell reads it back: unchanged when it is safe, single-quoted otherwise.
 *
 * @example
 * ```ts
 * shellWord('my app'); // "'my app'"
 * ```
 */
export function shellWord(word: string): string {
  return /^[\w./@:+=-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/**
 * The app folder of a command that takes it both as `--app DIR` (default `.`) and as a
 * positional `APP_DIR`. Giving both is fine when they name the same folder; otherwise the
 * error says exactly what to type instead, built by `retype` from one folder.
 *
 * @example
 * ```ts
 * const appDir = appFolderOf(command, positional, (dir) => `wsapp local --app ${dir}`);
 * ```
 */
export function appFolderOf(command: Command, positional: string | undefined, retype: (dir: string) => string): string {
  const option = String(command.getOptionValue('app'));
  if (positional === undefined) return option;
  if (command.getOptionValueSource('app') !== 'cli' || resolve(option) === resolve(positional)) return positional;
  throw new Error(
    `The app folder is given twice, as --app ${option} and as APP_DIR ${positional}; give it once: ` +
      `${retype(shellWord(option))} or ${retype(shellWord(positional))}`,
  );
}
