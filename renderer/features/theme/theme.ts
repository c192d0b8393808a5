// The colour theme: light, dark, or following the OS (prefers-color-scheme). The choice is kept in
// localStorage (a preference, nothing secret); the page reads html[data-theme] and Monaco follows.
import { monaco } from '../../monaco/monaco';

export type ThemeChoice = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

const STORAGE_KEY = 'batch-studio.theme';
const darkQuery = () => window.matchMedia('(prefers-color-scheme: dark)');

export const isThemeChoice = (value: unknown): value is ThemeChoice =>
  value === 'system' || value === 'light' || value === 'dark';

export function readThemeChoice(): ThemeChoice {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isThemeChoice(stored) ? stored : 'system';
  } catch {
    // Storage can be unavailable (a locked-down profile): the OS decides then.
    return 'system';
  }
}

export function saveThemeChoice(choice: ThemeChoice): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, choice);
  } catch {
    // Not kept across launches; the switch still applies now.
  }
}

export const resolveTheme = (choice: ThemeChoice, osDark: boolean): Theme =>
  choice === 'system' ? (osDark ? 'dark' : 'light') : choice;

/** Puts the theme on the page and on every Monaco editor. */
export function applyTheme(choice: ThemeChoice): Theme {
  const theme = resolveTheme(choice, darkQuery().matches);
  document.documentElement.dataset['theme'] = theme;
  monaco.editor.setTheme(theme === 'dark' ? 'vs-dark' : 'vs');
  return theme;
}

/** Calls back when the OS switches between light and dark. */
export function onSystemThemeChange(listener: () => void): () => void {
  const query = darkQuery();
  query.addEventListener('change', listener);
  return () => query.removeEventListener('change', listener);
}

// Applied when the module loads, before the first paint of the app, so a dark OS never flashes white.
applyTheme(readThemeChoice());
