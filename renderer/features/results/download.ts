// Saves text as a file through a Blob URL and an `<a download>` (works in the browser and in Electron).
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL by now; keep it a moment for slow handlers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
