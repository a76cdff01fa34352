import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
  type Dirent,
} from 'node:fs';
import { basename, dirname, join, normalize, relative } from 'node:path';
import { resolveOutputFolder, type ProtectedFolder } from './output-target';

/**
 * One file to write into the output folder; `name` may contain `/` for a subfolder.
 *
 * @example
 * ```ts
 * const file: OutputFile = { name: 'sam.json', data: '{}\n' };
 * ```
 */
export interface OutputFile {
  name: string;
  data: string | Uint8Array;
}

/**
 * Options of {@link writeOutputAtomically}.
 *
 * @example
 * ```ts
 * const options: AtomicOutputOptions = { protect: [{ path: appDir, what: 'the app folder' }] };
 * ```
 */
export interface AtomicOutputOptions {
  /** Folders the output folder must neither be nor contain (the working folder always is one). */
  protect?: readonly ProtectedFolder[];
  /** Stands in for `fs.renameSync`, so that tests can make one step of the swap fail. */
  rename?: (from: string, to: string) => void;
}

type Rename = NonNullable<AtomicOutputOptions['rename']>;

function writeFiles(folder: string, files: readonly OutputFile[]): void {
  for (const file of files) {
    const name = normalize(file.name);
    if (name.startsWith('..') || name.startsWith('/')) throw new Error(`Output file ${file.name} must stay inside the output folder`);
    mkdirSync(dirname(join(folder, name)), { recursive: true });
    writeFileSync(join(folder, name), file.data);
  }
}

/** Creates `folder` and its missing ancestors one level at a time; returns those it created, outermost first. */
function makeFolders(folder: string): string[] {
  const missing: string[] = [];
  for (let current = folder; !existsSync(current); current = dirname(current)) missing.unshift(current);
  for (const path of missing) mkdirSync(path);
  return missing;
}

/** Removes folders this run created, innermost first, leaving any that something else has filled. */
function removeEmptyFolders(folders: readonly string[]): void {
  for (const folder of folders) {
    try {
      rmdirSync(folder);
    } catch {
      return;
    }
  }
}

function createFolder(target: string, files: readonly OutputFile[], rename: Rename): void {
  const created = makeFolders(dirname(target));
  const staging = mkdtempSync(join(dirname(target), `.${basename(target)}.wsapp-`));
  try {
    writeFiles(staging, files);
    chmodSync(staging, 0o755); // mkdtemp creates it private; OUT is an ordinary folder
    rename(staging, target);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    removeEmptyFolders(created.reverse());
    throw error;
  }
}

/**
 * What kind of entry `entry` is, when it is none that {@link copyOtherEntries} copies (a regular
 * file, a folder or a symbolic link); undefined for those.
 *
 * @example
 * ```ts
 * specialKind(dirent); // 'a FIFO (named pipe)' for what `mkfifo` made
 * ```
 */
function specialKind(entry: Dirent): string | undefined {
  if (entry.isFile() || entry.isDirectory() || entry.isSymbolicLink()) return undefined;
  if (entry.isFIFO()) return 'a FIFO (named pipe)';
  if (entry.isSocket()) return 'a socket';
  if (entry.isBlockDevice()) return 'a block device';
  if (entry.isCharacterDevice()) return 'a character device';
  return 'an entry of unknown kind';
}

/**
 * Refuses, before anything is copied, an entry under `target` that is not a regular file, folder
 * or symbolic link (symbolic links are not followed), unless it is one of `ours`, the files about
 * to be written over. `fs.cpSync` fails on those differently in each Node.js version (Node 22 and
 * 24 with an internal "Unreachable code" assertion), so wsapp says itself which entry is in the way.
 * The error has a `code`, so {@link writeOutputAtomically} names the output folder in front of it.
 *
 * @example
 * ```ts
 * refuseSpecialEntries('/app/out', new Set(['sam.json'])); // throws if /app/out/pipe is a FIFO
 * ```
 */
function refuseSpecialEntries(target: string, ours: ReadonlySet<string>, folder = target): void {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (ours.has(relative(target, path))) continue;
    if (entry.isDirectory()) {
      refuseSpecialEntries(target, ours, path);
      continue;
    }
    const kind = specialKind(entry);
    if (kind === undefined) continue;
    throw Object.assign(
      new Error(`${path} is ${kind}; wsapp copies only files, folders and symbolic links into the new output, so move it away first`),
      { code: 'ERR_WSAPP_OUTPUT_SPECIAL_ENTRY', path },
    );
  }
}

/**
 * Copies everything of `target` except the files about to be written, keeping links and times;
 * refuses first a folder where one of those files goes, and any FIFO, socket or device.
 *
 * @example
 * ```ts
 * copyOtherEntries('/app/out', staging, [{ name: 'sam.json', data: '{}' }]);
 * ```
 */
function copyOtherEntries(target: string, staging: string, files: readonly OutputFile[]): void {
  const ours = new Set(files.map((file) => normalize(file.name)));
  for (const name of ours) {
    if (lstatSync(join(target, name), { throwIfNoEntry: false })?.isDirectory()) {
      throw new Error(`${join(target, name)} is a folder where wsapp writes a file; move it away first`);
    }
  }
  refuseSpecialEntries(target, ours);
  cpSync(target, staging, {
    recursive: true,
    verbatimSymlinks: true,
    preserveTimestamps: true,
    filter: (source) => !ours.has(relative(target, source)),
  });
}

/** Moves `target` aside, `staging` in, and removes the old one; puts `target` back if the second move fails. */
function swapFolders(target: string, staging: string, rename: Rename): void {
  const previous = `${staging}-previous`;
  rename(target, previous);
  try {
    rename(staging, target);
  } catch (error) {
    try {
      rename(previous, target);
    } catch {
      throw new Error(`Cannot move the new output into ${target}, nor the previous one back; the previous output is in ${previous}`, {
        cause: error,
      });
    }
    throw error;
  }
  rmSync(previous, { recursive: true, force: true });
}

function replaceFolder(target: string, files: readonly OutputFile[], rename: Rename): void {
  const staging = mkdtempSync(join(dirname(target), `.${basename(target)}.wsapp-`));
  try {
    copyOtherEntries(target, staging, files);
    writeFiles(staging, files);
    chmodSync(staging, statSync(target).mode & 0o7777);
    swapFolders(target, staging, rename);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Writes files into `outDir` so that they all change together or none does. The new contents
 * of `outDir` (its other files copied, then the given files) are written to a temporary folder
 * beside it, on the same file system; that folder is then renamed into place. A new `outDir`
 * appears in one rename, complete. An existing one is moved aside and the new one renamed in;
 * if that second rename fails, the old folder is moved back, so `outDir` holds either every old
 * file or every new one. `outDir` is checked first with {@link resolveOutputFolder}; when a
 * symbolic link, the folder it points to is replaced, not the link.
 *
 * @example
 * ```ts
 * writeOutputAtomically('out', [{ name: 'deployment.zip', data: zip }, { name: 'sam.json', data: json }]);
 * ```
 */
export function writeOutputAtomically(outDir: string, files: readonly OutputFile[], options: AtomicOutputOptions = {}): void {
  const target = resolveOutputFolder(outDir, options.protect);
  const rename = options.rename ?? renameSync;
  try {
    if (existsSync(target)) replaceFolder(target, files, rename);
    else createFolder(target, files, rename);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === undefined) throw error;
    throw new Error(`Cannot write output folder ${outDir} (resolved to ${target}): ${(error as Error).message}`, { cause: error });
  }
}
