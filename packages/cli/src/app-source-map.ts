const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function decodeSegment(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

function encodeValue(input: number): string {
  let value = input < 0 ? (-input << 1) | 1 : input << 1;
  let out = '';
  do {
    let digit = value & 31;
    value >>>= 5;
    if (value > 0) digit |= 32;
    out += BASE64[digit];
  } while (value > 0);
  return out;
}

interface RawSourceMap {
  version: number;
  sources: string[];
  names?: string[];
  mappings: string;
  [key: string]: unknown;
}

/**
 * Keeps only the parts of a source map that point into the app's own sources (every source
 * outside `node_modules`, such as the app and the framework), so the map that ships in
 * `deployment.zip` stays small while stack traces through the app's code still resolve.
 * Names are dropped; line and column mappings for the kept sources are exact.
 *
 * @example
 * ```ts
 * const small = appSourceMap(fullMapJson);
 * ```
 */
export function appSourceMap(mapJson: string): string {
  const map = JSON.parse(mapJson) as RawSourceMap;
  const keptIndex = new Map<number, number>();
  const sources: string[] = [];
  map.sources.forEach((source, index) => {
    if (!source.split('/').includes('node_modules')) {
      keptIndex.set(index, sources.length);
      sources.push(source);
    }
  });
  // Absolute state of the input (decoding) and output (encoding) delta chains.
  let inSource = 0;
  let inLine = 0;
  let inColumn = 0;
  let outSource = 0;
  let outLine = 0;
  let outColumn = 0;
  const lines = map.mappings.split(';').map((line) => {
    let generatedColumn = 0;
    let outGeneratedColumn = 0;
    const kept: string[] = [];
    for (const segment of line.split(',')) {
      if (segment === '') continue;
      const [column = 0, source, originalLine, originalColumn] = decodeSegment(segment);
      generatedColumn += column;
      if (source === undefined || originalLine === undefined || originalColumn === undefined) continue;
      inSource += source;
      inLine += originalLine;
      inColumn += originalColumn;
      const target = keptIndex.get(inSource);
      if (target === undefined) continue;
      kept.push(
        encodeValue(generatedColumn - outGeneratedColumn) +
          encodeValue(target - outSource) +
          encodeValue(inLine - outLine) +
          encodeValue(inColumn - outColumn),
      );
      outGeneratedColumn = generatedColumn;
      outSource = target;
      outLine = inLine;
      outColumn = inColumn;
    }
    return kept.join(',');
  });
  return JSON.stringify({ version: 3, sources, names: [], mappings: lines.join(';') });
}
