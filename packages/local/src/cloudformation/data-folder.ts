import { randomBytes } from 'node:crypto';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

/**
 * Why a folder cannot hold the embedded DynamoDB's data, as `startEmbeddedDynamoDb` reports it.
 *
 * @example
 * ```ts
 * try { await prepareDataFolder('/proc/x'); } catch (error) { console.log((error as DataFolderError).path); }
 * ```
 */
export class DataFolderError extends Error {
  override name = 'DataFolderError';
  readonly code = 'WSAPP_DATA_FOLDER';
  constructor(
    /** The folder as given. */
    readonly path: string,
    resolved: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`Cannot keep DynamoDB data in ${path} (resolved to ${resolved}): ${reason}`, options);
  }
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/**
 * Creates `folder` and its missing parents, one `mkdir` each. Node's own recursive `mkdir`
 * never returns where a parent exists but cannot hold folders (`/proc/x`: the child gives
 * ENOENT, the parent EEXIST, forever), and LevelDB's open calls it, so this walk must come
 * first; it tries each folder at most twice and so ends after as many steps as the path has.
 */
async function makeFolder(folder: string): Promise<void> {
  try {
    await mkdir(folder);
    return;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return;
    if (errorCode(error) !== 'ENOENT' || dirname(folder) === folder) throw error;
  }
  await makeFolder(dirname(folder));
  try {
    await mkdir(folder);
  } catch (error) {
    if (errorCode(error) !== 'EEXIST') throw error;
  }
}

/** Why creating the folder (`create`) or a file in it (`write`) failed, in words. */
function reasonFor(error: unknown, step: 'create' | 'write'): string {
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ENOTDIR') return `a parent is a file, not a folder (${message})`;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return `it is not writable (${message})`;
  if (step === 'write') return `files cannot be written in it; is it on a special file system such as /proc? (${message})`;
  if (code === 'ENOENT') return `the folder cannot be created there; is it on a special file system such as /proc? (${message})`;
  return message;
}

interface LevelStore {
  open(): Promise<void>;
  close(): Promise<void>;
}

/** Opens and closes the LevelDB store once, with the `level` dynalite itself loads. */
async function checkStoreOpens(folder: string): Promise<void> {
  const fromDynalite = createRequire(createRequire(import.meta.url).resolve('dynalite'));
  const { Level } = fromDynalite('level') as { Level: new (location: string) => LevelStore };
  const store = new Level(folder);
  try {
    await store.open();
  } finally {
    await store.close();
  }
}

/**
 * Makes sure `path` can hold the embedded DynamoDB's LevelDB store before dynalite opens it,
 * and resolves to its absolute path: it creates the folder (never spinning on a special file
 * system), checks that it is a folder, that a file can be written in it, and that the store
 * opens (not locked by another process, not damaged). Each failure is a
 * {@link DataFolderError} naming the path; dynalite would instead hang, or crash the process
 * at its first request.
 *
 * @example
 * ```ts
 * const folder = await prepareDataFolder('.wsapp/dynamodb');
 * ```
 */
export async function prepareDataFolder(path: string): Promise<string> {
  const resolved = resolve(path);
  const fail = (reason: string, cause?: unknown): never => {
    throw new DataFolderError(path, resolved, reason, cause === undefined ? undefined : { cause });
  };
  await makeFolder(resolved).catch((error: unknown) => fail(reasonFor(error, 'create'), error));
  const isFolder = await stat(resolved).then(
    (info) => info.isDirectory(),
    // mkdir said it exists, stat finds nothing: a symbolic link to nowhere.
    (error: unknown) => fail(errorCode(error) === 'ENOENT' ? 'it is a symbolic link to nothing' : reasonFor(error, 'create'), error),
  );
  if (!isFolder) fail('it is a file, not a folder');
  const probe = join(resolved, `.wsapp-write-check-${randomBytes(6).toString('hex')}`);
  await writeFile(probe, '', { flag: 'wx' }).catch((error: unknown) => fail(reasonFor(error, 'write'), error));
  await rm(probe, { force: true });
  await checkStoreOpens(resolved).catch((error: unknown) => {
    const cause = (error as Error & { cause?: unknown }).cause ?? error;
    const detail = cause instanceof Error ? cause.message : String(cause);
    const hint = /lock/i.test(detail) ? ' (is another process, such as a second wsapp local, using this folder?)' : '';
    fail(`the DynamoDB store does not open: ${detail}${hint}`, error);
  });
  return resolved;
}
