// Writes per-event outcomes as JUnit XML, so a CI system shows a send like a test run: one suite per
// collection, one case per event, a failure for every event not delivered.
import type { EventOutcome } from '../send/outcome';

// XML 1.0 cannot hold most control characters at all, even escaped.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function xmlText(text: string): string {
  return text
    .replace(NOT_XML, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const delivered = (o: EventOutcome) => o.outcome === 'accepted' || o.outcome === 'duplicate';

export function resultsToJunit(outcomes: Iterable<EventOutcome>, name = 'batch-studio send'): string {
  const suites = new Map<string, EventOutcome[]>();
  for (const o of outcomes) {
    let list = suites.get(o.collection);
    if (!list) suites.set(o.collection, (list = []));
    list.push(o);
  }
  let tests = 0;
  let failures = 0;
  const body: string[] = [];
  for (const [collection, list] of suites) {
    const failed = list.filter((o) => !delivered(o)).length;
    tests += list.length;
    failures += failed;
    body.push(`  <testsuite name="${xmlText(collection)}" tests="${list.length}" failures="${failed}">`);
    for (const o of list) {
      const caseName = xmlText(`${o.collection}[${o.index}]${o.id !== undefined ? ` id ${JSON.stringify(o.id)}` : ''}`);
      if (delivered(o)) {
        body.push(`    <testcase classname="${xmlText(collection)}" name="${caseName}"/>`);
        continue;
      }
      const message = xmlText(o.message ?? o.outcome);
      body.push(
        `    <testcase classname="${xmlText(collection)}" name="${caseName}"><failure type="${o.outcome}" message="${message}">${message}</failure></testcase>`,
      );
    }
    body.push('  </testsuite>');
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlText(name)}" tests="${tests}" failures="${failures}">`,
    ...body,
    '</testsuites>',
    '',
  ].join('\n');
}
