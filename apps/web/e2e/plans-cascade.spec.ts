import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, login, main, screenshot, test } from './support';

/** The seed beside the repository (../shared/seeds, as CI has it), else the copy in fixtures/seeds. */
const HEDONG_PLAN = [
  path.resolve(import.meta.dirname, '../../../../shared/seeds/hedong-2022-implementation-plan.txt'),
  path.resolve(import.meta.dirname, '../../../fixtures/seeds/hedong-2022-implementation-plan.txt'),
].find((p) => fs.existsSync(p)) ?? 'hedong-2022-implementation-plan.txt: not in ../shared/seeds nor fixtures/seeds';

async function switchUser(page: Page, username: string): Promise<void> {
  await page.context().clearCookies();
  await login(page, username);
}

test('the 河东区 office imports its plan, maps units and publishes; 司法局 reports; the grid turns green', async ({ page }) => {
  test.setTimeout(180_000);
  await login(page, 'hedong');
  await page.goto('/j/371312/plans');
  await main(page).getByRole('button', { name: '导入方案' }).click();
  await main(page).getByLabel('方案全文').fill(fs.readFileSync(HEDONG_PLAN, 'utf8'));
  await main(page).getByRole('button', { name: '识别方案' }).click();
  await expect(main(page)).toContainText('识别出 9 个部分、29 项任务');
  const title = `河东区法治政府建设实施方案E2E${Date.now().toString(36)}`;
  await main(page).getByLabel('方案名称').fill(title);
  // One name becomes a unit of its own; the rest stay notes for the lead units.
  const first = main(page).getByRole('combobox', { name: /^对应本级单位:/ }).first();
  await first.click();
  await page.locator('.ant-select-item-option').filter({ hasText: /^新建本级单位/ }).first().click();
  await main(page).getByRole('button', { name: '其余未对应的全部保留为备注' }).click();
  await expect(main(page).getByTestId('unresolved')).toHaveText('已对应');
  await screenshot(page, 'plan-import-review');
  await main(page).getByRole('button', { name: '保存为草稿' }).click();
  await expect(page).toHaveURL(/\/plans\/\d+$/);
  const planUrl = new URL(page.url()).pathname;
  await expect(main(page).getByRole('heading', { name: title })).toBeVisible();
  await expect(main(page)).toContainText('草稿尚未印发');
  await main(page).getByRole('button', { name: '印发' }).click();
  await page.getByRole('tooltip').getByRole('button', { name: '印发' }).or(page.locator('.ant-popconfirm').getByRole('button', { name: '印发' })).first().click();
  await expect(page.getByText(/^方案已印发,已分派 \d+ 项任务/)).toBeVisible();
  await main(page).getByRole('tab', { name: '落实情况' }).click();
  const sfjCell = main(page).locator('.fz-grid [data-state]').first();
  await expect(sfjCell).toBeVisible();
  await expect(main(page).locator('.fz-grid [data-state="reported"]')).toHaveCount(0);

  // 区司法局 finds the task in 我的任务 and reports.
  await switchUser(page, 'hedong-sfj');
  await page.getByRole('link', { name: '我的任务' }).click();
  await expect(page).toHaveURL(/\/tasks$/);
  const row = main(page).getByRole('row').filter({ hasText: title }).first();
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: '报送进展' }).click();
  const dialog = page.getByRole('dialog', { name: /报送任务进展/ });
  await dialog.getByLabel('进展情况').fill('已组织全区执法人员开展专题学习,完成年度培训计划的60%。');
  await dialog.getByRole('spinbutton', { name: '完成进度(%)' }).fill('60');
  await dialog.getByRole('button', { name: '报送进展' }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText('已报送');

  // The office sees the cell turn green.
  await switchUser(page, 'hedong');
  await page.goto(planUrl);
  await main(page).getByRole('tab', { name: '落实情况' }).click();
  const green = main(page).locator('.fz-grid [data-state="reported"]').first();
  await expect(green).toHaveText(/60%$/);
  await green.scrollIntoViewIfNeeded();
  await screenshot(page, 'plan-grid');
});
