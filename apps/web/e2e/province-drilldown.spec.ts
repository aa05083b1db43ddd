import { expect, login, main, screenshot, test, tree } from './support';

test('the province supervisor drills down from 山东省 to the streets of 河东区 and back up', async ({ page }) => {
  await login(page, 'province');
  await expect(page).toHaveURL(/\/j\/37$/);
  await expect(main(page).getByRole('heading', { name: '山东省' })).toBeVisible();
  await expect(page.getByTestId('scope')).toHaveText('山东省 · 督察');

  const children = main(page).getByRole('table');
  await children.getByRole('link', { name: '临沂市', exact: true }).click();
  await expect(page).toHaveURL(/\/j\/3713$/);
  await expect(main(page).getByRole('heading', { name: '临沂市' })).toBeVisible();

  await children.getByRole('link', { name: '河东区', exact: true }).click();
  await expect(page).toHaveURL(/\/j\/371312$/);
  await expect(main(page).getByRole('heading', { name: '河东区' })).toBeVisible();
  await expect(children.getByRole('link', { name: '九曲街道', exact: true })).toBeVisible();
  await expect(children.getByRole('link', { name: '相公街道', exact: true })).toBeVisible();

  // The tree has followed: 山东省 › 临沂市 › 河东区 are expanded and the streets are listed.
  await expect(tree(page).getByRole('treeitem', { name: /九曲街道/ })).toBeVisible();
  await expect(tree(page).getByRole('treeitem', { name: /河东区/ })).toHaveAttribute('aria-selected', 'true');
  await screenshot(page, 'province-hedong');

  const crumbs = main(page).getByRole('navigation', { name: '所在位置' });
  await expect(crumbs).toContainText('山东省');
  await expect(crumbs).toContainText('临沂市');
  await crumbs.getByRole('link', { name: '临沂市' }).click();
  await expect(page).toHaveURL(/\/j\/3713$/);
  await crumbs.getByRole('link', { name: /山东省/ }).click();
  await expect(page).toHaveURL(/\/j\/37$/);

  // The tree navigates too.
  await tree(page).getByRole('treeitem', { name: /九曲街道/ }).locator('.fz-tree-title').click();
  await expect(page).toHaveURL(/\/j\/371312001\/units$/);
  await expect(main(page).getByRole('heading', { name: '九曲街道' })).toBeVisible();
});

test('the province supervisor finds a street by code and by name', async ({ page }) => {
  await login(page, 'province');
  const search = page.getByLabel('搜索名称或区划代码');
  const results = page.getByRole('region', { name: '搜索结果' });

  await search.fill('371312004');
  await results.getByRole('button', { name: /相公街道/ }).click();
  await expect(page).toHaveURL(/\/j\/371312004\/units$/);
  await expect(main(page).getByRole('heading', { name: '相公街道' })).toBeVisible();
  await expect(tree(page).getByRole('treeitem', { name: /相公街道/ })).toHaveAttribute('aria-selected', 'true');

  await search.fill('九曲');
  await expect(results).toContainText('临沂市 / 河东区 / 九曲街道');
  await screenshot(page, 'province-search');
});
