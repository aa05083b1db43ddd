import { expect, login, main, screenshot, test, tree } from './support';

test('a township user sees only its own street and cannot reach a sibling street', async ({ page }) => {
  await login(page, 'street');

  // A township has no subdivisions, so its page opens on its units.
  await expect(page).toHaveURL(/\/j\/371312001\/units$/);
  await expect(main(page).getByRole('heading', { name: '九曲街道' })).toBeVisible();
  await expect(main(page).getByRole('row', { name: /九曲街道办事处/ })).toBeVisible();
  await expect(main(page).getByRole('tab', { name: /下级区划/ })).toHaveCount(0);
  await expect(tree(page).getByRole('treeitem')).toHaveCount(1);
  await expect(tree(page).getByRole('treeitem')).toContainText('九曲街道');
  await expect(page.getByTestId('scope')).toHaveText('九曲街道 · 填报');

  const search = page.getByLabel('搜索名称或区划代码');
  const results = page.getByRole('region', { name: '搜索结果' });
  await search.fill('九曲');
  await expect(results.getByRole('button', { name: /九曲街道/ })).toBeVisible();
  await search.fill('相公');
  await expect(results).toContainText('未找到匹配的行政区划');
  await expect(results.getByRole('button', { name: /相公/ })).toHaveCount(0);
  await screenshot(page, 'township-search-sibling');

  await page.goto('/j/371312004');
  await expect(main(page)).toContainText('不存在或无权访问');
  await expect(main(page).getByRole('heading', { name: '相公街道' })).toHaveCount(0);
  await screenshot(page, 'township-sibling-denied');

  await main(page).getByRole('button', { name: '返回本级' }).click();
  await expect(page).toHaveURL(/\/j\/371312001\/units$/);
});
