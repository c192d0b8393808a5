// Offsets ↔ 1-based line and column (UTF-16 code units, as editors count them); lines end at \n.

export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

/** One-off conversion: scans the text up to the offset. For many look-ups build a LineIndex. */
export function positionAt(text: string, offset: number): TextPosition {
  const target = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < target; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: target - lineStart + 1 };
}

/** Line starts of a text, built once, then each offset is a binary search. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): TextPosition {
    const target = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] as number) <= target) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: target - (this.starts[low] as number) + 1 };
  }

  /** Offset of a 1-based line and column, clamped to the text. */
  offsetAt(line: number, column: number): number {
    const index = Math.max(0, Math.min(line - 1, this.starts.length - 1));
    return Math.max(0, Math.min((this.starts[index] as number) + column - 1, this.text.length));
  }
}
