// Results as JUnit XML.
import { describe, expect, it } from 'vitest';
import { resultsToJunit, xmlText } from '../../../../core/formats/results-junit';

describe('resultsToJunit', () => {
  it('writes a suite per collection and a failure for every event not delivered', () => {
    const xml = resultsToJunit([
      { collection: 'a', index: 0, id: 'x', outcome: 'accepted' },
      { collection: 'a', index: 1, outcome: 'rejected', message: 'Property names cannot start with $.' },
      { collection: 'b<c', index: 0, outcome: 'duplicate' },
    ]);
    expect(xml).toContain('<testsuites name="batch-studio send" tests="3" failures="1">');
    expect(xml).toContain('<testsuite name="a" tests="2" failures="1">');
    expect(xml).toContain('<testcase classname="a" name="a[0] id &quot;x&quot;"/>');
    expect(xml).toContain('<failure type="rejected" message="Property names cannot start with $.">Property names cannot start with $.</failure>');
    expect(xml).toContain('<testsuite name="b&lt;c" tests="1" failures="0">');
  });
  it('escapes markup and replaces characters XML cannot hold', () => {
    expect(xmlText(`a&b<c>"d'\u0001`)).toBe('a&amp;b&lt;c&gt;&quot;d&apos;\ufffd');
  });
});
