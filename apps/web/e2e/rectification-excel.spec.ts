import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, login, main, screenshot, test } from './support';

/** The header row of a sheet, as the user sees it. */
function headerOf(ws: ExcelJS.Worksheet, row: number): string[] {
  const out: string[] = [];
  ws.getRow(row).eachCell((c) => out.push(String(c.text)));
  return out;
}

test('the province imports findings from the template (a bad row imports nothing) and 河东区 exports its ledger', async ({ page }) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);

  await login(page, 'province');
  await page.goto('/j/371312/inspections');
  await main(page).getByRole('link', { name: /全省法治政府建设督察/ }).first().click();
  await expect(page).toHaveURL(/\/inspections\/\d+$/);

  await main(page).getByRole('button', { name: '从 Excel 导入' }).click();
  const dialog = page.getByRole('dialog', { name: '从 Excel 导入反馈问题' });
  const [templateDownload] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: '下载导入模板' }).click()]);
  expect(templateDownload.suggestedFilename()).toMatch(/^整改事项导入模板.*\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await templateDownload.path());
  const ws = wb.worksheets[0]!;
  const header = headerOf(ws, 1);
  expect(header[0]).toBe('问题编号');
  const col = (name: string) => header.findIndex((h) => h.startsWith(name)) + 1;

  const fill = (row: number, number: string, deadline: string) => {
    const r = ws.getRow(row);
    r.getCell(col('问题编号')).value = number;
    r.getCell(col('督察对象')).value = '371312';
    r.getCell(col('反馈问题')).value = `批量导入的反馈问题${number}`;
    r.getCell(col('问题类别')).value = '行政执法';
    r.getCell(col('整改要求')).value = '限期整改到位';
    r.getCell(col('责任单位')).value = '河东区司法局';
    r.getCell(col('整改时限')).value = deadline;
    r.commit();
  };
  fill(2, `IMP-${stamp}-1`, '2027-03-31');
  fill(3, `IMP-${stamp}-2`, '2027-02-30');
  fill(4, `IMP-${stamp}-3`, '2027-04-30');
  const file = `${await templateDownload.path()}-filled.xlsx`;
  await wb.xlsx.writeFile(file);

  await dialog.locator('input[type=file]').setInputFiles(file);
  const errors = dialog.getByTestId('import-errors');
  await expect(errors).toContainText('第 3 行');
  await expect(errors).toContainText('整改时限');
  await screenshot(page, 'import-errors');
  await dialog.getByRole('button', { name: 'Close' }).or(dialog.getByLabel('Close')).first().click();
  await page.goto(`/j/371312/items?q=IMP-${stamp}`);
  await expect(main(page)).toContainText('没有符合条件的整改事项');

  fill(3, `IMP-${stamp}-2`, '2027-02-28');
  await wb.xlsx.writeFile(file);
  await page.goBack();
  await main(page).getByRole('button', { name: '从 Excel 导入' }).click();
  await page.getByRole('dialog', { name: '从 Excel 导入反馈问题' }).locator('input[type=file]').setInputFiles(file);
  await expect(page.getByText('已导入 3 个问题')).toBeVisible();
  fs.rmSync(file, { force: true });

  // 河东区 exports exactly what its filtered ledger shows.
  await page.context().clearCookies();
  await login(page, 'hedong');
  await page.goto(`/j/371312/items?q=IMP-${stamp}&sort=number`);
  const rows = main(page).locator('.fz-ledger tbody tr[data-row-key]');
  await expect(rows).toHaveCount(3);
  const [exportDownload] = await Promise.all([page.waitForEvent('download'), main(page).getByRole('button', { name: '导出 Excel' }).click()]);
  expect(exportDownload.suggestedFilename()).toMatch(/^整改台账-\d{8}\.xlsx$/);
  const out = new ExcelJS.Workbook();
  await out.xlsx.readFile(await exportDownload.path());
  const sheet = out.worksheets[0]!;
  let headerRow = 0;
  sheet.eachRow((r, n) => {
    if (!headerRow && r.getCell(1).text === '序号') headerRow = n;
  });
  expect(headerRow).toBeGreaterThan(0);
  const cols = headerOf(sheet, headerRow);
  for (const c of ['序号', '反馈问题', '整改措施', '责任单位', '整改时限', '整改状态', '佐证材料数', '销号时间']) expect(cols).toContain(c);
  const numbers: string[] = [];
  for (let n = headerRow + 1; n <= sheet.rowCount; n++) numbers.push(sheet.getRow(n).getCell(cols.indexOf('问题编号') + 1).text);
  expect(numbers).toEqual([`IMP-${stamp}-1`, `IMP-${stamp}-2`, `IMP-${stamp}-3`]);
  expect(sheet.getRow(headerRow + 1).getCell(cols.indexOf('责任单位') + 1).text).toBe('河东区司法局');
});

test('河东区 exports its ledger in the background and downloads it from 导出记录', async ({ page }) => {
  await login(page, 'hedong');
  await page.goto('/j/371312/items?status=closed&sort=number');
  const rows = main(page).locator('.fz-ledger tbody tr[data-row-key]');
  await expect(rows.first()).toBeVisible();
  const onScreen = await rows.count();
  await main(page).getByRole('button', { name: '更多导出方式' }).click();
  await page.getByRole('menuitem', { name: '后台导出' }).click();
  await expect(page.getByText(`已提交后台导出(共 ${onScreen} 条)`)).toBeVisible();
  const drawer = page.getByRole('dialog', { name: '导出记录' });
  // The job runs in the server's own queue (JOBS=on): the row turns 已完成 and offers the file.
  const done = drawer.getByRole('row').filter({ hasText: '已完成' }).first();
  await expect(done).toBeVisible({ timeout: 30_000 });
  await screenshot(page, 'ledger-background-export');
  const [file] = await Promise.all([page.waitForEvent('download'), done.getByRole('button', { name: '下载' }).click()]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await file.path());
  // Title and header rows, then one line per ledger row on screen.
  expect(wb.worksheets[0]!.rowCount).toBe(onScreen + 2);
});
