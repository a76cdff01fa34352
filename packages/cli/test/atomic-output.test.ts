import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeOutputAtomically } from '../src/atomic-output';
import { temporaryFolder } from './helpers/temporary-folder';

describe('writeOutputAtomically', () => {
  const folder = temporaryFolder('atomic');
  afterAll(() => folder.remove());

  it('creates a new folder with every file, as an ordinary readable folder', () => {
    const out = join(folder.path, 'new');

    writeOutputAtomically(out, [
      { name: 'sam.json', data: '{}\n' },
      { name: 'nested/file.txt', data: Buffer.from('x') },
    ]);

    expect(readFileSync(join(out, 'sam.json'), 'utf8')).toBe('{}\n');
    expect(readFileSync(join(out, 'nested', 'file.txt'), 'utf8')).toBe('x');
    expect(statSync(out).mode & 0o777).toBe(0o755);
    expect(readdirSync(folder.path)).toEqual(['new']);
  });

  it('replaces its files in an existing folder and keeps the others', () => {
    const out = join(folder.path, 'existing');
    mkdirSync(out);
    writeFileSync(join(out, 'sam.json'), 'old');
    writeFileSync(join(out, 'template.yml'), 'keep');

    writeOutputAtomically(out, [{ name: 'sam.json', data: 'new' }]);

    expect(readFileSync(join(out, 'sam.json'), 'utf8')).toBe('new');
    expect(readFileSync(join(out, 'template.yml'), 'utf8')).toBe('keep');
    expect(readdirSync(folder.path).sort()).toEqual(['existing', 'new']);
  });

  it('leaves the folder as it was and removes its temporary folder when a write fails', () => {
    const out = join(folder.path, 'existing');

    expect(() =>
      writeOutputAtomically(out, [
        { name: 'sam.json', data: 'newer' },
        { name: 'bad\0name', data: 'x' },
      ]),
    ).toThrow();

    expect(readFileSync(join(out, 'sam.json'), 'utf8')).toBe('new');
    expect(readdirSync(folder.path).sort()).toEqual(['existing', 'new']);
  });

  it('refuses an output path that is a file', () => {
    const file = join(folder.path, 'file');
    writeFileSync(file, 'keep');

    expect(() => writeOutputAtomically(file, [{ name: 'sam.json', data: '{}' }])).toThrow(
      `Output ${file} exists and is not a folder`,
    );
    expect(readFileSync(file, 'utf8')).toBe('keep');
  });
});
