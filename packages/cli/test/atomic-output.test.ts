import { chmodSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, renameSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
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

  describe('over an earlier output', () => {
    const pair = (zip: string, template: string) => [
      { name: 'deployment.zip', data: zip },
      { name: 'sam.json', data: template },
    ];
    const earlier = (name: string): string => {
      const out = join(folder.path, name);
      mkdirSync(join(out, 'assets'), { recursive: true });
      writeFileSync(join(out, 'deployment.zip'), 'old zip');
      writeFileSync(join(out, 'sam.json'), 'old template');
      writeFileSync(join(out, 'template.yml'), 'from aws cloudformation package');
      writeFileSync(join(out, 'assets', 'logo.svg'), '<svg/>');
      symlinkSync('template.yml', join(out, 'packaged.yml'));
      return out;
    };
    const contents = (out: string) => ({
      zip: readFileSync(join(out, 'deployment.zip'), 'utf8'),
      template: readFileSync(join(out, 'sam.json'), 'utf8'),
      others: [readFileSync(join(out, 'template.yml'), 'utf8'), readFileSync(join(out, 'assets', 'logo.svg'), 'utf8')],
      link: readlinkSync(join(out, 'packaged.yml')),
    });
    /** A rename that fails on the given calls (1-based) and renames otherwise. */
    const failingRename = (...failing: number[]) => {
      let call = 0;
      return (from: string, to: string): void => {
        call += 1;
        if (failing.includes(call)) throw Object.assign(new Error(`injected failure of rename ${call}`), { code: 'EIO' });
        renameSync(from, to);
      };
    };
    const leftovers = (name: string) => readdirSync(folder.path).filter((entry) => entry.startsWith(`.${name}.wsapp-`));

    it('replaces both files together and keeps the other files, subfolders, links and mode', () => {
      const out = earlier('swap');
      chmodSync(out, 0o750);

      writeOutputAtomically(out, pair('new zip', 'new template'));

      expect(contents(out)).toEqual({
        zip: 'new zip',
        template: 'new template',
        others: ['from aws cloudformation package', '<svg/>'],
        link: 'template.yml',
      });
      expect(statSync(out).mode & 0o777).toBe(0o750);
      expect(leftovers('swap')).toEqual([]);
    });

    it('leaves the old pair intact when moving the new folder in fails after the old one was moved aside', () => {
      const out = earlier('fail-in');
      const before = contents(out);

      expect(() => writeOutputAtomically(out, pair('new zip', 'new template'), { rename: failingRename(2) })).toThrow(
        /Cannot write output folder .*fail-in .*: injected failure of rename 2/,
      );

      expect(contents(out)).toEqual(before);
      expect(leftovers('fail-in')).toEqual([]);
    });

    it('leaves the old pair untouched when moving the old folder aside fails', () => {
      const out = earlier('fail-aside');
      const before = contents(out);

      expect(() => writeOutputAtomically(out, pair('new zip', 'new template'), { rename: failingRename(1) })).toThrow(
        'injected failure of rename 1',
      );

      expect(contents(out)).toEqual(before);
      expect(leftovers('fail-aside')).toEqual([]);
    });

    it('says where the old pair is when it can be neither replaced nor put back', () => {
      const out = earlier('fail-back');

      let message = '';
      try {
        writeOutputAtomically(out, pair('new zip', 'new template'), { rename: failingRename(2, 3) });
      } catch (error) {
        message = (error as Error).message;
      }

      const [previous] = leftovers('fail-back');
      expect(message).toContain(`the previous output is in ${join(folder.path, previous ?? '?')}`);
      expect(contents(join(folder.path, previous ?? '?')).zip).toBe('old zip');
    });

    it('replaces the folder a symbolic link points to, and keeps the link', () => {
      const real = earlier('real');
      const link = join(folder.path, 'link-to-real');
      symlinkSync(real, link);

      writeOutputAtomically(link, pair('new zip', 'new template'));

      expect(lstatSync(link).isSymbolicLink()).toBe(true);
      expect(contents(real)).toMatchObject({ zip: 'new zip', template: 'new template' });
    });

    it('refuses a folder where it would write a file, and changes nothing', () => {
      const out = earlier('folder-in-the-way');
      mkdirSync(join(out, 'nested', 'file.txt'), { recursive: true });

      expect(() => writeOutputAtomically(out, [{ name: 'nested/file.txt', data: 'x' }])).toThrow(
        `${join(out, 'nested', 'file.txt')} is a folder where wsapp writes a file; move it away first`,
      );
      expect(statSync(join(out, 'nested', 'file.txt')).isDirectory()).toBe(true);
      expect(leftovers('folder-in-the-way')).toEqual([]);
    });
  });

  it('removes the parent folders it created when a new output cannot be written', () => {
    const out = join(folder.path, 'made', 'for', 'out');

    expect(() => writeOutputAtomically(out, [{ name: 'bad\0name', data: 'x' }])).toThrow();

    expect(readdirSync(folder.path)).not.toContain('made');
  });
});
