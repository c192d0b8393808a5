// Preferences (Ctrl+,): how many runs and how much disk history keeps, and from how many events on the app
// suggests the bulk import. Each field says what is wrong with it before anything is saved.
import { useState } from 'react';
import {
  PREFERENCE_BOUNDS,
  PREFERENCE_DEFAULTS,
  type PreferenceName,
  type Preferences,
} from '../../../electron/contract/preferences';
import { count } from '../../../core/text/plural';
import { Dialog } from '../../ui/Dialog';

interface Props {
  readonly values: Preferences;
  readonly onSave: (next: Preferences) => Promise<string | undefined>;
  readonly onClose: () => void;
}

const FIELDS: readonly { name: PreferenceName; label: string; hint: string }[] = [
  {
    name: 'historyMaxRuns',
    label: 'Runs kept in history',
    hint: 'The oldest runs are removed first, as soon as you save.',
  },
  {
    name: 'historyMaxMegabytes',
    label: 'Disk space for history (MiB)',
    hint: 'All runs together, batches included (1,024 MiB is 1 GiB).',
  },
  {
    name: 'bulkImportThreshold',
    label: 'Suggest bulk import from (events)',
    hint: 'Batches this large get “Send by bulk import” as the suggested way.',
  },
];

type Texts = Record<PreferenceName, string>;

/** What a field shows for a value. */
const textsOf = (values: Preferences): Texts => ({
  historyMaxRuns: String(values.historyMaxRuns),
  historyMaxMegabytes: String(values.historyMaxMegabytes),
  bulkImportThreshold: String(values.bulkImportThreshold),
});

/** A typed number; digit grouping ("50,000") is allowed. */
const parsed = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text.replace(/[,_\s]/g, '')));

/** Why a typed value cannot be saved, or undefined when it can. */
function problemOf(name: PreferenceName, text: string): string | undefined {
  const [min, max] = PREFERENCE_BOUNDS[name];
  const value = parsed(text);
  if (Number.isInteger(value) && value >= min && value <= max) return undefined;
  return `Enter a whole number from ${count(min)} to ${count(max)}.`;
}

export function PreferencesDialog({ values, onSave, onClose }: Props) {
  const [texts, setTexts] = useState<Texts>(() => textsOf(values));
  const [refusal, setRefusal] = useState<string | undefined>(undefined);
  const [saving, setSaving] = useState(false);
  const problems = Object.fromEntries(FIELDS.map(({ name }) => [name, problemOf(name, texts[name])])) as Record<
    PreferenceName,
    string | undefined
  >;
  const valid = FIELDS.every(({ name }) => problems[name] === undefined);

  const save = async () => {
    if (!valid || saving) return;
    setSaving(true);
    const next: Preferences = {
      historyMaxRuns: parsed(texts.historyMaxRuns),
      historyMaxMegabytes: parsed(texts.historyMaxMegabytes),
      bulkImportThreshold: parsed(texts.bulkImportThreshold),
    };
    const refused = await onSave(next);
    setSaving(false);
    if (refused === undefined) onClose();
    else setRefusal(refused);
  };

  return (
    <Dialog
      title="Preferences"
      className="preferences-dialog"
      onClose={onClose}
      actions={
        <>
          <button
            type="button"
            className="button"
            onClick={() => setTexts(textsOf(PREFERENCE_DEFAULTS))}
            title="Put every field back to its default (saved only with Save)"
          >
            Restore defaults
          </button>
          <span className="dialog-buttons-spacer" />
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="button primary" disabled={!valid || saving} onClick={() => void save()}>
            Save
          </button>
        </>
      }
    >
      <form
        className="preferences-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {FIELDS.map(({ name, label, hint }) => {
          const problem = problems[name];
          return (
            <label key={name} className="preference-row">
              <span className="preference-label">{label}</span>
              <input
                type="text"
                inputMode="numeric"
                value={texts[name]}
                aria-invalid={problem !== undefined}
                aria-describedby={`preference-${name}-note`}
                onChange={(e) => {
                  const text = e.target.value;
                  setTexts((current) => ({ ...current, [name]: text }));
                  setRefusal(undefined);
                }}
              />
              <span
                id={`preference-${name}-note`}
                className={problem ? 'preference-note error-text' : 'preference-note'}
              >
                {problem ?? hint}
              </span>
            </label>
          );
        })}
        {/* Enter in a field saves, as in any form. */}
        <button type="submit" hidden />
      </form>
      {refusal ? (
        <p className="error-text" role="alert">
          {refusal}
        </p>
      ) : null}
    </Dialog>
  );
}
