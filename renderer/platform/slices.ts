// Long work on the UI thread done a slice per task: a later task to go on in, and where a slice of a text
// may end without splitting a surrogate pair.

/** Resolves in a task of its own, after what is queued (input, rendering) had its turn. */
export const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Where a slice of `text` may end at or before `end` without splitting a surrogate pair. */
export function sliceEnd(text: string, end: number): number {
  if (end >= text.length) return text.length;
  const code = text.charCodeAt(end - 1);
  return code >= 0xd800 && code <= 0xdbff ? end - 1 : end;
}
