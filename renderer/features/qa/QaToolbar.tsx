// The QA tools above the results: "Record expectations" (save the batch and its results as a test case),
// "Run test" (open a test-case file and send it), and the verdict of the test that ran.
import { useRef } from 'react';
import type { CaseReport } from '../../../core/qa/expectation-check';
import './qa.css';

interface Props {
  /** Results of a send exist for the active document: they can be recorded. */
  readonly canRecord: boolean;
  readonly running: boolean;
  readonly onRecord: () => void;
  readonly onRun: (text: string, fileName: string) => void;
  readonly report: CaseReport | undefined;
  readonly testName: string | undefined;
  readonly error: string | undefined;
  readonly onStop: () => void;
  /** Tests run against the user's sandbox instead of a fresh temporary one. */
  readonly runInCurrent: boolean;
  readonly onRunInCurrentChange: (inCurrent: boolean) => void;
}

export function QaToolbar({
  canRecord,
  running,
  onRecord,
  onRun,
  report,
  testName,
  error,
  onStop,
  runInCurrent,
  onRunInCurrentChange,
}: Props) {
  const picker = useRef<HTMLInputElement>(null);
  return (
    <div className="qa-toolbar" role="toolbar" aria-label="QA expectations">
      <button
        type="button"
        className="button small"
        onClick={onRecord}
        disabled={!canRecord || running}
        title="Save this batch and its results as a test case (a .case.json file)"
      >
        Record expectations
      </button>
      <button
        type="button"
        className="button small"
        onClick={() => picker.current?.click()}
        disabled={running}
        title="Open a test case, send its batch and check every result"
      >
        Run test
      </button>
      <label
        className="qa-option"
        title="By default a test against the Local sandbox runs in a fresh temporary sandbox, so its reset never deletes your stored events"
      >
        <input
          type="checkbox"
          checked={runInCurrent}
          onChange={(e) => onRunInCurrentChange(e.target.checked)}
          disabled={running}
        />
        Run in the current sandbox
      </label>
      <input
        ref={picker}
        type="file"
        accept=".json,application/json"
        aria-label="Test case file"
        className="qa-file"
        tabIndex={-1}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void file.text().then((text) => onRun(text, file.name));
        }}
      />
      {report ? (
        <span role="status" aria-label="Test verdict" className={`qa-verdict ${report.passed ? 'qa-pass' : 'qa-fail'}`}>
          <span aria-hidden="true">{report.passed ? '✔' : '✘'}</span> {report.passed ? 'Test passed' : 'Test failed'}:{' '}
          {testName ?? report.name} · {report.counts.passed} as expected, {report.counts.failed} not
          {report.counts.skipped > 0 ? `, ${report.counts.skipped} not checked` : ''}
        </span>
      ) : testName ? (
        <span role="status" className="qa-verdict">
          Test “{testName}”: send the batch to check it.
        </span>
      ) : null}
      {testName ? (
        <button
          type="button"
          className="button small"
          onClick={onStop}
          title="Stop checking results against this test case"
        >
          Close test
        </button>
      ) : null}
      {error ? (
        <span role="alert" className="qa-error">
          {error}
        </span>
      ) : null}
    </div>
  );
}
