import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', 'testing/index': 'src/testing/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  // One build with shared chunks: a module used by both entries is compiled once.
  splitting: true,
  // `import.meta.url` in the CommonJS build (the embedded DynamoDB resolves dynalite's `level` with it).
  shims: true,
  external: [/^@aws-sdk\//, '@wsapp/framework', 'ws', 'dynalite', 'yaml'],
});
