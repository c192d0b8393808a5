// The answer that accepts every event of a chunk, as the API writes it (spec §3: compact, one result per
// event in request order). A body equal to it concludes the chunk as concludeChunk would, without parsing
// thousands of results, and the records of such answers share one string.
import type { ChunkSection } from './reconcile';

const ACCEPTED_RESULT = '{"success":true}';

// The last text made, by the chunk's shape: chunks of a send mostly have the same one.
let last: { readonly key: string; readonly text: string } | undefined;

/** The compact 200 body accepting every event of these sections. */
export function acceptedAnswerText(sections: readonly ChunkSection[]): string {
  const key = JSON.stringify(sections.map((s) => [s.collection, s.count]));
  if (last?.key === key) return last.text;
  const results = (count: number) => (count === 0 ? '' : `${ACCEPTED_RESULT},`.repeat(count - 1) + ACCEPTED_RESULT);
  const text = `{${sections.map((s) => `${JSON.stringify(s.collection)}:[${results(s.count)}]`).join(',')}}`;
  last = { key, text };
  return text;
}
