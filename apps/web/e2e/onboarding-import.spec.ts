import ExcelJS from 'exceljs';
import { expect, login, main, screenshot, test } from './support';

const USERS = 150;

/** The downloaded template with our rows below its example rows (which the import skips). */
async function filled(templatePath: string, stamp: string, role: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(templatePath);
  const units = wb.getWorksheet('单位')!;
  // 太平街道: no other spec lists its users, so ours push nobody's off a first page.
  units.getRow(3).values = ['371312005', '太平街道', `太平街道综治中心${stamp}`, '综治中心', '其他', 5];
  const users = wb.getWorksheet('用户')!;
  for (let i = 0; i < USERS; i++) {
    users.getRow(3 + i).values = [`e2e-${stamp}-${i}`, `导入用户${i}`, '371312005', i % 2 ? `太平街道综治中心${stamp}` : '综治中心', i === 0 ? role : '填报'];
  }
  return { name: `太平街道单位和用户-${role}.xlsx`, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(await wb.xlsx.writeBuffer()) };
}

test('河东区 bulk-imports units and users: the template, a refused file, progress, the result and the passwords once', async ({ page }) => {
  test.setTimeout(180_000);
  const stamp = Date.now().toString(36);
  await login(page, 'hedong');
  await page.goto('/j/371312/users');
  await main(page).getByTestId('onboarding-open').click();
  await expect(page).toHaveURL(/\/j\/371312\/users\/import/);
  await expect(main(page).getByRole('heading', { name: '批量导入单位和用户' })).toBeVisible();

  const [template] = await Promise.all([page.waitForEvent('download'), main(page).getByRole('button', { name: '下载导入模板' }).click()]);
  expect(template.suggestedFilename()).toBe('单位和用户批量导入模板.xlsx');
  const templatePath = await template.path();

  // One unknown role: the whole file is refused, and the row is named.
  await main(page).locator('input[type=file]').setInputFiles(await filled(templatePath, stamp, '局长'));
  const failed = main(page).getByTestId('onboarding-failed');
  await expect(failed).toContainText('发现 1 处错误,未导入任何数据', { timeout: 60_000 });
  await expect(main(page).getByTestId('onboarding-errors')).toContainText('未知的角色“局长”');

  await main(page).locator('input[type=file]').setInputFiles(await filled(templatePath, stamp, '管理员、督察'));
  const status = main(page).getByTestId('onboarding-status');
  await expect(status).toBeVisible();
  await page.screenshot({ path: '/tmp/shots/onboarding-progress.png' });
  await expect(status.getByText(`成功导入 1 个单位、${USERS} 个用户`)).toBeVisible({ timeout: 120_000 });
  await screenshot(page, 'onboarding-result');
  await page.screenshot({ path: '/tmp/shots/onboarding.png' });

  await status.getByRole('button', { name: '下载初始密码' }).click();
  const [credentials] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '确定' }).click()]);
  expect(credentials.suggestedFilename()).toMatch(/^初始密码-导入\d+-\d{8}\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await credentials.path());
  expect(wb.worksheets[0]!.rowCount).toBe(USERS + 2);
  await expect(status.getByText('初始密码已下载或已过期')).toBeVisible();
  await main(page).getByText('导入记录').scrollIntoViewIfNeeded();
  await screenshot(page, 'onboarding-history');

  // The county office reads the township's units (not its users): the new unit holds them all.
  await page.goto('/j/371312005/units');
  await expect(main(page).getByRole('row', { name: new RegExp(`太平街道综治中心${stamp}`) })).toContainText(String(USERS));
});
