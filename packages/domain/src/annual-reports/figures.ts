import { LEVEL_LABELS } from '../jurisdiction.js';
import type { Level } from '../jurisdiction.js';
import { divRound, formatScaled } from '../metrics/decimal.js';
import type { Figure, YearOnYear } from '../metrics/figures.js';
import type { MetricKind } from '../metrics/enums.js';

/** One metric of a node for the year, as the node table computes it. */
export interface FigureLine {
  name: string;
  kind: MetricKind;
  denominatorLabel: string | null;
  figure: Figure | null;
  target: string | null;
  hit: boolean | null;
  yoy: YearOnYear | null;
  /** Reports that make the figure, and how many were due (a rollup may be partial). */
  coverage: { reported: number; expected: number };
  sourceLevel: Level | null;
}

/** Findings issued to the node's area by the levels above it in the year (督察反馈问题). */
export interface RectificationCounts {
  issued: number;
  closed: number;
  flagged: number;
}

export interface FiguresInput {
  metrics: readonly FigureLine[];
  rectification: RectificationCounts;
  /** Demonstration applications of the area named (命名) in the year. */
  demonstrationNamed: number;
}

function metricSentence(m: FigureLine): string {
  if (m.figure === null) return `${m.name}:暂未填报。`;
  if (m.figure.value === null) return `${m.name}:本期${m.denominatorLabel ?? '统计基数'}为0。`;
  const target = m.target === null ? '' : `(目标${m.target},${m.hit ? '已达标' : '未达标'})`;
  const yoy = m.yoy === null ? '' : `,${m.yoy.text}`;
  const partial = m.sourceLevel !== null && m.coverage.reported < m.coverage.expected ? `(${m.coverage.expected}个${LEVEL_LABELS[m.sourceLevel]['zh-CN']}中已填报${m.coverage.reported}个)` : '';
  return `${m.name}${m.figure.text}${target}${yoy}${partial}。`;
}

/**
 * The figures block of an annual report, one sentence per line, generated from the node's
 * metrics for the year and its rectification counts. The author may edit the text afterwards;
 * "refresh figures" writes it again from the data.
 */
export function composeFigures(input: FiguresInput): string {
  const lines = input.metrics.map(metricSentence);
  const r = input.rectification;
  if (r.issued === 0) lines.push('本年度未收到上级督察反馈问题。');
  else {
    const rate = formatScaled(divRound(BigInt(r.closed) * 100n, BigInt(r.issued), 1), 1);
    lines.push(`本年度收到上级督察反馈问题${r.issued}个,已整改销号${r.closed}个,整改率${rate}%${r.flagged > 0 ? `;其中挂牌督办${r.flagged}个` : ''}。`);
  }
  if (input.demonstrationNamed > 0) lines.push(`本年度获法治政府建设示范创建命名${input.demonstrationNamed}个。`);
  return lines.join('\n');
}
