// Says once, after start, what was brought back from the last session (or what could not be).
export function WorkspaceNotice({ text, onDismiss }: { readonly text: string; readonly onDismiss: () => void }) {
  return (
    <div role="status" className="notice" aria-label="Session">
      <span>{text}</span>
      <button type="button" className="button small" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
