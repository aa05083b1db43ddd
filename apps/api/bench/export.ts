import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LedgerItem } from '../src/modules/items/ledger.js';
import { ledgerWorkbook, ledgerWorkbookStream } from '../src/modules/items/excel/export.js';

/**
 * `pnpm bench:export [--rows 200000]`: the background export's streamed workbook against the
 * direct export's in-memory workbook (the baseline), each in a process of its own so that peak
 * memory is its own. Synthetic ledger lines of realistic length; prints JSON.
 */
const ROWS_FLAG = process.argv.indexOf('--rows');
const rows = ROWS_FLAG > 0 ? Number(process.argv[ROWS_FLAG + 1]) : 200_000;
const mode = process.argv.includes('--child-streamed') ? 'streamed' : process.argv.includes('--child-in-memory') ? 'in-memory' : null;

/** What the sheet reads of a ledger line; the rest of the DTO is not written. */
function line(i: number): LedgerItem {
  const written = {
    number: `2026-${String(i).padStart(6, '0')}`,
    inspectionId: 1 + (i % 20),
    problem: '行政规范性文件合法性审核机制落实不到位,2项文件未经合法性审核即印发',
    category: 'normative_documents',
    requirement: '建立健全合法性审核机制,对行政规范性文件逐件审核',
    unitName: '河东区司法局',
    jurisdictionName: '河东区',
    deadline: '2026-12-31',
    measures: '已组织专题研究,整改方案已印发,预计按期完成',
    status: 'in_progress',
    light: i % 7 === 0 ? 'red' : 'green',
    flagged: i % 11 === 0,
    evidenceCount: i % 3,
    closedAt: null,
  } satisfies Partial<LedgerItem>;
  return written as LedgerItem;
}

async function child(kind: 'streamed' | 'in-memory'): Promise<void> {
  const titles = new Map(Array.from({ length: 20 }, (_, k) => [k + 1, `2026年第${k + 1}轮法治督察`]));
  const t0 = performance.now();
  let bytes: number;
  if (kind === 'streamed') {
    const sheet = ledgerWorkbookStream('基准测试整改台账');
    for (let from = 0; from < rows; from += 2_000) sheet.add(Array.from({ length: Math.min(2_000, rows - from) }, (_, k) => line(from + k)), titles);
    bytes = (await sheet.finish()).buffer.length;
  } else {
    bytes = (await ledgerWorkbook('基准测试整改台账', Array.from({ length: rows }, (_, k) => line(k)), titles)).length;
  }
  const seconds = (performance.now() - t0) / 1000;
  process.stdout.write(JSON.stringify({ seconds: Math.round(seconds * 10) / 10, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), fileMb: Math.round(bytes / 1e5) / 10 }));
}

function measure(kind: 'streamed' | 'in-memory'): unknown {
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, [...process.execArgv, self, '--rows', String(rows), kind === 'streamed' ? '--child-streamed' : '--child-in-memory'], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) return { error: r.stderr.trim().split('\n').slice(-3).join(' ') };
  return JSON.parse(r.stdout) as unknown;
}

if (mode) await child(mode);
else process.stdout.write(`${JSON.stringify({ rows, streamed: measure('streamed'), inMemoryBaseline: measure('in-memory') }, null, 2)}\n`);
