// Lines of a text as an editor numbers them (CRLF, LF or a lone CR end a line), found from a UTF-8 byte
// offset: parsers that count bytes (csv-parse) can then report problems where a person looks.

export interface LineIndex {
  /** Number of lines (a text ending with a line break has an empty last line). */
  readonly count: number;
  /** 0-based line holding the byte at this offset. */
  lineAtByte(offset: number): number;
  /** UTF-8 byte offset where a 0-based line starts. */
  byteStart(line: number): number;
  /** Char offset where a 0-based line starts. */
  charStart(line: number): number;
  /** True when the line holds nothing but spaces. */
  isBlank(line: number): boolean;
}

const utf8Length = (code: number): number =>
  code < 0x80 ? 1 : code < 0x800 ? 2 : code >= 0xd800 && code <= 0xdbff ? 4 : code >= 0xdc00 && code <= 0xdfff ? 0 : 3;

export function indexLines(text: string): LineIndex {
  const byteStarts = [0];
  const charStarts = [0];
  const blank: boolean[] = [];
  let bytes = 0;
  let lineBlank = true;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    bytes += utf8Length(code);
    if (code === 0x0d || code === 0x0a) {
      if (code === 0x0d && text.charCodeAt(i + 1) === 0x0a) {
        i++;
        bytes++;
      }
      blank.push(lineBlank);
      lineBlank = true;
      byteStarts.push(bytes);
      charStarts.push(i + 1);
    } else if (code !== 0x20 && code !== 0x09) lineBlank = false;
  }
  blank.push(lineBlank);
  return {
    count: byteStarts.length,
    lineAtByte(offset) {
      let low = 0;
      let high = byteStarts.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if ((byteStarts[mid] ?? 0) <= offset) low = mid;
        else high = mid - 1;
      }
      return low;
    },
    byteStart: (line) => byteStarts[line] ?? bytes,
    charStart: (line) => charStarts[line] ?? text.length,
    isBlank: (line) => blank[line] ?? true,
  };
}
