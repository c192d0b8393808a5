// The "every event accepted" answer text: what the API (and the sandbox) write for such a chunk, and what
// the full reconciliation concludes from it.
import { describe, expect, it } from 'vitest';
import { acceptedAnswerText } from '../../../../core/send/accepted-answer';
import { concludeChunk, type ChunkSection, type Conclusion } from '../../../../core/send/reconcile';

const concluded = (bodyText: string, sections: readonly ChunkSection[]): Conclusion[] => {
  const all: Conclusion[] = [];
  concludeChunk({ status: 200, bodyText }, sections, (_position, conclusion) => all.push(conclusion));
  return all;
};

describe('acceptedAnswerText', () => {
  it('is the compact answer accepting every event, which reconciliation reads as all accepted', () => {
    const sections = [
      { collection: 'pageviews', count: 3 },
      { collection: 'with "quote" é', count: 1 },
      { collection: '__proto__', count: 2 },
    ];
    const text = acceptedAnswerText(sections);
    expect(JSON.parse(text)).toEqual({
      pageviews: [{ success: true }, { success: true }, { success: true }],
      'with "quote" é': [{ success: true }],
      ['__proto__']: [{ success: true }, { success: true }],
    });
    const conclusions = concluded(text, sections);
    expect(conclusions).toHaveLength(6);
    expect(conclusions.every((c) => c.outcome === 'accepted' && c.message === undefined)).toBe(true);
  });

  it('follows the shape of each chunk (the last one is kept, others made again)', () => {
    const a = acceptedAnswerText([{ collection: 'a', count: 2 }]);
    expect(acceptedAnswerText([{ collection: 'a', count: 1 }])).toBe('{"a":[{"success":true}]}');
    expect(acceptedAnswerText([{ collection: 'a', count: 2 }])).toBe(a);
    expect(acceptedAnswerText([])).toBe('{}');
  });
});
