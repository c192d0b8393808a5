// A long text cut into pieces at line breaks, for work done a piece per task (a big paste).

/** About this many characters per piece. */
const PIECE_CHARS = 96 * 1024;

/** The text in pieces of about `size` characters, each ending just after a line break (the last where the text ends). */
export function linePieces(text: string, size = PIECE_CHARS): string[] {
  const pieces: string[] = [];
  let from = 0;
  while (from < text.length) {
    const cut = text.indexOf('\n', from + size);
    const to = cut < 0 ? text.length : cut + 1;
    pieces.push(text.slice(from, to));
    from = to;
  }
  return pieces;
}
