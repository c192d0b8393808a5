// A write-only secret of the profile form (the API key, the S3 secret): never pre-filled, with a button
// to clear the saved one where one is saved (a secret from the environment cannot be cleared here).
interface Props {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly disabled: boolean;
  /** The id of the text saying what is saved now. */
  readonly statusId: string;
  readonly placeholder: string;
  /** The Clear button's label and action, when there is a saved secret to clear. */
  readonly clear: { readonly label: string; readonly run: () => void; readonly busy: boolean } | undefined;
}

export function SecretField({ label, value, onChange, disabled, statusId, placeholder, clear }: Props) {
  return (
    <>
      <label className="form-row">
        <span>{label}</span>
        <input
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          disabled={disabled}
          aria-describedby={statusId}
          placeholder={placeholder}
        />
      </label>
      {clear ? (
        <button type="button" className="button small" onClick={clear.run} disabled={clear.busy}>
          {clear.label}
        </button>
      ) : null}
    </>
  );
}
