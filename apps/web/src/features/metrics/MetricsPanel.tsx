import { Segmented, Select } from 'antd';
import { useSearchParams } from 'react-router';
import { METRIC_CYCLES, calendarDate, cycleOfPeriod } from '@fz/domain';
import type { MetricCycle } from '@fz/domain';
import { subjectIn, useAppAbility } from '../../app/ability';
import { useLang, useT } from '../../i18n';
import { useNode } from '../shell/nodeContext';
import { MetricDefinitions } from './MetricDefinitions';
import { MetricTable } from './MetricTable';
import { currentPeriod, parsePeriod, periodOptions, periodText } from './periods';

type View = 'table' | 'definitions';

/**
 * /j/:id/metrics — 指标: the node's indicator table for a period (?period=2025 or 2025-Q3, so a
 * table can be linked), and for the node's admins and supervisors the definitions it issues.
 */
export function MetricsPanel() {
  const t = useT();
  const { lang } = useLang();
  const node = useNode();
  const ability = useAppAbility();
  const [params, setParams] = useSearchParams();
  const today = calendarDate(new Date());
  const period = parsePeriod(params.get('period'), today) ?? currentPeriod('year', today);
  const cycle: MetricCycle = cycleOfPeriod(period) ?? 'year';
  const canDefine = ability.can('create', subjectIn('Metric', node.id, { status: 'draft' }));
  const view: View = canDefine && params.get('view') === 'definitions' ? 'definitions' : 'table';

  const set = (patch: Record<string, string | null>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          if (v === null) next.delete(k);
          else next.set(k, v);
        }
        return next;
      },
      { replace: true },
    );

  return (
    <div className="fz-panel">
      <div className="fz-toolbar">
        {canDefine ? (
          <Segmented<View>
            aria-label={t('metrics.view')}
            value={view}
            onChange={(v) => set({ view: v === 'table' ? null : v })}
            options={(['table', 'definitions'] as const).map((v) => ({ value: v, label: t(`metrics.view.${v}`) }))}
          />
        ) : null}
        {view === 'table' ? (
          <>
            <Segmented<MetricCycle>
              aria-label={t('metrics.cycle')}
              value={cycle}
              onChange={(c) => set({ period: currentPeriod(c, today) })}
              options={METRIC_CYCLES.map((c) => ({ value: c, label: t(`metrics.cycle.${c}`) }))}
            />
            <Select<string>
              className="fz-filter-w160"
              aria-label={t('metrics.period')}
              value={period}
              onChange={(p) => set({ period: p })}
              options={periodOptions(cycle, today).map((k) => ({ value: k, label: periodText(k, lang) }))}
            />
          </>
        ) : null}
      </div>
      {view === 'table' ? <MetricTable nodeId={node.id} period={period} /> : <MetricDefinitions nodeId={node.id} nodeLevel={node.level} />}
    </div>
  );
}
