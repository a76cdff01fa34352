import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  // Browsers as well as Node 20: no Node built-ins, nothing newer than ES2020.
  target: 'es2020',
  platform: 'neutral',
});
