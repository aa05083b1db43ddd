import { Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { isMessageKey, useLang, useT } from '../../i18n';
import { roleLabel, unitKindLabel } from '../../i18n/labels';
import type { Lang, TFunction } from '../../i18n';
import { arrangeRows, asRecord, diffSnapshots } from './diff';
import type { DiffRow } from './diff';

/** Fields people read first; ids and versions last. */
const FIELD_ORDER = ['name', 'shortName', 'username', 'displayName', 'unitName', 'roles', 'kind', 'sortOrder', 'isActive', 'isDemo', 'userCount', 'jurisdictionId', 'unitId', 'id', 'version'];

function show(t: TFunction, lang: Lang, field: string, value: unknown): string {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'boolean') return t(value ? 'bool.true' : 'bool.false');
  if (field === 'kind' && typeof value === 'string') return unitKindLabel(value, lang);
  if (field === 'roles' && Array.isArray(value)) return value.map((r) => roleLabel(String(r), lang)).join(lang === 'zh-CN' ? '、' : ', ');
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

function fieldLabel(t: TFunction, field: string): string {
  const key = `field.${field}`;
  return isMessageKey(key) ? t(key) : field;
}

/** The before/after snapshot of an audited change, changed fields highlighted. */
export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const t = useT();
  const { lang } = useLang();
  const rows = arrangeRows(diffSnapshots(before, after), FIELD_ORDER);
  // A creation has no "before", a removal no "after": show only the side that exists.
  const hasBefore = asRecord(before) !== null;
  const hasAfter = asRecord(after) !== null;
  const columns: TableColumnsType<DiffRow> = [{ title: t('audit.field'), dataIndex: 'field', width: 220, render: (_v, r) => fieldLabel(t, r.field) }];
  if (hasBefore) {
    columns.push({ title: t('audit.before'), dataIndex: 'before', render: (_v, r) => <span className={r.changed && hasAfter ? 'fz-diff-old' : undefined}>{show(t, lang, r.field, r.before)}</span> });
  }
  if (hasAfter) {
    columns.push({ title: t('audit.after'), dataIndex: 'after', render: (_v, r) => <span className={r.changed && hasBefore ? 'fz-diff-new' : undefined}>{show(t, lang, r.field, r.after)}</span> });
  }
  return (
    <Table<DiffRow>
      className="fz-diff"
      size="small"
      rowKey="field"
      columns={columns}
      dataSource={rows}
      pagination={false}
      locale={{ emptyText: t('audit.noChanges') }}
      rowClassName={(r) => (r.changed && hasBefore && hasAfter ? 'fz-diff-changed' : '')}
    />
  );
}
