// Results as JUnit XML.
import { describe, expect, it } from 'vitest';
import { resultsToJunit, xmlText } from '../../../../core/formats/results-junit';
import { testReportsToJunit } from '../../../../core/qa/test-junit';

describe('resultsToJunit', () => {
  it('writes a suite per collection and a failure for every event not delivered', () => {
    const xml = resultsToJunit([
      { collection: 'a', index: 0, id: 'x', outcome: 'accepted' },
      { collection: 'a', index: 1, outcome: 'rejected', message: 'Property names cannot start with $.' },
      { collection: 'b<c', index: 0, outcome: 'duplicate' },
    ]);
    expect(xml).toContain('<testsuites name="batch-studio send" tests="3" failures="1" errors="0" skipped="0">');
    expect(xml).toContain('<testsuite name="a" tests="2" failures="1" errors="0" skipped="0" time="0.000">');
    expect(xml).toContain('<testcase classname="a" name="a[0] id &quot;x&quot;" time="0.000"/>');
    expect(xml).toContain(
      '<failure type="rejected" message="Property names cannot start with $.">Property names cannot start with $.</failure>',
    );
    expect(xml).toContain('<testsuite name="b&lt;c" tests="1" failures="0" errors="0" skipped="0" time="0.000">');
  });
  it('fails every event not delivered: rejected, not-sent and unknown, one case per event', () => {
    const xml = resultsToJunit([
      { collection: 'a', index: 0, outcome: 'not-sent', message: 'cancelled' },
      { collection: 'a', index: 1, outcome: 'unknown', message: 'no answer' },
      { collection: 'a', index: 2, outcome: 'accepted' },
    ]);
    expect(xml.match(/<testcase /g)).toHaveLength(3);
    expect(xml).toContain('<failure type="not-sent" message="cancelled">');
    expect(xml).toContain('<failure type="unknown" message="no answer">');
    expect(xml).toContain('tests="3" failures="2"');
  });
  it('counts a bulk-imported event as delivered', () => {
    expect(resultsToJunit([{ collection: 'a', index: 0, outcome: 'imported' }])).toContain('tests="1" failures="0"');
  });
  it('writes the same attributes as the QA test report (one writer)', () => {
    const send = resultsToJunit([{ collection: 'a', index: 0, outcome: 'accepted' }]);
    const qa = testReportsToJunit([
      {
        file: 'x.case.json',
        report: { name: 'x', passed: true, checks: [], counts: { passed: 0, failed: 0, skipped: 0 } },
      },
    ]);
    const attributes = (xml: string, tag: string) =>
      [...(new RegExp(`<${tag} ([^>]*)>`).exec(xml)?.[1] ?? '').matchAll(/(\w+)=/g)].map((m) => m[1]);
    expect(attributes(send, 'testsuites')).toEqual(attributes(qa, 'testsuites'));
    expect(attributes(send, 'testsuite')).toEqual(attributes(qa, 'testsuite').filter((name) => name !== 'file'));
  });
  it('escapes markup and replaces characters XML cannot hold', () => {
    expect(xmlText(`a&b<c>"d'\u0001`)).toBe('a&amp;b&lt;c&gt;&quot;d&apos;\ufffd');
  });
});
