// The theme switch in the status bar: System (follows the OS), Light or Dark.
import { useEffect, useState } from 'react';
import {
  applyTheme,
  isThemeChoice,
  onSystemThemeChange,
  readThemeChoice,
  saveThemeChoice,
  type ThemeChoice,
} from './theme';

const CHOICES: readonly { value: ThemeChoice; label: string }[] = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

export function ThemeSwitch() {
  const [choice, setChoice] = useState<ThemeChoice>(readThemeChoice);

  useEffect(() => {
    applyTheme(choice);
    if (choice !== 'system') return undefined;
    return onSystemThemeChange(() => applyTheme('system'));
  }, [choice]);

  const choose = (next: ThemeChoice) => {
    saveThemeChoice(next);
    setChoice(next);
  };

  return (
    <label className="theme-switch">
      <span>Theme</span>
      <select
        aria-label="Theme"
        value={choice}
        onChange={(e) => {
          if (isThemeChoice(e.target.value)) choose(e.target.value);
        }}
      >
        {CHOICES.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  );
}
