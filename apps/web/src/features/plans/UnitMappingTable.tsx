import { Button, Select, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { fullUnitName } from '@fz/domain';
import type { PlanPreview } from '../../app/trpc';
import { useT } from '../../i18n';

type NameRow = PlanPreview['units'][number];
/** A unit id, 'note' (keep the name as a note for the lead unit) or 'create' (a new unit of that name). */
export type Mapping = number | 'note' | 'create';

interface Props {
  issuerName: string;
  names: NameRow[];
  units: Array<{ id: number; name: string }>;
  mappings: Record<string, Mapping | undefined>;
  onChange: (name: string, mapping: Mapping | undefined) => void;
  onAllToNote: () => void;
}

/** 责任单位对照: every unit name of the plan, matched ones shown, unmatched ones to map, create or keep as a note. */
export function UnitMappingTable({ issuerName, names, units, mappings, onChange, onAllToNote }: Props) {
  const t = useT();
  const unresolved = names.filter((n) => n.unitId === null && mappings[n.name] === undefined).length;
  const columns: TableColumnsType<NameRow> = [
    { title: t('import.unitName'), key: 'name', width: 220, render: (_v, n) => <strong>{n.name}</strong> },
    {
      title: t('import.matchedTo'),
      key: 'unit',
      render: (_v, n) =>
        n.unitId !== null ? (
          <Tag color="green">{n.unitName}</Tag>
        ) : (
          <Select<Mapping>
            className="fz-w-full"
            aria-label={`${t('import.matchedTo')}:${n.name}`}
            placeholder={t('edit.selectUnit')}
            status={mappings[n.name] === undefined ? 'warning' : undefined}
            showSearch={{ optionFilterProp: 'label' }}
            allowClear
            value={mappings[n.name]}
            onChange={(v) => onChange(n.name, v)}
            options={[
              { value: 'note', label: t('import.keepAsNote') },
              { value: 'create', label: t('import.createUnit', { name: fullUnitName(issuerName, n.name) }) },
              ...n.suggestions.map((s) => ({ value: s.id, label: t('import.suggested', { name: s.name }) })),
              ...units.filter((u) => !n.suggestions.some((s) => s.id === u.id)).map((u) => ({ value: u.id, label: u.name })),
            ]}
          />
        ),
    },
    { title: t('import.usedBy'), key: 'tasks', width: 220, render: (_v, n) => <span className="fz-small fz-muted">{n.taskNumbers.join('、')}</span> },
  ];
  return (
    <>
      <div className="fz-toolbar">
        <span className={unresolved ? 'fz-text-warn' : 'fz-muted'} data-testid="unresolved">
          {unresolved ? t('import.unresolved', { n: unresolved }) : t('import.matched')}
        </span>
        <span className="fz-grow" />
        <Button size="small" disabled={!unresolved} onClick={onAllToNote}>
          {t('import.allToNote')}
        </Button>
      </div>
      <Table<NameRow> size="small" rowKey="name" columns={columns} dataSource={[...names].sort((a, b) => Number(a.unitId !== null) - Number(b.unitId !== null))} pagination={false} scroll={{ y: 420 }} />
    </>
  );
}
