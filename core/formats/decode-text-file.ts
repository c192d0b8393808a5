// Turns a file's bytes into text the editor may load, or says plainly why not (too big, not UTF-8).
// The app's main process and the browser's file picker both use it, so a file is judged the same way.

// Core compiles without DOM or Node types; TextDecoder is a global in both runtimes that use this.
declare const TextDecoder: new (label: 'utf-8', options: { fatal: boolean }) => { decode(bytes: Uint8Array): string };

/** Larger files are refused rather than half-loaded into the editor (a batch this big belongs in a bulk import). */
export const MAX_OPEN_BYTES = 200 * 1024 * 1024;

export type DecodedFile =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string };

const megabytes = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;

export function tooLargeMessage(name: string, bytes: number): string {
  return `${name} is ${megabytes(bytes)}; files up to ${megabytes(MAX_OPEN_BYTES)} open in the editor. Import it into a collection instead, or split it.`;
}

/** UTF-8 text without its byte-order mark; anything else is refused, nothing partially decoded. */
export function decodeTextFile(name: string, bytes: Uint8Array): DecodedFile {
  if (bytes.byteLength > MAX_OPEN_BYTES) return { ok: false, message: tooLargeMessage(name, bytes.byteLength) };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return {
      ok: false,
      message: `${name} is not UTF-8 text (is it a binary file, or saved in another encoding?). Nothing was opened.`,
    };
  }
  if (text.includes('\u0000'))
    return { ok: false, message: `${name} holds binary data, not JSON text. Nothing was opened.` };
  return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}
