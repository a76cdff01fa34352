import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  // The SDK is the one dependency: an app's bundler resolves it once, with the app's own copies.
  external: [/^@aws-sdk\//],
});
