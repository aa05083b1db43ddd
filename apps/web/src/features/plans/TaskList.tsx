import { Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { allChildrenLabel } from '@fz/domain';
import { useLang, useT } from '../../i18n';

export interface TaskRow {
  number: string;
  title: string;
  text: string;
  sectionIndex: number | null;
  units: Array<{ name: string; unitId: number | null; lead: boolean }>;
  allChildren: boolean;
  note: string;
  deadline: string | null;
}

interface Section {
  number: string;
  title: string;
}

/**
 * Tasks grouped under their sections (一、二、…), each with its units: lead first, matched or not;
 * a task for every child jurisdiction says so in the issuer's terms (各乡镇(街道) of a county, 各县(市、区) of a city).
 */
export function TaskList<T extends TaskRow>({ tasks, sections, issuerId, resolved }: { tasks: T[]; sections: Section[]; issuerId: number; resolved?: (name: string) => boolean }) {
  const t = useT();
  const { lang } = useLang();
  const everyChild = allChildrenLabel(issuerId, lang);
  const columns: TableColumnsType<T> = [
    { title: '#', key: 'number', width: 56, render: (_v, r) => <span className="fz-mono">{r.number}</span> },
    {
      title: t('plan.task'),
      key: 'title',
      render: (_v, r) => (
        <Tooltip title={r.text.length > r.title.length ? <span className="fz-prewrap">{r.text}</span> : undefined}>
          <Typography.Paragraph className="fz-m-0" ellipsis={{ rows: 2 }}>
            {r.title}
          </Typography.Paragraph>
        </Tooltip>
      ),
    },
    {
      title: t('plan.units'),
      key: 'units',
      width: 360,
      render: (_v, r) => (
        <div className="fz-tags">
          {[...r.units].sort((a, b) => Number(b.lead) - Number(a.lead)).map((u) => (
            <Tag key={u.name} color={u.unitId !== null || resolved?.(u.name) ? (u.lead ? 'blue' : 'default') : 'orange'}>
              {u.lead ? `${t('plan.lead')}·` : ''}
              {u.name}
            </Tag>
          ))}
          {r.allChildren && everyChild ? <Tag color="green">{everyChild}</Tag> : null}
          {r.note ? <span className="fz-small fz-muted">{`${t('plan.note')}:${r.note}`}</span> : null}
        </div>
      ),
    },
    { title: t('plan.deadline'), key: 'deadline', width: 110, render: (_v, r) => <span className="fz-mono">{r.deadline ?? '—'}</span> },
  ];
  const groups = [...sections.map((s, i) => ({ key: String(i), title: `${s.number}${s.title}`, rows: tasks.filter((x) => x.sectionIndex === i) })), { key: 'none', title: '', rows: tasks.filter((x) => x.sectionIndex === null) }].filter((g) => g.rows.length > 0);
  return (
    <div className="fz-tasklist">
      {groups.map((g) => (
        <section key={g.key} className="fz-mb">
          {g.title ? <Typography.Title level={5}>{g.title}</Typography.Title> : null}
          <Table<T> size="small" rowKey="number" columns={columns} dataSource={g.rows} pagination={false} />
        </section>
      ))}
    </div>
  );
}
