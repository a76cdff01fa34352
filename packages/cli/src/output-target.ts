import { accessSync, constants, realpathSync, statSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';

/**
 * A folder that an output folder must neither be nor contain, and how to name it in messages.
 *
 * @example
 * ```ts
 * const app: ProtectedFolder = { path: '/home/me/chat', what: 'the app folder' };
 * ```
 */
export interface ProtectedFolder {
  path: string;
  what: string;
}

/** Kernel file systems: nothing written there is a file on disk (and Node's recursive mkdir hangs in /proc). */
const VIRTUAL_FILE_SYSTEMS = ['/proc', '/sys', '/dev'];

function isWithin(folder: string, path: string): boolean {
  const rest = relative(folder, path);
  return rest === '' || (!rest.startsWith('..') && !isAbsolute(rest));
}

function statIfExists(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined; // ENOTDIR: an ancestor is a file
    throw error;
  }
}

/** The path itself if it exists, else its nearest existing ancestor, with its stats. */
function nearestExisting(path: string): { path: string; stats: Stats } {
  for (let current = path; ; current = dirname(current)) {
    const stats = statIfExists(current);
    if (stats) return { path: current, stats };
    if (dirname(current) === current) throw new Error(`Cannot find any existing folder above ${path}`);
  }
}

function realPath(path: string): string {
  const existing = nearestExisting(path).path;
  return join(realpathSync(existing), relative(existing, path));
}

function checkWritable(folder: string, shown: string, what: string): void {
  try {
    accessSync(folder, constants.R_OK | constants.W_OK | constants.X_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'not writable';
    throw new Error(`Cannot write output folder ${shown}: ${what} is not writable (${code}); choose another OUT or change its permissions`);
  }
}

/**
 * Checks an output folder before anything is built or written, and returns its absolute path
 * with symbolic links resolved. Refused, each with a message that names OUT and the problem:
 * an empty path, a path that is a file or lies below one, a path in `/proc`, `/sys` or `/dev`,
 * a folder that is not writable or whose parent is not (the new output is written beside OUT,
 * then renamed over it), and a folder that is or contains the working folder or a `protect`ed one.
 *
 * @example
 * ```ts
 * const target = resolveOutputFolder('out', [{ path: appDir, what: 'the app folder' }]);
 * ```
 */
export function resolveOutputFolder(out: string, protect: readonly ProtectedFolder[] = []): string {
  if (out.trim() === '') throw new Error('The output folder is an empty string; name a folder such as out');
  if (out.includes('\0')) throw new Error(`The output folder ${JSON.stringify(out)} contains a NUL character`);
  const target = resolve(out);
  const shown = `${out} (resolved to ${target})`;
  const existing = nearestExisting(target);
  if (!existing.stats.isDirectory()) {
    if (existing.path === target) throw new Error(`Output ${out} exists and is not a folder (resolved to ${target}); choose another OUT`);
    throw new Error(`Cannot create output folder ${shown}: ${existing.path} is a file, not a folder`);
  }
  const real = realPath(target);
  const virtual = VIRTUAL_FILE_SYSTEMS.find((root) => isWithin(root, real));
  if (virtual) {
    throw new Error(`Cannot write output folder ${shown}: ${virtual} is a virtual file system of the kernel, not a folder on disk; choose another OUT`);
  }
  for (const folder of [{ path: process.cwd(), what: 'the working folder' }, ...protect]) {
    if (isWithin(real, realPath(resolve(folder.path)))) {
      throw new Error(
        `Output ${shown} is or contains ${folder.what} ${folder.path}; OUT is replaced as a whole folder, so give it a folder of its own, such as out`,
      );
    }
  }
  if (existing.path === target) {
    checkWritable(real, shown, 'it');
    checkWritable(dirname(real), shown, `its parent folder ${dirname(real)}`);
  } else {
    checkWritable(existing.path, shown, `the folder ${existing.path} it would be created in`);
  }
  return real;
}
