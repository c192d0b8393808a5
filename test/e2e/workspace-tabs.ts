// The workspace seen from outside the page: the tab texts main keeps in the user-data folder, and the tab
// titles the Documents strip shows.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';

/** Every tab text main keeps, joined. */
export const keptTexts = (userDataDir: string): string => {
  const dir = join(userDataDir, 'workspace', 'tabs');
  return existsSync(dir)
    ? readdirSync(dir)
        .map((name) => readFileSync(join(dir, name), 'utf8'))
        .join('\n')
    : '';
};

const tabs = (page: Page) => page.getByRole('group', { name: 'Documents' });

/** Tab titles without the unsaved-changes marker. */
export const tabNames = async (page: Page): Promise<string[]> =>
  (await tabs(page).locator('.doc-tab-name').allInnerTexts()).map((n) => n.replace(/\s*•$/, ''));
