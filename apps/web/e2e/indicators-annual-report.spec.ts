import fs from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { expect, login, main, screenshot, test } from './support';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const HEDONG = 371312;
const TITLE = '河东区人民政府关于2025年法治政府建设情况的报告';

async function switchUser(page: Page, username: string): Promise<void> {
  await page.context().clearCookies();
  await login(page, username);
}

/** One entry of a zip (a .docx), found through the central directory and inflated. */
function zipEntry(zip: Buffer, name: string): string | null {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) return null;
  let at = zip.readUInt32LE(eocd + 16);
  for (let n = zip.readUInt16LE(eocd + 10); n > 0; n--) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const entry = zip.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    if (entry !== name) continue;
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
  }
  return null;
}

/** Reports SD-05 (负责人出庭应诉率, ≥97%) for 河东区's current year through the dialog. */
async function reportAppearance(page: Page, numerator: string, denominator: string, expected: { text: string; hit: boolean }, withFile = false) {
  const row = main(page).getByRole('row').filter({ hasText: 'SD-05' });
  await row.getByRole('button', { name: '填报' }).click();
  const dialog = page.getByRole('dialog', { name: /填报指标数据 · 行政机关负责人出庭应诉率/ });
  await dialog.getByLabel('分子:负责人出庭应诉案件数').fill(numerator);
  await dialog.getByLabel('分母:应出庭应诉案件数').fill(denominator);
  await expect(dialog.getByTestId('report-preview')).toContainText(expected.text);
  await expect(dialog.getByTestId('report-preview').locator('.ant-tag')).toHaveText(expected.hit ? '达标' : '未达标');
  if (withFile) await dialog.locator('input[type=file]').setInputFiles({ name: '出庭应诉统计表.pdf', mimeType: 'application/pdf', buffer: PDF });
  await dialog.getByRole('button', { name: '填报', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(main(page).getByTestId('value-SD-05')).toContainText(expected.text);
  await expect(main(page).getByTestId('target-SD-05').locator('.ant-tag')).toHaveText(expected.hit ? '达标' : '未达标');
}

test('河东区 reports an indicator, sees the target judged and drills down; defines and publishes a quarterly indicator', async ({ page }) => {
  test.setTimeout(120_000);
  const year = String(new Date().getFullYear());
  await login(page, 'hedong');
  await page.goto(`/j/${HEDONG}`);
  await main(page).getByRole('tab', { name: '指标', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/j/${HEDONG}/metrics`));
  await expect(main(page).getByRole('row').filter({ hasText: 'SD-05' })).toBeVisible();

  // A miss first (94.1% < 97%, in red), with evidence; then a hit (100%, green, up on last year).
  await reportAppearance(page, '32', '34', { text: '94.1%', hit: false }, true);
  await expect(main(page).getByRole('row').filter({ hasText: 'SD-05' }).locator('.ant-tag').filter({ hasText: /^1$/ })).toBeVisible();
  await reportAppearance(page, '34', '34', { text: '100%', hit: true });
  await expect(main(page).getByRole('row').filter({ hasText: 'SD-05' }).locator('[data-tone="good"][data-trend="up"]')).toBeVisible();
  await screenshot(page, 'metrics');

  // Drill down: the townships' mediation figures, and a link to one township's table.
  const mediation = main(page).getByRole('row').filter({ hasText: 'LY-01' });
  await mediation.getByRole('button', { name: /展开/ }).click();
  const child = main(page).locator('.fz-child-figures').getByRole('link').first();
  await expect(child).toBeVisible();
  await child.click();
  await expect(page).toHaveURL(new RegExp(`/j/${HEDONG}\\d{3}/metrics\\?period=${year}$`));
  await expect(main(page).getByRole('row').filter({ hasText: 'LY-01' })).toBeVisible();

  // Definitions: the schema's message for a rate without names, then a quarterly count, published.
  await page.goto(`/j/${HEDONG}/metrics?view=definitions`);
  await main(page).getByRole('button', { name: '新增指标' }).click();
  const form = page.getByRole('dialog', { name: '新增指标' });
  const code = `E2E-${Date.now().toString(36)}`;
  await form.getByLabel('编码').fill(code);
  await form.getByLabel('指标名称').fill('街道法治讲座场次');
  await form.getByLabel('类型').click();
  await page.locator('.ant-select-item-option').filter({ hasText: '比率' }).click();
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form).toContainText('比率和平均类指标须填写分子、分母名称');
  await form.getByLabel('类型').click();
  await page.locator('.ant-select-item-option').filter({ hasText: '数量' }).click();
  await form.getByLabel('单位').fill('场');
  await form.getByLabel('统计周期').click();
  await page.locator('.ant-select-item-option').filter({ hasText: '每季度' }).click();
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form).toBeHidden();
  const def = main(page).getByRole('row').filter({ hasText: code });
  await expect(def).toContainText('草稿');
  await def.getByRole('button', { name: '印发' }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: '印发' }).click();
  await expect(def).toContainText('已印发');

  // It shows in the quarterly table, nobody has reported yet.
  await main(page).getByText('指标表', { exact: true }).click();
  await main(page).getByText('季度', { exact: true }).click();
  const quarterly = main(page).getByRole('row').filter({ hasText: code });
  await expect(quarterly).toContainText('未填报');
});

test('河东区 edits, saves and submits its 2025 report and exports it; 临沂市 returns it', async ({ page }) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  await login(page, 'hedong');
  await page.goto(`/j/${HEDONG}/annual-reports`);
  await expect(main(page).getByRole('link', { name: TITLE })).toBeVisible();
  await main(page).getByRole('button', { name: '新建/打开 2025 年度报告' }).click();
  await expect(page).toHaveURL(/\/annual-reports\/\d+$/);
  const reportUrl = new URL(page.url()).pathname;
  await expect(main(page).getByRole('heading', { name: TITLE })).toBeVisible();
  await expect(main(page).getByTestId('report-status')).toHaveText(/草稿|已退回/);

  const problems = `一是个别单位对法治政府建设重视不够(核对${stamp})。二是法制审核力量薄弱。`;
  await main(page).getByLabel('三、存在的问题').fill(problems);
  await expect(main(page).getByText('有未保存的修改')).toBeVisible();
  await main(page).getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('报告已保存')).toBeVisible();
  await expect(main(page).getByText('有未保存的修改')).toBeHidden();
  await screenshot(page, 'annual-report');

  await main(page).getByRole('button', { name: '报送上级' }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: '报送上级' }).click();
  await expect(main(page).getByTestId('report-status')).toHaveText('已报送');
  await expect(main(page).getByRole('button', { name: '保存' })).toBeHidden();
  await expect(main(page).getByLabel('三、存在的问题')).toHaveAttribute('readonly', '');

  // The Word export: a zip whose document holds the title, a numbered heading and the edited text.
  const [download] = await Promise.all([page.waitForEvent('download'), main(page).getByRole('button', { name: '导出 Word' }).click()]);
  expect(download.suggestedFilename()).toBe(`${TITLE}.docx`);
  const docx = fs.readFileSync(await download.path());
  expect(docx.length).toBeGreaterThan(1000);
  expect(docx.subarray(0, 2).toString('latin1')).toBe('PK');
  const xml = zipEntry(docx, 'word/document.xml');
  expect(xml).toContain(TITLE);
  expect(xml).toContain('一、主要举措和成效');
  expect(xml).toContain(`核对${stamp}`);

  // 临沂市 finds it among the reports submitted to it and returns it with a reason.
  await switchUser(page, 'linyi');
  await page.goto('/j/3713/annual-reports');
  await main(page).getByText('下级报送', { exact: true }).click();
  await main(page).getByRole('row').filter({ hasText: TITLE }).getByRole('link', { name: TITLE }).click();
  await expect(page).toHaveURL(new RegExp(`${reportUrl}$`));
  await expect(main(page).getByRole('button', { name: '审核通过' })).toBeVisible();
  await expect(main(page).getByRole('button', { name: '保存' })).toBeHidden();
  await main(page).getByRole('button', { name: '退回修改' }).click();
  const dialog = page.getByRole('dialog', { name: '退回修改' });
  await dialog.getByLabel('退回理由').fill(`请补充行政复议纠错情况(${stamp})`);
  await dialog.getByRole('button', { name: '退回修改' }).click();
  await expect(main(page).getByTestId('report-status')).toHaveText('已退回');
  await expect(main(page)).toContainText(`请补充行政复议纠错情况(${stamp})`);

  // Back with 河东区: the reason shows and the text is editable again.
  await switchUser(page, 'hedong');
  await page.goto(reportUrl);
  await expect(main(page).getByText(`上级退回理由:请补充行政复议纠错情况(${stamp})`)).toBeVisible();
  await expect(main(page).getByRole('button', { name: '报送上级' })).toBeVisible();
  await expect(main(page).getByLabel('三、存在的问题')).toHaveValue(problems);
});

test('临沂市 accepts 兰山区’s submitted report; 兰山区 publishes it and the text is final', async ({ page }) => {
  const LANSHAN_TITLE = '兰山区人民政府关于2025年法治政府建设情况的报告';
  await login(page, 'linyi');
  await page.goto('/j/3713/annual-reports');
  await main(page).getByText('下级报送', { exact: true }).click();
  await main(page).getByRole('row').filter({ hasText: LANSHAN_TITLE }).getByRole('link', { name: LANSHAN_TITLE }).click();
  await expect(page).toHaveURL(/\/annual-reports\/\d+$/);
  const reportUrl = new URL(page.url()).pathname;
  const status = main(page).getByTestId('report-status');
  // The seed leaves it 已报送; a retried attempt may find it past that.
  await expect(status).toHaveText(/已报送|审核通过|已公开/);
  if ((await status.textContent()) === '已报送') {
    // The reviewer may accept or return, never publish or edit.
    await expect(main(page).getByRole('button', { name: '公开发布' })).toBeHidden();
    await expect(main(page).getByRole('button', { name: '保存' })).toBeHidden();
    await main(page).getByRole('button', { name: '审核通过' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '审核通过' }).click();
    await expect(status).toHaveText('审核通过');
  }
  await expect(main(page).getByRole('button', { name: '公开发布' })).toBeHidden();

  await switchUser(page, 'lanshan');
  await page.goto(reportUrl);
  if ((await status.textContent()) !== '已公开') {
    await expect(status).toHaveText('审核通过');
    await main(page).getByRole('button', { name: '公开发布' }).click();
    const dialog = page.getByRole('dialog', { name: '公开发布' });
    await expect(dialog.getByLabel('印发日期')).not.toHaveValue('');
    await dialog.getByRole('button', { name: '公开发布' }).click();
  }
  await expect(status).toHaveText('已公开');
  await expect(main(page).getByText('报告已公开发布,内容不能修改。')).toBeVisible();
  await expect(main(page).getByRole('button', { name: '保存' })).toBeHidden();
  await expect(main(page).getByRole('button', { name: '报送上级' })).toBeHidden();
  await expect(main(page).getByLabel('三、存在的问题')).toHaveAttribute('readonly', '');
  await expect(main(page).getByRole('button', { name: '导出 Word' })).toBeVisible();
});
