import { ZipFile } from 'yazl';

/**
 * One file to put in a zip: its path inside the zip and its bytes.
 *
 * @example
 * ```ts
 * const entry: ZipEntry = { name: 'app.js', data: Buffer.from('exports.handler = async () => {};') };
 * ```
 */
export interface ZipEntry {
  name: string;
  data: Uint8Array;
}

/** 1980-01-01 00:00 in local time: DOS timestamps are local, so this encodes the same everywhere. */
const FIXED_MTIME = new Date(1980, 0, 1, 0, 0, 0);
const FILE_MODE = 0o100644;

/**
 * Builds a deterministic zip: entries sorted by name, a fixed timestamp (no extended time
 * field), fixed permissions and default compression. The same entries always give the same
 * bytes, so CloudFormation sees an unchanged `CodeUri` and does not redeploy the function.
 *
 * @example
 * ```ts
 * const zip = await deterministicZip([{ name: 'app.js', data: code }, { name: 'app.js.map', data: map }]);
 * ```
 */
export function deterministicZip(entries: readonly ZipEntry[]): Promise<Buffer> {
  const zip = new ZipFile();
  const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of sorted) {
    zip.addBuffer(Buffer.from(entry.data), entry.name, {
      mtime: FIXED_MTIME,
      mode: FILE_MODE,
      compress: true,
      forceDosTimestamp: true,
    });
  }
  zip.end();
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolvePromise(Buffer.concat(chunks)));
  });
}
