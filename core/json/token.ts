// jsonc-parser's token kinds as plain values: its d.ts declares them as const enums, which isolated
// modules cannot read, so the numbers are named here once, typed against that declaration.
import type { ScanError, SyntaxKind } from 'jsonc-parser';

export const TOKEN = {
  openBrace: 1 as SyntaxKind.OpenBraceToken,
  closeBrace: 2 as SyntaxKind.CloseBraceToken,
  openBracket: 3 as SyntaxKind.OpenBracketToken,
  closeBracket: 4 as SyntaxKind.CloseBracketToken,
  comma: 5 as SyntaxKind.CommaToken,
  colon: 6 as SyntaxKind.ColonToken,
  string: 10 as SyntaxKind.StringLiteral,
  eof: 17 as SyntaxKind.EOF,
} as const;

/** The scanner's error for a string that is not closed (yet). */
export const UNTERMINATED_STRING = 2 as ScanError.UnexpectedEndOfString;
