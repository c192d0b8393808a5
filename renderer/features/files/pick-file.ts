// The browser's file picker (an `<input type=file>`), read as UTF-8 text with the same checks main makes.
import { decodeTextFile, MAX_OPEN_BYTES, tooLargeMessage } from '../../../core/formats/decode-text-file';

export type PickedFile =
  { readonly name: string; readonly text: string } | { readonly name: string; readonly problem: string };

/** Reads a File the user picked or dropped; never a partial text. */
export async function readPickedFile(file: File): Promise<PickedFile> {
  if (file.size > MAX_OPEN_BYTES) return { name: file.name, problem: tooLargeMessage(file.name, file.size) };
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    return {
      name: file.name,
      problem: `${file.name} could not be read (moved or deleted since it was chosen?). Nothing was opened.`,
    };
  }
  const decoded = decodeTextFile(file.name, bytes);
  return decoded.ok ? { name: file.name, text: decoded.text } : { name: file.name, problem: decoded.message };
}

/** Opens the browser's picker; resolves with the chosen file, or undefined when none was chosen. */
export function pickFile(accept: string, input: HTMLInputElement | null): Promise<File | undefined> {
  return new Promise((resolve) => {
    if (!input) return resolve(undefined);
    input.accept = accept;
    input.value = '';
    input.onchange = () => resolve(input.files?.[0] ?? undefined);
    input.oncancel = () => resolve(undefined);
    input.click();
  });
}
