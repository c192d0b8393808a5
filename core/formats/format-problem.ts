// A problem found while reading an events file: what is wrong and, when known, on which line.

export interface FormatProblem {
  /** 1-based line in the file, when the problem belongs to one line. */
  readonly line?: number;
  readonly message: string;
}

/** The text without a leading byte-order mark, which editors on some systems add and JSON.parse refuses. */
export const withoutBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/** The reason JSON.parse gave, for a person. */
export const jsonErrorReason = (error: unknown): string => (error instanceof Error ? error.message : String(error));
