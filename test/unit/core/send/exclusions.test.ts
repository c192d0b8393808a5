// Exclusions for a valid-only send, from lint diagnostics.
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../../core/rules/diagnostic';
import { errorsAreExcludable, exclusionsFromDiagnostics } from '../../../../core/send/exclusions';

const at = { path: '', line: 1, column: 1, endLine: 1, endColumn: 2, start: 0, end: 1 };
const d = (over: Partial<Diagnostic>): Diagnostic => ({
  code: 'reserved-prefix-tp',
  severity: 'error',
  message: 'm',
  ...at,
  ...over,
});

describe('exclusionsFromDiagnostics', () => {
  it('excludes each event with an error once, naming its first error, and whole collections with a collection error', () => {
    const batch = { a: [{}, {}, {}], $b: [{}, {}] };
    const excluded = exclusionsFromDiagnostics(
      [
        d({ collection: 'a', index: 1, code: 'property-name-dot', message: 'dot' }),
        d({ collection: 'a', index: 1, code: 'timestamp-invalid', message: 'ts' }),
        d({ collection: 'a', index: 2, severity: 'warning', code: 'timestamp-not-utc' }),
        d({ collection: '$b', code: 'collection-name-invalid', message: 'bad name' }),
      ],
      batch,
    );
    expect(excluded).toEqual([
      { collection: 'a', index: 1, reason: 'Not sent: it has errors (property-name-dot: dot)' },
      { collection: '$b', index: 0, reason: 'Not sent: it has errors (collection-name-invalid: bad name)' },
      { collection: '$b', index: 1, reason: 'Not sent: it has errors (collection-name-invalid: bad name)' },
    ]);
  });
  it('tells whether every error can be left out', () => {
    expect(errorsAreExcludable([d({ collection: 'a', index: 0 })])).toBe(true);
    expect(errorsAreExcludable([d({ code: 'json-syntax' })])).toBe(false);
    expect(errorsAreExcludable([d({ severity: 'info', code: 'batch-over-limit' })])).toBe(true);
  });
});
