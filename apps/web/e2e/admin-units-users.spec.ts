import type { Page } from '@playwright/test';
import { expect, login, main, screenshot, test } from './support';

const stampOf = () => Date.now().toString(36);

async function createUnit(page: Page, name: string, shortName: string): Promise<void> {
  await main(page).getByRole('button', { name: '新增单位' }).click();
  const dialog = page.getByRole('dialog', { name: '新增单位' });
  await dialog.getByLabel('单位名称').fill(name);
  await dialog.getByLabel('简称').fill(shortName);
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  await expect(main(page).getByRole('row', { name: new RegExp(name) })).toBeVisible();
}

test('the 河东区 admin creates a unit and a user, and both are listed', async ({ page }) => {
  const stamp = stampOf();
  const unitName = `河东区营商环境监督科${stamp}`;
  const username = `e2e.${stamp}`;

  await login(page, 'hedong');
  await page.goto('/j/371312/units');

  // The form checks fields with the server's own rules before sending.
  await main(page).getByRole('button', { name: '新增单位' }).click();
  const unitDialog = page.getByRole('dialog', { name: '新增单位' });
  await unitDialog.getByRole('button', { name: '保存' }).click();
  await expect(unitDialog).toContainText('不能为空');
  await unitDialog.getByRole('button', { name: '取消' }).click();

  await createUnit(page, unitName, '营商监督科');
  await screenshot(page, 'admin-units');

  await main(page).getByRole('tab', { name: '用户' }).click();
  await expect(page).toHaveURL(/\/j\/371312\/users$/);
  await main(page).getByRole('button', { name: '新增用户' }).click();
  const userDialog = page.getByRole('dialog', { name: '新增用户' });
  await userDialog.getByLabel('用户名').fill(username);
  await userDialog.getByLabel('姓名').fill('张晓明');
  // antd's visible options are not ARIA options (a hidden listbox mirrors them): pick by title.
  await userDialog.getByLabel('所属单位').fill('营商环境');
  await page.getByTitle(unitName, { exact: true }).click();
  await userDialog.getByRole('checkbox', { name: '审核' }).check();
  await userDialog.getByRole('button', { name: '保存' }).click();

  const reveal = page.getByRole('dialog', { name: '用户已创建' });
  await expect(reveal).toContainText('临时密码');
  await expect(reveal.getByTestId('temp-password')).not.toBeEmpty();
  await screenshot(page, 'admin-user-created');
  await reveal.getByRole('button', { name: '确定' }).click();

  const row = main(page).getByRole('row', { name: new RegExp(username.replace('.', '\\.')) });
  await expect(row).toContainText('张晓明');
  await expect(row).toContainText(unitName);
  await expect(row).toContainText('填报');
  await expect(row).toContainText('审核');
  await screenshot(page, 'admin-users');

  // Both changes are in the audit log, with what was written.
  await main(page).getByRole('tab', { name: '操作日志' }).click();
  const created = main(page).getByRole('row', { name: /新增单位/ }).first();
  await expect(created).toContainText('hedong');
  await created.getByRole('button', { name: /展开|Expand/ }).click();
  await expect(main(page).getByRole('cell', { name: unitName, exact: true })).toBeVisible();
  await expect(main(page).getByRole('row', { name: /新增用户/ }).first()).toBeVisible();
  await screenshot(page, 'admin-audit');
});

test('an admin editing a unit someone else just changed is told to reload', async ({ page }) => {
  const stamp = stampOf();
  const unitName = `河东区数据管理科${stamp}`;
  await login(page, 'hedong');
  await page.goto('/j/371312/units');
  await createUnit(page, unitName, '数据科');

  const row = main(page).getByRole('row', { name: new RegExp(unitName) });
  await row.getByRole('button', { name: '编辑' }).click();
  const dialog = page.getByRole('dialog', { name: '编辑单位' });
  await expect(dialog.getByLabel('单位名称')).toHaveValue(unitName);

  // Meanwhile the same unit is changed elsewhere (version 0 → 1).
  const list = await page.request.get(`/trpc/units.list?input=${encodeURIComponent(JSON.stringify({ jurisdictionId: 371312, q: unitName }))}`);
  const { result } = (await list.json()) as { result: { data: { items: Array<{ id: number; version: number }> } } };
  const unit = result.data.items[0];
  expect(unit).toBeDefined();
  const bump = await page.request.post('/trpc/units.update', { headers: { 'x-fz-csrf': '1' }, data: { id: unit?.id, version: unit?.version, shortName: '数据管理科' } });
  expect(bump.ok()).toBe(true);

  await dialog.getByLabel('简称').fill('数据局');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('数据已被他人修改,请刷新后重试')).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText('数据管理科');
  await screenshot(page, 'admin-unit-conflict');

  // Disabling asks first, then the unit leaves the active list.
  await row.getByRole('button', { name: '停用' }).click();
  await page.getByRole('tooltip').getByRole('button', { name: '确定' }).click();
  await expect(page.getByText('单位已停用')).toBeVisible();
  await expect(row).toHaveCount(0);
  await main(page).getByRole('checkbox', { name: '显示已停用' }).check();
  await expect(row).toContainText('停用');
});

test('a 河东区司法局 operator sees the units but no create button', async ({ page }) => {
  await login(page, 'hedong-sfj');
  await page.goto('/j/371312/units');
  await expect(main(page).getByRole('row', { name: /河东区司法局/ })).toBeVisible();
  await expect(main(page).getByRole('button', { name: '新增单位' })).toHaveCount(0);
  await expect(main(page).getByRole('button', { name: '编辑' })).toHaveCount(0);
  await expect(main(page).getByRole('tab', { name: '用户' })).toHaveCount(0);
  await screenshot(page, 'operator-units');
});
