import type { Page } from '@playwright/test';
import { expect, login, main, screenshot, test } from './support';

/** A one-page PDF, small but well-formed: the server checks the content, not only the name. */
function tinyPdf(): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  );
}

async function switchUser(page: Page, username: string): Promise<void> {
  await page.context().clearCookies();
  await login(page, username);
}

/** Fires a lifecycle event from the item page: its button, then the dialog's confirm button. */
async function fire(page: Page, event: string, fill?: (dialog: ReturnType<Page['getByRole']>) => Promise<void>): Promise<void> {
  await main(page).getByRole('button', { name: event, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: event });
  if (fill) await fill(dialog);
  await dialog.getByRole('button', { name: event, exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`已${event}`).first()).toBeVisible();
}

test('an inspection finding goes from the province to 河东区司法局 and back to 销号, seen by 临沂市, hidden from 兰山区', async ({ page }) => {
  test.setTimeout(180_000);
  const stamp = Date.now().toString(36);
  const title = `E2E法治督察${stamp}`;
  const number = `E2E-${stamp}`;
  const problem = `行政执法案卷评查发现${stamp}号案卷文书送达不规范`;

  // The province supervisor opens an inspection of 河东区 and issues one finding.
  await login(page, 'province');
  await page.goto('/j/371312/inspections');
  await main(page).getByRole('button', { name: '新建督察' }).click();
  const create = page.getByRole('dialog', { name: '新建督察' });
  await create.getByLabel('督察名称').fill(title);
  await create.getByPlaceholder('开始日期').fill('2026-11-01');
  await create.getByPlaceholder('结束日期').fill('2026-11-10');
  await create.getByPlaceholder('结束日期').press('Enter');
  await create.getByLabel('督察对象').fill('河东');
  await page.getByTitle('临沂市 / 河东区(371312)').click();
  await create.getByLabel('督察组').fill('组长 王某某;成员 李某某');
  await create.getByRole('button', { name: '保存' }).click();
  await expect(main(page).getByRole('heading', { name: title })).toBeVisible();
  await expect(page).toHaveURL(/\/inspections\/\d+$/);

  await main(page).getByRole('button', { name: '新增问题' }).click();
  const add = page.getByRole('dialog', { name: '新增反馈问题' });
  await add.getByLabel('问题编号').fill(number);
  await add.getByLabel('反馈问题').fill(problem);
  await add.getByLabel('整改要求').fill('规范文书送达程序,对全部案卷开展自查');
  await add.getByLabel('整改时限').fill('2027-01-31');
  await add.getByLabel('整改时限').press('Enter');
  await add.getByRole('button', { name: '保存' }).click();
  await expect(add).toBeHidden();
  const row = main(page).getByRole('row', { name: new RegExp(number) });
  await expect(row).toContainText('已交办');
  await expect(row).toContainText('未确定');

  // The 河东区 office finds it in its ledger and makes 区司法局 responsible.
  await switchUser(page, 'hedong');
  await page.goto(`/j/371312/items?q=${number}`);
  await main(page).getByRole('link', { name: problem }).click();
  await expect(page).toHaveURL(/\/items\/\d+$/);
  const itemUrl = new URL(page.url()).pathname;
  await main(page).getByRole('button', { name: '更多操作' }).hover();
  await page.getByRole('menuitem', { name: '确定责任单位' }).click();
  const assign = page.getByRole('dialog', { name: '确定责任单位' });
  await assign.getByLabel('责任单位').fill('司法局');
  await page.getByTitle('河东区司法局', { exact: true }).click();
  await assign.getByRole('button', { name: '确定' }).click();
  await expect(assign).toBeHidden();
  await expect(main(page).getByRole('table').first()).toContainText('河东区司法局');

  // 区司法局 signs for it, starts, writes measures, uploads a PDF and requests closure.
  await switchUser(page, 'hedong-sfj');
  await page.goto(itemUrl);
  await expect(main(page).getByRole('button', { name: '销号', exact: true })).toHaveCount(0);
  await fire(page, '签收');
  await fire(page, '开始整改');
  await main(page).getByRole('button', { name: '填写整改措施' }).click();
  await main(page).getByLabel('整改措施').fill('1.制定文书送达规范;2.对2026年全部执法案卷逐卷自查;3.组织执法人员专题培训');
  await main(page).getByRole('button', { name: '保存' }).click();
  await expect(main(page)).toContainText('逐卷自查');
  await main(page).locator('input[type=file]').setInputFiles({ name: '整改佐证-送达规范.pdf', mimeType: 'application/pdf', buffer: tinyPdf() });
  await expect(main(page).getByRole('link', { name: '预览' })).toBeVisible();
  await expect(main(page)).toContainText('整改佐证-送达规范.pdf');
  await fire(page, '申请销号', (d) => d.getByLabel('整改情况说明').fill('已完成全部案卷自查,文书送达问题已整改到位,建立长效机制。'));
  await expect(main(page).getByText('申请销号').first()).toBeVisible();
  await screenshot(page, 'item-closure-requested');

  // The province reviews and closes it.
  await switchUser(page, 'province');
  await page.goto(itemUrl);
  await fire(page, '销号', (d) => d.getByLabel('审核意见').fill('佐证材料齐全,同意销号'));
  await expect(main(page)).toContainText('已销号');
  await expect(main(page).getByText('销号时间')).toBeVisible();
  await screenshot(page, 'item-closed');

  // 临沂市 sees it closed in 河东区's ledger but has nothing to do on it.
  await switchUser(page, 'linyi');
  await page.goto(`/j/371312/items?q=${number}`);
  await expect(main(page).getByRole('row', { name: new RegExp(number) })).toContainText('已销号');
  await screenshot(page, 'ledger-city');
  await page.goto(itemUrl);
  await expect(main(page)).toContainText('当前没有需要您办理的操作');

  // Another county (兰山区) sees nothing of it.
  await switchUser(page, 'lanshan');
  await page.goto(itemUrl);
  await expect(main(page)).toContainText('该整改事项不存在或无权访问');
  await expect(main(page)).not.toContainText(problem);
  await page.goto(`/j/371302/items?q=${number}`);
  await expect(main(page)).toContainText('没有符合条件的整改事项');
  await page.goto('/j/371312/items');
  await expect(main(page)).toContainText('不存在或无权访问');
});

test('the 河东区 ledger filters by light and status and reads like a county ledger', async ({ page }) => {
  await login(page, 'hedong');
  await page.goto('/j/371312/items?light=red');
  const rows = main(page).locator('.fz-ledger tbody tr[data-row-key]');
  await expect(rows.first()).toBeVisible();
  for (const light of await rows.locator('[data-light]').evaluateAll((els) => els.map((e) => e.getAttribute('data-light')))) expect(light).toBe('red');
  await page.goto('/j/371312/items');
  await expect(main(page).getByRole('columnheader', { name: '反馈问题' })).toBeVisible();
  await expect(main(page).getByRole('columnheader', { name: '整改时限' })).toBeVisible();
  await screenshot(page, 'ledger-county');
  await page.goto('/j/371312/items?status=closed');
  await expect(rows.first()).toBeVisible();
  await expect(main(page).locator('.fz-ledger tbody')).not.toContainText('整改中');
});

test('a stale save of an item says someone else changed it and keeps the newer text', async ({ page, context }) => {
  await login(page, 'hedong');
  await page.goto('/j/371312/items?status=in_progress');
  await main(page).locator('.fz-ledger tbody tr[data-row-key] a').first().click();
  await expect(page).toHaveURL(/\/items\/\d+$/);
  const other = await context.newPage();
  await other.goto(page.url());

  const stamp = Date.now().toString(36);
  for (const p of [page, other]) await main(p).getByRole('button', { name: '填写整改措施' }).click();
  await main(page).getByLabel('整改措施').fill(`第一次保存的整改措施${stamp}`);
  await main(page).getByRole('button', { name: '保存' }).click();
  await expect(main(page)).toContainText(`第一次保存的整改措施${stamp}`);

  await main(other).getByLabel('整改措施').fill(`过期页面上的整改措施${stamp}`);
  await main(other).getByRole('button', { name: '保存' }).click();
  await expect(other.getByText('该事项已被他人修改')).toBeVisible();
  await other.reload();
  await expect(main(other)).toContainText(`第一次保存的整改措施${stamp}`);
  await expect(main(other)).not.toContainText(`过期页面上的整改措施${stamp}`);
});
