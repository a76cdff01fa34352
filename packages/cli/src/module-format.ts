import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';

/**
 * How Node would load a file: `.mts`/`.mjs` are ES modules, `.cts`/`.cjs` CommonJS, and any other
 * file follows the `type` of the nearest `package.json` (CommonJS without one).
 *
 * @example
 * ```ts
 * moduleFormatOf('/abs/app/app.ts'); // 'commonjs' unless app/package.json says "type": "module"
 * ```
 */
export function moduleFormatOf(file: string): 'module' | 'commonjs' {
  const extension = extname(file);
  if (extension === '.mts' || extension === '.mjs') return 'module';
  if (extension === '.cts' || extension === '.cjs') return 'commonjs';
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        return (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: unknown }).type === 'module' ? 'module' : 'commonjs';
      } catch {
        return 'commonjs';
      }
    }
    if (dirname(dir) === dir) return 'commonjs';
  }
}
