import fs from 'node:fs';
import path from 'node:path';
import { test as base, expect } from '@playwright/test';
import type { Page } from '@playwright/test';

/**
 * Every test also fails on an uncaught exception or a console error in the page. Failed HTTP
 * responses are left out: a 401 from `auth.me` before login is how the app learns it is signed out.
 */
export const test = base.extend<{ pageErrors: void }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(`console: ${m.text()}`);
      });
      await use();
      expect(errors, 'errors in the browser console').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

export const DEMO_PASSWORD = 'Demo@2026';
const SCREENS = path.resolve(import.meta.dirname, '../test-results/screens');

/** Signs in through the login form and waits for the signed-in shell. */
export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page.getByRole('tree', { name: '行政区划树' })).toBeVisible();
}

/** Keeps a picture of the screen for people to look at (test-results is gitignored). */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENS, `${name}.png`) });
}

export function tree(page: Page) {
  return page.getByRole('tree', { name: '行政区划树' });
}

export function main(page: Page) {
  return page.getByRole('main');
}
