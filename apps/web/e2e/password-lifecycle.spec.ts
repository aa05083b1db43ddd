import { DEMO_PASSWORD, expect, login, main, screenshot, test, tree } from './support';

test('a user whose password was reset must set a new one before using the app', async ({ page }) => {
  const username = `reset.${Date.now().toString(36)}`;

  // Arrange through the API as the 河东区 admin: a user in 河东区司法局.
  const csrf = { 'x-fz-csrf': '1' };
  expect((await page.request.post('/trpc/auth.login', { headers: csrf, data: { username: 'hedong', password: DEMO_PASSWORD } })).ok()).toBe(true);
  const units = await page.request.get(`/trpc/units.list?input=${encodeURIComponent(JSON.stringify({ jurisdictionId: 371312, q: '河东区司法局' }))}`);
  const unitId = ((await units.json()) as { result: { data: { items: Array<{ id: number }> } } }).result.data.items[0]?.id;
  const created = await page.request.post('/trpc/users.create', { headers: csrf, data: { username, displayName: '李卫东', unitId, roles: ['operator'] } });
  expect(created.ok()).toBe(true);

  // The admin resets that user's password in the UI and reads the temporary one.
  await login(page, 'hedong');
  await page.goto('/j/371312/users');
  const row = main(page).getByRole('row', { name: new RegExp(username.replace('.', '\\.')) });
  await row.getByRole('button', { name: '重置密码' }).click();
  await page.getByRole('tooltip').getByRole('button', { name: '确定' }).click();
  const reveal = page.getByRole('dialog', { name: '密码已重置' });
  const temporary = (await reveal.getByTestId('temp-password').textContent())?.trim() ?? '';
  expect(temporary.length).toBeGreaterThanOrEqual(8);
  await reveal.getByRole('button', { name: '确定' }).click();
  await page.getByRole('button', { name: /用户菜单/ }).click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await expect(page.getByText('您已安全退出')).toBeVisible();
  await expect(tree(page)).toHaveCount(0);

  // The user signs in with it and is held on the change-password page.
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(temporary);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page.getByText('请先修改初始密码')).toBeVisible();
  await expect(tree(page)).toHaveCount(0);

  await page.getByLabel('原密码').fill(temporary);
  await page.getByLabel('新密码', { exact: true }).fill('short');
  await page.getByLabel('确认新密码').fill('short');
  await page.getByRole('button', { name: '修改密码' }).click();
  await expect(page.getByText('密码至少 8 位')).toBeVisible();
  await screenshot(page, 'forced-password-change');

  await page.getByLabel('新密码', { exact: true }).fill('Hedong#2026x');
  await page.getByLabel('确认新密码').fill('Hedong#2026x');
  await page.getByRole('button', { name: '修改密码' }).click();
  await expect(tree(page)).toBeVisible();
  await expect(page).toHaveURL(/\/j\/371312$/);
  await expect(page.getByTestId('scope')).toHaveText('河东区 · 填报');
});
