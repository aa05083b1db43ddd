import type { Page } from '@playwright/test';
import { expect, login, main, screenshot, test } from './support';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

async function switchUser(page: Page, username: string): Promise<void> {
  await page.context().clearCookies();
  await login(page, username);
}

/** Confirms the popconfirm a lifecycle button opened. */
async function confirm(page: Page, label: string): Promise<void> {
  await page.locator('.ant-popconfirm').getByRole('button', { name: label }).click();
  await expect(page.getByText(`已${label}`).first()).toBeVisible();
}

async function boardShare(page: Page): Promise<string> {
  await page.goto('/j/371312/demo');
  await main(page).getByRole('link', { name: /法治镇街创建活动/ }).click();
  await expect(page).toHaveURL(/\/campaigns\/\d+/);
  return (await main(page).getByTestId('share').first().textContent()) ?? '';
}

test('九曲街道 fills its last indicators with evidence and submits, 河东区 reviews, 临沂市 names it, and the county board moves', async ({ page }) => {
  test.setTimeout(240_000);
  await login(page, 'hedong');
  const before = await boardShare(page);
  const namedBefore = Number(/^(\d+) \//.exec(before)?.[1]);

  // The street finds its application from its own page and sees what is missing.
  await switchUser(page, 'street');
  await page.goto('/j/371312001');
  const banner = main(page).getByTestId('my-application');
  await expect(banner).toContainText('还差 3 项');
  await banner.getByRole('button', { name: '去填报' }).click();
  await expect(page).toHaveURL(/\/applications\/\d+$/);
  const appUrl = new URL(page.url()).pathname;
  await expect(main(page).getByTestId('missing')).toContainText('5.3');
  for (const code of ['5.3', '5.4', '5.5']) {
    const card = main(page).getByTestId(`indicator-${code}`);
    await card.getByLabel(`${code} 自评分`).fill('3');
    await card.getByLabel(`${code} 自评说明`).fill(`对照指标${code}逐项落实,台账齐全。`);
    await card.getByRole('button', { name: '保存' }).click();
    await expect(card).toContainText('已填');
    await card.locator('input[type=file]').setInputFiles({ name: `指标${code}佐证.pdf`, mimeType: 'application/pdf', buffer: PDF });
    await expect(card.getByRole('link', { name: new RegExp(`指标${code}佐证`) })).toBeVisible();
  }
  await expect(main(page)).toContainText('全部指标已完成自评');
  await screenshot(page, 'demo-self-assessment');
  await main(page).getByRole('button', { name: '提交申报' }).click();
  await confirm(page, '提交申报');
  await expect(main(page)).toContainText('已申报');

  // 河东区 (the level directly above) reviews it.
  await switchUser(page, 'hedong');
  await page.goto(appUrl);
  await main(page).getByRole('button', { name: '开始初审' }).click();
  await confirm(page, '开始初审');
  await main(page).getByRole('button', { name: '初审通过' }).click();
  await confirm(page, '初审通过');
  await expect(main(page)).toContainText('评估中');

  // 临沂市 (the campaign's owner) evaluates and names it.
  await switchUser(page, 'linyi');
  await page.goto(appUrl);
  await main(page).getByRole('button', { name: '评估打分' }).click();
  const evaluate = page.getByRole('dialog', { name: '评估打分' });
  await evaluate.getByLabel('群众满意度得分').fill('91.5');
  await evaluate.getByRole('button', { name: '确定' }).click();
  await expect(evaluate).toBeHidden();
  await main(page).getByRole('button', { name: '命名' }).click();
  await confirm(page, '命名');
  await expect(main(page)).toContainText('已命名');

  // The county board shows one more named street.
  await switchUser(page, 'hedong');
  const after = await boardShare(page);
  expect(Number(/^(\d+) \//.exec(after)?.[1])).toBe(namedBefore + 1);
  await screenshot(page, 'demo-board');
});
