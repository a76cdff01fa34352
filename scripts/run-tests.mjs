// Runs the whole jest suite, then prints the plain closing line CI reads: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const resultsDir = join(process.cwd(), '.ci', 'results');
// One file per run: several runs may share the checkout.
const resultsFile = join(resultsDir, `jest-${process.pid}.json`);
mkdirSync(resultsDir, { recursive: true });
rmSync(resultsFile, { force: true });

const jest = spawnSync(
  process.execPath,
  [join('node_modules', 'jest', 'bin', 'jest.js'), '--json', `--outputFile=${resultsFile}`, ...process.argv.slice(2)],
  { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '0' } },
);

if (!existsSync(resultsFile)) {
  console.log('0 passed, 1 failed');
  console.error('jest wrote no results file; it exited with', jest.status, jest.signal ?? '');
  process.exit(1);
}
const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
rmSync(resultsFile, { force: true });
const failedSuites = results.numFailedTestSuites + (results.numRuntimeErrorTestSuites ?? 0);
const failed = results.numFailedTests + (results.numTotalTests === 0 ? 1 : 0) + (failedSuites > 0 && results.numFailedTests === 0 ? failedSuites : 0);
console.log(`${results.numPassedTests} passed, ${failed} failed`);
process.exit(jest.status === 0 && failed === 0 ? 0 : 1);
