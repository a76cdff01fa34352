/** One jest run over every package, example and the docs; TypeScript is compiled by swc. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { decoratorVersion: '2022-03' },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages', '<rootDir>/examples', '<rootDir>/docs'],
  testMatch: ['**/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^@wsapp/framework$': '<rootDir>/packages/framework/src/index.ts',
    '^@wsapp/client$': '<rootDir>/packages/client/src/index.ts',
    '^@wsapp/local$': '<rootDir>/packages/local/src/index.ts',
    '^@wsapp/local/(.*)$': '<rootDir>/packages/local/src/$1/index.ts',
  },
  setupFiles: ['<rootDir>/scripts/jest-env.cjs'],
  testTimeout: 30000,
};
