// What may load into the editor: UTF-8 text (BOM dropped); other encodings, binary data and huge files refused.
import { describe, expect, it } from 'vitest';
import { decodeTextFile, MAX_OPEN_BYTES } from '../../../../core/formats/decode-text-file';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('decodeTextFile', () => {
  it('reads UTF-8 and drops a byte-order mark', () => {
    expect(decodeTextFile('a.json', bytes('\uFEFF{"café": []}'))).toEqual({ ok: true, text: '{"café": []}' });
  });
  it('refuses text in another encoding, naming the file', () => {
    const result = decodeTextFile('latin1.json', Uint8Array.from([0x7b, 0xe9, 0x7d]));
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/^latin1\.json is not UTF-8 text/) });
  });
  it('refuses binary data', () => {
    expect(decodeTextFile('archive.zip', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/binary data/),
    });
  });
  it('refuses a file larger than the editor takes', () => {
    expect(decodeTextFile('huge.json', new Uint8Array(MAX_OPEN_BYTES + 1))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^huge\.json is 200 MB; files up to 200 MB/),
    });
  });
});
