// "Infer schema": the collection at the cursor (name or events), a reviewable draft, and plain refusals.
import { describe, expect, it } from 'vitest';
import { inferAtCursor } from '../../../../../renderer/features/schemas/infer-at-cursor';
import { parseSchemaList } from '../../../../../renderer/features/schemas/use-schemas';

const text = JSON.stringify(
  {
    signups: [{ userId: 'u' }],
    clicks: [
      { id: 'k-1', x: 1 },
      { id: 'k-2', x: 2.5 },
    ],
  },
  null,
  2,
);

describe('inferAtCursor', () => {
  it('infers the collection whose name or events hold the cursor', () => {
    const inClicks = inferAtCursor(text, text.indexOf('k-2'));
    expect(inClicks).toMatchObject({ ok: true, collection: 'clicks', events: 2 });
    if (!inClicks.ok) return;
    const schema = JSON.parse(inClicks.text) as { title: string; properties: Record<string, { type: string }> };
    expect(schema.title).toBe('clicks');
    expect(schema.properties['x']?.type).toBe('number');
    expect(inferAtCursor(text, text.indexOf('"signups"') + 2)).toMatchObject({ ok: true, collection: 'signups' });
  });

  it('says why it cannot', () => {
    expect(inferAtCursor('{"a": [', 3)).toMatchObject({ ok: false, reason: expect.stringContaining('not valid JSON') });
    expect(inferAtCursor(text, 0)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('Put the cursor inside a collection'),
    });
    expect(inferAtCursor('{"empty": []}', 5)).toMatchObject({
      ok: false,
      reason: 'Collection `empty` has no events to learn from.',
    });
  });
});

describe('parseSchemaList', () => {
  it('gives each collection its schema as JSON, skipping text that does not parse', () => {
    const list = {
      source: 'app' as const,
      folder: '/x',
      problems: [],
      enforce: false,
      schemas: [
        { collection: 'a', text: '{"type": "object"}', file: '/x/a.schema.json' },
        { collection: 'b', text: '{', file: '/x/b.schema.json' },
      ],
    };
    expect(parseSchemaList(list)).toEqual({ a: { type: 'object' } });
    expect(parseSchemaList(undefined)).toEqual({});
  });
});
