import { chmodSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

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
 * Writes files into `outDir` without ever leaving it half-written: every file is first written
 * to a temporary folder beside `outDir` (same file system), then moved in by rename. A new
 * `outDir` appears in one rename, complete; in an existing one each file is replaced by an
 * atomic rename, in the order given, and other files in it are kept. If anything fails before
 * the renames, `outDir` is exactly as it was and the temporary folder is removed.
 *
 * @example
 * ```ts
 * writeOutputAtomically('out', [{ name: 'deployment.zip', data: zip }, { name: 'sam.json', data: json }]);
 * ```
 */
export function writeOutputAtomically(outDir: string, files: readonly OutputFile[]): void {
  const target = resolve(outDir);
  const exists = existsSync(target);
  if (exists && !statSync(target).isDirectory()) {
    throw new Error(`Output ${outDir} exists and is not a folder (resolved to ${target}); choose another OUT`);
  }
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const staging = mkdtempSync(join(parent, `.${basename(target)}.wsapp-`));
  try {
    for (const file of files) {
      mkdirSync(dirname(join(staging, file.name)), { recursive: true });
      writeFileSync(join(staging, file.name), file.data);
    }
    if (!exists) {
      chmodSync(staging, 0o755); // mkdtemp creates it private; OUT is an ordinary folder
      renameSync(staging, target);
      return;
    }
    for (const file of files) {
      mkdirSync(dirname(join(target, file.name)), { recursive: true });
      renameSync(join(staging, file.name), join(target, file.name));
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
