// A problem found while reading an events file: what is wrong and, when known, on which line.

export interface FormatProblem {
  /** 1-based line in the file, when the problem belongs to one line. */
  readonly line?: number;
  /** 1-based column on that line, when known. */
  readonly column?: number;
  readonly message: string;
}

/** The text without a leading byte-order mark, which editors on some systems add and JSON.parse refuses. */
export const withoutBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/** The reason JSON.parse gave, for a person. */
export const jsonErrorReason = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The 1-based column JSON.parse names in its message ("at position 12", or "(line 1 column 13)"), for one-line text. */
export function jsonErrorColumn(error: unknown, line: string): number | undefined {
  const message = error instanceof Error ? error.message : '';
  const column = /\bline 1 column (\d+)/.exec(message)?.[1];
  if (column !== undefined) return Number(column);
  const position = /\bposition (\d+)/.exec(message)?.[1];
  if (position !== undefined) return Math.min(Number(position), line.length) + 1;
  return /\bend of JSON input/.test(message) ? line.length + 1 : undefined;
}
