import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveOutputFolder } from '../src/output-target';
import { temporaryFolder } from './helpers/temporary-folder';

describe('resolveOutputFolder', () => {
  const folder = temporaryFolder('output-target');
  afterAll(() => folder.remove());

  it('gives the absolute path of a new or existing folder, with symbolic links resolved', () => {
    mkdirSync(join(folder.path, 'real'));
    symlinkSync(join(folder.path, 'real'), join(folder.path, 'link'));

    expect(resolveOutputFolder(join(folder.path, 'new', 'out'))).toBe(join(folder.path, 'new', 'out'));
    expect(resolveOutputFolder(join(folder.path, 'link'))).toBe(join(folder.path, 'real'));
  });

  it.each<[string, () => string, string | RegExp]>([
    ['an empty string', () => '', 'The output folder is an empty string; name a folder such as out'],
    ['blank space', () => '  ', 'The output folder is an empty string'],
    ['a NUL character', () => 'out\0x', 'The output folder "out\\u0000x" contains a NUL character'],
    ['an existing file', () => join(folder.path, 'file'), /^Output .*file exists and is not a folder \(resolved to .*\); choose another OUT$/],
    ['a path below a file', () => join(folder.path, 'file', 'out'), /^Cannot create output folder .*file\/out \(resolved to .*\): .*file is a file, not a folder$/],
    ['a path in /proc', () => '/proc/wsapp-out', 'Cannot write output folder /proc/wsapp-out (resolved to /proc/wsapp-out): /proc is a virtual file system of the kernel'],
    ['a path in /proc/self', () => '/proc/self/out', /^Cannot write output folder \/proc\/self\/out .*: \/proc is a virtual file system/],
    ['a path in /sys', () => '/sys/wsapp-out', '/sys is a virtual file system of the kernel'],
    ['the working folder', () => '.', /^Output \. \(resolved to .*\) is or contains the working folder .*; OUT is replaced as a whole folder/],
    ['a parent of the working folder', () => '..', /^Output \.\. .* is or contains the working folder/],
    ['the root folder', () => '/', /^Output \/ \(resolved to \/\) is or contains the working folder/],
  ])('refuses %s, naming OUT and the problem', (_name, out, message) => {
    writeFileSync(join(folder.path, 'file'), 'keep');

    expect(() => resolveOutputFolder(out())).toThrow(message);
  });

  it('refuses a folder that is or contains a protected folder, through symbolic links too', () => {
    const app = join(folder.path, 'app');
    mkdirSync(join(app, 'src'), { recursive: true });
    symlinkSync(app, join(folder.path, 'app-link'));
    const protect = [{ path: join(app, 'src'), what: 'the app folder' }];

    expect(() => resolveOutputFolder(app, protect)).toThrow(`is or contains the app folder ${join(app, 'src')}`);
    expect(() => resolveOutputFolder(join(folder.path, 'app-link'), protect)).toThrow('is or contains the app folder');
    expect(resolveOutputFolder(join(app, 'src', 'out'), protect)).toBe(join(app, 'src', 'out'));
  });
});
