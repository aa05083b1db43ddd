import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import type { Services } from '../src/trpc/context.js';
import { demoDatabase, servicesFor } from './helpers.js';
import { TODAY, sessions } from './rect-helpers.js';

/**
 * The Word export opened by a real word processor: LibreOffice (Debian's libreoffice-writer-nogui,
 * installed by .ci/run) converts it to PDF, poppler reads the PDF's text and renders the first and
 * last pages to PNGs in test-results/ for people to look at.
 */
const run = promisify(execFile);
const SCREENS = fileURLToPath(new URL('../test-results/', import.meta.url));

let env: Awaited<ReturnType<typeof demoDatabase>>;
let services: Services;
let app: FastifyInstance;
let work: string;
const as = sessions(() => services);

beforeAll(async () => {
  env = await demoDatabase();
  services = servicesFor(env.db, { today: () => TODAY });
  app = await buildApp({ services, ping: async () => true, webDist: null, logLevel: 'silent' });
  work = mkdtempSync(path.join(tmpdir(), 'fz-lo-'));
});
afterAll(async () => {
  await app.close();
  await env.close();
  rmSync(work, { recursive: true, force: true });
});

describe('the exported annual report in LibreOffice', () => {
  it('converts to an A4 PDF whose text holds the title, the numbered headings, the figures, the issuing body, the date and page numbers', async () => {
    const caller = (await as('hedong')).caller;
    const { items } = await caller.annualReports.list({ jurisdictionId: 371312, relation: 'own', year: 2025, limit: 10 });
    const report = await caller.annualReports.get({ id: items[0]!.id });
    const res = await app.inject({ method: 'GET', url: `/api/annual-reports/${report.id}/export.docx`, headers: { cookie: `fz_sid=${(await as('hedong')).token}` } });
    expect(res.statusCode).toBe(200);
    const docx = path.join(work, 'report.docx');
    writeFileSync(docx, res.rawPayload);

    // A profile of its own, so a LibreOffice the developer has open does not take the job.
    await run('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${work}/profile`, '--convert-to', 'pdf', '--outdir', work, docx], { timeout: 120_000 });
    const pdf = path.join(work, 'report.pdf');
    const info = (await run('pdfinfo', [pdf])).stdout;
    expect(info).toMatch(/Page size:\s+595\.\d* x 841\.\d* pts \(A4\)/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(2);

    // pdftotext keeps lines; CJK text may be broken across lines, so compare with whitespace removed.
    const text = (await run('pdftotext', ['-enc', 'UTF-8', pdf, '-'])).stdout.replace(/\s+/g, '');
    expect(text.startsWith(report.title)).toBe(true);
    for (const heading of ['一、主要举措和成效', '二、党政主要负责人履行推进法治建设第一责任人职责情况', '三、存在的问题', '四、2026年工作安排', '主要指标完成情况']) {
      expect(text).toContain(heading);
    }
    expect(text).toContain('行政机关负责人出庭应诉率96.7%');
    // The signature closes the text; each page carries its number in the footer, “— N —”.
    expect(text).toMatch(/河东区人民政府2026年11月23日—\d+—$/);
    expect(text).toContain('—1—');

    mkdirSync(SCREENS, { recursive: true });
    for (const [page, name] of [[1, 'annual-report-first-page'], [pages, 'annual-report-last-page']] as const) {
      await run('pdftoppm', ['-png', '-r', '80', '-f', String(page), '-l', String(page), '-singlefile', pdf, path.join(SCREENS, name)], { timeout: 60_000 });
      expect(readFileSync(path.join(SCREENS, `${name}.png`)).subarray(1, 4).toString('latin1')).toBe('PNG');
    }
  });
});
