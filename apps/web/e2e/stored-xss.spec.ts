import type { Page } from '@playwright/test';
import { expect, login, main, test } from './support';

/** Each payload would set window.__xss (or add an <img src="x">) if it were ever rendered as HTML. */
const PAYLOADS = {
  img: '<img src="x" onerror="window.__xss=1">',
  script: '<script>window.__xss=2</script>',
  svg: '"><svg onload="window.__xss=3">',
  style: "<style>body{display:none}</style><b onmouseover='window.__xss=4'>粗</b>",
};

async function assertInert(page: Page, texts: string[]): Promise<void> {
  for (const text of texts) await expect(main(page).getByText(text, { exact: false }).first()).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  await expect(page.locator('img[src="x"], svg[onload], main script, b[onmouseover]')).toHaveCount(0);
  await expect(page.locator('body')).toBeVisible();
}

test('markup typed into text fields is shown as text everywhere and never runs', async ({ page }) => {
  test.setTimeout(120_000);
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const stamp = Date.now().toString(36);

  // A unit name, typed by the county office.
  await login(page, 'hedong');
  await page.goto('/j/371312/units');
  await main(page).getByRole('button', { name: '新增单位' }).click();
  const unit = page.getByRole('dialog', { name: '新增单位' });
  await unit.getByLabel('单位名称').fill(`${PAYLOADS.img}${stamp}`);
  await unit.getByLabel('简称').fill('注入测试');
  await unit.getByRole('button', { name: '保存' }).click();
  await expect(unit).toBeHidden();
  await assertInert(page, [PAYLOADS.img]);

  // An inspection title and a finding, typed by the province.
  await page.context().clearCookies();
  await login(page, 'province');
  await page.goto('/j/371312/inspections');
  await main(page).getByRole('button', { name: '新建督察' }).click();
  const insp = page.getByRole('dialog', { name: '新建督察' });
  await insp.getByLabel('督察名称').fill(`${PAYLOADS.script}${stamp}`);
  await insp.getByPlaceholder('开始日期').fill('2026-11-01');
  await insp.getByPlaceholder('结束日期').fill('2026-11-02');
  await insp.getByPlaceholder('结束日期').press('Enter');
  await insp.getByLabel('督察对象').fill('河东');
  await page.getByTitle('临沂市 / 河东区(371312)').click();
  await insp.getByLabel('督察组').fill(PAYLOADS.style);
  await insp.getByRole('button', { name: '保存' }).click();
  await expect(page).toHaveURL(/\/inspections\/\d+$/);
  await assertInert(page, [PAYLOADS.script, PAYLOADS.style]);

  await main(page).getByRole('button', { name: '新增问题' }).click();
  const add = page.getByRole('dialog', { name: '新增反馈问题' });
  await add.getByLabel('问题编号').fill(`XSS-${stamp}`);
  await add.getByLabel('反馈问题').fill(`${PAYLOADS.svg} 问题${stamp}`);
  await add.getByLabel('整改要求').fill(PAYLOADS.img);
  await add.getByLabel('整改时限').fill('2027-01-31');
  await add.getByLabel('整改时限').press('Enter');
  await add.getByRole('button', { name: '保存' }).click();
  await expect(add).toBeHidden();
  await assertInert(page, [`${PAYLOADS.svg} 问题${stamp}`]);

  // The ledger, the item page and a notice about it.
  await page.goto(`/j/371312/items?q=XSS-${stamp}`);
  await assertInert(page, [`${PAYLOADS.svg} 问题${stamp}`]);
  await main(page).getByRole('link', { name: new RegExp(`问题${stamp}`) }).click();
  await expect(page).toHaveURL(/\/items\/\d+$/);
  await assertInert(page, [PAYLOADS.img]);
  await main(page).getByRole('button', { name: '挂牌督办' }).click();
  const flag = page.getByRole('dialog', { name: '挂牌督办' });
  await flag.getByLabel('督办理由').fill(PAYLOADS.script);
  await flag.getByRole('button', { name: '确定' }).click();
  await expect(flag).toBeHidden();
  await assertInert(page, [PAYLOADS.script]);

  // The audit log shows the same values in its before/after view.
  await page.context().clearCookies();
  await login(page, 'hedong');
  await page.goto('/j/371312/audit');
  await expect(main(page).getByRole('table')).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(dialogs).toEqual([]);
});
