import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { cli: 'src/cli.ts' },
  format: ['esm'],
  dts: false,
  sourcemap: true,
  clean: true,
  target: 'node20',
  splitting: true, // the AWS commands' modules (and the SDK clients) load only when one runs
  external: [/^@aws-sdk\//, /^@aws\//, '@wsapp/framework', '@wsapp/local', 'esbuild', 'tsx', 'ws', 'dynalite', 'yaml', 'yazl', 'commander', 'chokidar'],
});
