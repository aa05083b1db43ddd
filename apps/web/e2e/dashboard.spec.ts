import { expect, login, main, screenshot, test } from './support';

test('the province supervisor drills from the province dashboard to a city, a county, a street and one item', async ({ page }) => {
  await login(page, 'province');
  await expect(page).toHaveURL(/\/j\/37$/);
  const kpis = main(page).getByTestId('kpis');
  await expect(kpis).toContainText('整改事项');
  await expect(kpis).toContainText('按期销号率');
  await expect(main(page).getByRole('img', { name: '每月新交办与销号' })).toBeVisible();
  await screenshot(page, 'dashboard-province');

  const table = main(page).getByRole('table');
  await table.getByRole('link', { name: '临沂市', exact: true }).click();
  await expect(page).toHaveURL(/\/j\/3713$/);
  await table.getByRole('link', { name: '河东区', exact: true }).click();
  await expect(page).toHaveURL(/\/j\/371312$/);
  await expect(kpis).toContainText('逾期');
  await expect(main(page).getByTestId('kpi-demo')).toContainText('目标 2/3');
  await screenshot(page, 'dashboard-county');
  await table.getByRole('link', { name: '九曲街道', exact: true }).click();
  await expect(main(page).getByRole('heading', { name: '九曲街道' })).toBeVisible();
  await main(page).getByRole('tab', { name: '整改台账' }).click();
  await main(page).locator('.fz-ledger tbody tr[data-row-key] a').first().click();
  await expect(page).toHaveURL(/\/items\/\d+$/);
  await expect(main(page)).toContainText('九曲街道');
});

test('a county supervisor cannot open the dashboard of its city or a sibling county', async ({ page }) => {
  await login(page, 'hedong');
  await page.goto('/j/3713');
  await expect(main(page)).toContainText('不存在或无权访问');
  await page.goto('/j/371302');
  await expect(main(page)).toContainText('不存在或无权访问');
  await page.goto('/j/371312');
  await expect(main(page).getByTestId('kpis')).toBeVisible();
  await expect(main(page).getByRole('table').getByRole('link', { name: '兰山区' })).toHaveCount(0);
});
