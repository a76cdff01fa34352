import type { IncomingHttpHeaders } from 'node:http';

/** Whether a PutObject body is `aws-chunked` (by Content-Encoding or a `STREAMING-…` content hash). */
export function isAwsChunkedBody(headers: IncomingHttpHeaders): boolean {
  const encodings = String(headers['content-encoding'] ?? '')
    .split(',')
    .map((encoding) => encoding.trim());
  return encodings.includes('aws-chunked') || String(headers['x-amz-content-sha256'] ?? '').startsWith('STREAMING-');
}

/**
 * The payload of an `aws-chunked` body: chunks of `HEXSIZE[;chunk-signature=…]\r\nDATA\r\n`
 * up to a zero-size chunk, after which come trailers (`x-amz-checksum-crc32:…`), which are
 * ignored. Throws on a malformed body.
 */
export function decodeAwsChunkedBody(body: Buffer): Buffer {
  const chunks: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = body.indexOf('\r\n', offset);
    if (lineEnd < 0) throw new Error(`aws-chunked body ends inside a chunk header at byte ${offset}`);
    const sizeText = body.subarray(offset, lineEnd).toString('latin1').split(';')[0] ?? '';
    const size = Number.parseInt(sizeText, 16);
    if (!/^[0-9a-fA-F]+$/.test(sizeText) || Number.isNaN(size)) throw new Error(`aws-chunked chunk size ${JSON.stringify(sizeText)} is not hexadecimal`);
    offset = lineEnd + 2;
    if (size === 0) return Buffer.concat(chunks);
    if (offset + size > body.length) throw new Error('aws-chunked body ends inside a chunk');
    chunks.push(body.subarray(offset, offset + size));
    offset += size + 2;
  }
}
