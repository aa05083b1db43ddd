import { DEMO_PASSWORD, expect, screenshot, test } from './support';

test('a wrong password shows 用户名或密码错误', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('heading', { name: '法治政府建设督察平台' })).toBeVisible();
  await page.getByLabel('用户名').fill('leader');
  await page.getByLabel('密码', { exact: true }).fill('not-the-password');
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('用户名或密码错误');
  await screenshot(page, 'login-wrong-password');
});

test('the language switch shows English labels, also after signing in', async ({ page }) => {
  await page.goto('/login');
  await page.getByText('English', { exact: true }).click();
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Law-based Government Supervision Platform' })).toBeVisible();

  await page.getByLabel('Username').fill('hedong');
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('tree', { name: 'Jurisdiction tree' })).toBeVisible();
  await expect(page.getByRole('tab', { name: /Subdivisions/ })).toBeVisible();
  await expect(page.getByRole('tab', { name: /Units/ })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Audit log' })).toBeVisible();
  await expect(page.getByTestId('scope')).toContainText('Administrator');
  await screenshot(page, 'english-shell');

  // The choice survives a reload; switching back restores Chinese.
  await page.reload();
  await expect(page.getByRole('tab', { name: /Units/ })).toBeVisible();
  await page.getByText('中文', { exact: true }).click();
  await expect(page.getByRole('tab', { name: /单位/ })).toBeVisible();
});

test('signing out returns to the login page and protects the app', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('用户名').fill('linyi');
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page).toHaveURL(/\/j\/3713$/);
  await page.getByRole('button', { name: /用户菜单/ }).click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('alert')).toContainText('您已安全退出');
  await page.goto('/j/3713/units');
  await expect(page).toHaveURL(/\/login$/);
});
