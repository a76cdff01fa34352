// The config reference in docs/topics/packaging.md lists every key of .wsapp/config.json with
// its levels and Chalice's name for it, and every Chalice key that is an error here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_KEYS, UNSUPPORTED_CHALICE_KEYS } from '../src/config';

const page = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'topics', 'packaging.md'), 'utf8');
const section = page.split('## `.wsapp/config.json`')[1]?.split(/^## /m)[0] ?? '';

/** The rows of the first Markdown table after `header`, as cells. */
function tableAfter(header: string): string[][] {
  const lines = section.slice(section.indexOf(header)).split('\n');
  const rows: string[][] = [];
  for (const line of lines.slice(2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.slice(1, -1).split(' | ').map((cell) => cell.trim()));
  }
  return rows;
}

describe("docs/topics/packaging.md's config reference", () => {
  const rows = tableAfter("| key | Chalice's name | levels | effect |");

  it('has a row for every key, and no other', () => {
    expect(rows.map((row) => row[0])).toEqual(CONFIG_KEYS.map((key) => `\`${key.name}\``));
  });

  it.each(CONFIG_KEYS.map((key) => [key.name, key] as const))('gives %s its levels and Chalice\'s name', (_name, key) => {
    const row = rows.find((cells) => cells[0] === `\`${key.name}\``) ?? [];
    expect(row[1]).toBe(key.chalice ? `\`${key.name}\`` : "(wsapp's own)");
    expect(row[2]).toBe(key.levels.join(', '));
    expect(row[3]?.length).toBeGreaterThan(20);
  });

  it("lists every Chalice key that is an error here, and why", () => {
    const unsupported = tableAfter("| Chalice's key | why it does not apply |");
    expect(unsupported.map((row) => row[0]).sort()).toEqual(Object.keys(UNSUPPORTED_CHALICE_KEYS).map((key) => `\`${key}\``).sort());
  });
});
