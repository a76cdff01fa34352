import { inflateRawSync } from 'node:zlib';

/** One file read back from a zip's central directory. */
export interface ZipEntryRecord {
  name: string;
  data: Buffer;
  /** Unix permission bits from the external attributes. */
  mode: number;
  dosDate: number;
  dosTime: number;
  /** Length of the extra field (0 means no extended timestamp). */
  extraLength: number;
}

/** Reads every entry of a zip (stored or deflated), in the order of its central directory. */
export function zipEntries(zip: Buffer): ZipEntryRecord[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('not a zip: no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const entries: ZipEntryRecord[] = [];
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(offset + 10);
    const dosTime = zip.readUInt16LE(offset + 12);
    const dosDate = zip.readUInt16LE(offset + 14);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const external = zip.readUInt32LE(offset + 38);
    const localOffset = zip.readUInt32LE(offset + 42);
    const name = zip.toString('utf8', offset + 46, offset + 46 + nameLength);
    const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const raw = zip.subarray(dataStart, dataStart + compressedSize);
    entries.push({
      name,
      data: method === 8 ? inflateRawSync(raw) : Buffer.from(raw),
      mode: external >>> 16,
      dosDate,
      dosTime,
      extraLength,
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
