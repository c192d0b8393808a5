// Prints one closing line from Vitest's JSON report ("tests: N passed, N failed, N skipped"), so a run
// that executed no test is visible at a glance.
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2] ?? 'test-results/vitest.json', 'utf8'));
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
console.log(`tests: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped`);
process.exitCode = report.numTotalTests > 0 && report.numFailedTests === 0 ? 0 : 1;
