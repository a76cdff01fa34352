import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', 'local/index': 'src/local/index.ts', 'testing/index': 'src/testing/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  splitting: false,
  // The SDK, ws and dynalite are dependencies: an app's bundler resolves them once.
  external: [/^@aws-sdk\//, 'ws', 'dynalite'],
});
