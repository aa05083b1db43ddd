import { Button, Checkbox, DatePicker, Input, Select } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { ITEM_CATEGORIES, ITEM_CATEGORY_LABELS, ITEM_SORTS, ITEM_STATUSES, ITEM_STATUS_LABELS, LIGHTS, LIGHT_LABELS } from '@fz/domain';
import type { Level } from '@fz/domain';
import { useTRPC } from '../../app/trpc';
import { useLang, useT } from '../../i18n';
import type { MessageKey } from '../../i18n';
import { enumLabel } from '../../i18n/labels';
import type { LedgerFilters } from './ledgerFilters';

const SORT_LABEL: Record<LedgerFilters['sort'], MessageKey> = { deadline: 'ledger.sort.deadline', created: 'ledger.sort.created', number: 'ledger.sort.number' };
const DATE = 'YYYY-MM-DD';

interface Props {
  node: { id: number; level: Level };
  filters: LedgerFilters;
  onChange: (next: LedgerFilters) => void;
  /** Hidden on an inspection's page, where the inspection is fixed. */
  showInspection?: boolean;
}

/** Every filter of the ledger; each change replaces the URL's query string. */
export function LedgerFilterBar({ node, filters, onChange, showInspection = true }: Props) {
  const t = useT();
  const { lang } = useLang();
  const trpc = useTRPC();
  // Units are named per county or township; above that the list would be hundreds of 司法局.
  const unitsApply = node.level === 'county' || node.level === 'township';
  const units = useQuery(trpc.units.list.queryOptions({ jurisdictionId: node.id, limit: 200 }, { enabled: unitsApply }));
  const inspections = useQuery(trpc.inspections.list.queryOptions({ jurisdictionId: node.id, limit: 100 }, { enabled: showInspection }));
  const set = (patch: Partial<LedgerFilters>) => onChange({ ...filters, ...patch });

  return (
    <div className="fz-filterbar" role="search" aria-label={t('ledger.title')}>
      <Input.Search
        key={filters.keyword ?? ''}
        allowClear
        className="fz-filter-keyword"
        placeholder={t('ledger.keyword')}
        aria-label={t('ledger.keyword')}
        defaultValue={filters.keyword}
        maxLength={50}
        onSearch={(v) => set({ keyword: v.trim() || undefined })}
      />
      <Select
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        className="fz-filter-w200"
        placeholder={t('ledger.status')}
        aria-label={t('ledger.status')}
        value={filters.status}
        onChange={(v) => set({ status: v })}
        options={ITEM_STATUSES.map((s) => ({ value: s, label: enumLabel(ITEM_STATUS_LABELS, s, lang) }))}
      />
      <Select
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        className="fz-filter-w160"
        placeholder={t('ledger.light')}
        aria-label={t('ledger.light')}
        value={filters.light}
        onChange={(v) => set({ light: v })}
        options={LIGHTS.filter((l) => l !== 'none').map((l) => ({ value: l, label: enumLabel(LIGHT_LABELS, l, lang) }))}
      />
      <Select
        allowClear
        className="fz-filter-w200"
        placeholder={t('ledger.category')}
        aria-label={t('ledger.category')}
        value={filters.category}
        onChange={(v) => set({ category: v })}
        options={ITEM_CATEGORIES.map((c) => ({ value: c, label: enumLabel(ITEM_CATEGORY_LABELS, c, lang) }))}
      />
      {unitsApply ? (
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          className="fz-filter-w200"
          placeholder={t('ledger.unit')}
          aria-label={t('ledger.unit')}
          loading={units.isPending}
          value={filters.unitId}
          onChange={(v) => set({ unitId: v })}
          options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
        />
      ) : null}
      {showInspection ? (
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          className="fz-filter-w240"
          placeholder={t('ledger.inspection')}
          aria-label={t('ledger.inspection')}
          loading={inspections.isPending}
          value={filters.inspectionId}
          onChange={(v) => set({ inspectionId: v })}
          options={(inspections.data?.items ?? []).map((i) => ({ value: i.id, label: i.title }))}
        />
      ) : null}
      <DatePicker.RangePicker
        allowEmpty={[true, true]}
        aria-label={t('ledger.deadlineRange')}
        placeholder={[t('ledger.deadlineFrom'), t('ledger.deadlineTo')]}
        value={[filters.deadlineFrom ? dayjs(filters.deadlineFrom) : null, filters.deadlineTo ? dayjs(filters.deadlineTo) : null]}
        onChange={(range) => set({ deadlineFrom: range?.[0]?.format(DATE), deadlineTo: range?.[1]?.format(DATE) })}
      />
      <Checkbox checked={filters.flagged === true} onChange={(e) => set({ flagged: e.target.checked ? true : undefined })}>
        {t('ledger.flaggedOnly')}
      </Checkbox>
      <Select
        className="fz-filter-w200"
        aria-label={t('ledger.sort')}
        value={filters.sort}
        onChange={(v) => set({ sort: v })}
        options={ITEM_SORTS.map((s) => ({ value: s, label: t(SORT_LABEL[s]) }))}
      />
      <Button icon={<ReloadOutlined />} onClick={() => onChange({ status: [], light: [], sort: 'deadline', inspectionId: showInspection ? undefined : filters.inspectionId })}>
        {t('ledger.reset')}
      </Button>
    </div>
  );
}
