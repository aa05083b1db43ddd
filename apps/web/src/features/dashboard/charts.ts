import type { EChartsCoreOption } from 'echarts/core';
import { ITEM_STATUSES, ITEM_STATUS_LABELS, LIGHT_LABELS } from '@fz/domain';
import type { Lang } from '../../i18n';
import type { TFunction } from '../../i18n';
import type { RouterOutputs } from '../../app/trpc';

type Dashboard = RouterOutputs['dashboard']['get'];

const STATUS_COLORS = ['#bfbfbf', '#36cfc9', '#1c4fa0', '#9254de', '#eb2f96', '#52c41a', '#2f54eb'];
const grid = { left: 48, right: 16, top: 36, bottom: 56, containLabel: true };

/** Stacked bars: each child's items by status. */
export function statusByChild(d: Dashboard, lang: Lang): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, type: 'scroll' },
    grid,
    xAxis: { type: 'category', data: d.children.map((c) => c.name), axisLabel: { interval: 0, rotate: d.children.length > 8 ? 35 : 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: ITEM_STATUSES.map((s, i) => ({ name: ITEM_STATUS_LABELS[s][lang], type: 'bar', stack: 'status', color: STATUS_COLORS[i], data: d.children.map((c) => c.byStatus[s]) })),
  };
}

/** Monthly new vs closed. */
export function trend(d: Dashboard, t: TFunction): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid,
    xAxis: { type: 'category', data: d.trend.map((m) => m.month) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: t('dash.created'), type: 'bar', color: '#1c4fa0', data: d.trend.map((m) => m.created) },
      { name: t('dash.closedMonth'), type: 'line', smooth: true, color: '#52c41a', data: d.trend.map((m) => m.closed) },
    ],
  };
}

/** Traffic-light distribution of the node's open items (closed ones have no light). */
export function lights(d: Dashboard, lang: Lang): EChartsCoreOption {
  const l = d.kpis.light;
  return {
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['45%', '70%'],
        label: { formatter: '{b}\n{c}' },
        data: [
          { name: LIGHT_LABELS.green[lang], value: l.green, itemStyle: { color: '#52c41a' } },
          { name: LIGHT_LABELS.yellow[lang], value: l.yellow, itemStyle: { color: '#faad14' } },
          { name: LIGHT_LABELS.red[lang], value: l.red, itemStyle: { color: '#c8102e' } },
        ],
      },
    ],
  };
}

/** Children ranked by on-time closure rate (best on top). */
export function ranking(d: Dashboard, t: TFunction): EChartsCoreOption {
  const rows = d.ranking.filter((r) => r.onTimeRate !== null).slice(0, 15).reverse();
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => `${String(v)}%` },
    grid: { ...grid, left: 96, bottom: 24, top: 16 },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', data: rows.map((r) => r.name) },
    series: [{ name: t('dash.onTime'), type: 'bar', color: '#1c4fa0', label: { show: true, position: 'right', formatter: '{c}%' }, data: rows.map((r) => Math.round((r.onTimeRate ?? 0) * 1000) / 10) }],
  };
}
