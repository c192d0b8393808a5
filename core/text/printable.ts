// Text from a file or a server on its way to a terminal: control characters could move the cursor or
// rewrite the screen, so they are shown as `\uXXXX` escapes.

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// eslint-disable-next-line no-control-regex
const CONTROL_AND_BREAKS = /[\u0000-\u001f\u007f-\u009f]/g;

const escaped = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** The text with its control characters escaped; tabs and line feeds are kept unless it must stay on one line. */
export const printable = (text: string, oneLine = false): string =>
  text.replace(oneLine ? CONTROL_AND_BREAKS : CONTROL, escaped);
