import { Tag, Tooltip } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined } from '@ant-design/icons';
import type { MetricKind, YearOnYear } from '@fz/domain';
import { useLang, useT } from '../../i18n';
import { coverageOf, trendOf, yoyEnglish } from './figures';

/** 达标 in green, 未达标 in red, nothing without a target (or without a figure). */
export function HitTag({ hit }: { hit: boolean | null }) {
  const t = useT();
  if (hit === null) return null;
  return <Tag color={hit ? 'success' : 'error'}>{hit ? t('metrics.hit') : t('metrics.miss')}</Tag>;
}

const ARROWS = { up: <ArrowUpOutlined />, down: <ArrowDownOutlined />, flat: <MinusOutlined /> } as const;
const TONES = { good: 'fz-ok', bad: 'fz-text-red', neutral: 'fz-muted' } as const;

/** 同比: an arrow by the change's sign, green when better, red when worse, grey for neutral metrics. */
export function YoyCell({ yoy, kind, unit }: { yoy: YearOnYear | null; kind: MetricKind; unit: string }) {
  const { lang } = useLang();
  if (yoy === null) return <span className="fz-muted">—</span>;
  const { trend, tone } = trendOf(yoy);
  return (
    <span className={`fz-nowrap ${TONES[tone]}`} data-trend={trend} data-tone={tone}>
      {ARROWS[trend]} {lang === 'zh-CN' ? yoy.text : yoyEnglish(yoy, kind, unit)}
    </span>
  );
}

/** Reports found / expected, amber while some are missing. */
export function CoverageCell({ coverage }: { coverage: { reported: number; expected: number } }) {
  const t = useT();
  const c = coverageOf(coverage);
  return (
    <Tooltip title={t('metrics.coverageHint', coverage)}>
      <span className={`fz-mono ${c.complete ? '' : 'fz-text-warn'}`}>{c.text}</span>
    </Tooltip>
  );
}
