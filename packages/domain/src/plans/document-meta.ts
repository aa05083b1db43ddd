import type { PlanKind } from './enums.js';
import type { SourceLine } from './markers.js';

const TITLE_WORDS = /(实施方案|工作要点|工作方案|行动方案|工作计划|任务分工|实施意见|重点任务)/;

/**
 * The document's title: the first short line naming a plan, preferring the plan itself over the
 * notice that sends it ("关于印发龙凤区2017年法治政府建设工作要点的通知" → the line
 * "龙凤区2017年法治政府建设工作要点" further down, or the name inside the notice's title).
 */
export function documentTitle(lines: readonly SourceLine[], before: number): string | null {
  let fromNotice: string | null = null;
  for (const l of lines) {
    if (l.line >= before) break;
    const t = l.raw;
    if (t.length > 100 || !TITLE_WORDS.test(t)) continue;
    const notice = /^关于印发(.+?)的通知$/.exec(t);
    if (notice) {
      fromNotice ??= notice[1]!.replace(/^《|》$/g, '');
      continue;
    }
    // Sentences quoting a plan ("根据《…实施方案》…,制定本方案。") are not titles.
    if (/[,。;]/.test(t)) continue;
    return t;
  }
  return fromNotice;
}

export function kindOfTitle(title: string | null): PlanKind {
  if (title === null) return 'other';
  if (/工作要点/.test(title)) return 'work_points';
  if (/实施方案|行动方案|工作方案/.test(title)) return 'implementation_plan';
  return 'other';
}

/**
 * The years a title names: "2023-2025年" → 2023-01-01…2025-12-31, "2017年" → that year. Years
 * inside 《》 belong to the document quoted ("贯彻落实《…纲要(2021-2025年)》实施方案"), not to
 * this plan.
 */
export function periodOfTitle(title: string | null): { periodStart: string | null; periodEnd: string | null } {
  const none = { periodStart: null, periodEnd: null };
  if (title === null) return none;
  const own = title.replace(/《[^》]*》/g, '');
  const range = /((?:19|20)\d{2})\s*年?\s*[-—–~至到]\s*((?:19|20)\d{2})\s*年/.exec(own);
  if (range && Number(range[2]) >= Number(range[1])) return { periodStart: `${range[1]}-01-01`, periodEnd: `${range[2]}-12-31` };
  const year = /((?:19|20)\d{2})\s*年/.exec(own);
  if (year) return { periodStart: `${year[1]}-01-01`, periodEnd: `${year[1]}-12-31` };
  return none;
}
