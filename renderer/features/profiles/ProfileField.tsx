// One labelled text field of the profile form, bound to a text field of the draft.
import type { InputHTMLAttributes, Ref } from 'react';
import type { Draft } from './use-profile-editor';

type TextField = { [K in keyof Draft]: Draft[K] extends string ? K : never }[keyof Draft];

interface Props extends Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> {
  readonly label: string;
  readonly field: TextField;
  readonly draft: Draft;
  readonly onChange: (field: TextField, value: string) => void;
  readonly ref?: Ref<HTMLInputElement>;
}

export function ProfileField({ label, field, draft, onChange, ...input }: Props) {
  return (
    <label className="form-row">
      <span>{label}</span>
      <input {...input} value={draft[field]} onChange={(e) => onChange(field, e.target.value)} />
    </label>
  );
}
