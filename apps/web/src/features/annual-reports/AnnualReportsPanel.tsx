import { useState } from 'react';
import { App, Button, Segmented, Select, Space } from 'antd';
import type { TableColumnsType } from 'antd';
import { FileTextOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { Link, useNavigate } from 'react-router';
import { calendarDate, childLevel } from '@fz/domain';
import { useTRPC } from '../../app/trpc';
import type { RouterOutputs } from '../../app/trpc';
import { subjectIn, useAppAbility } from '../../app/ability';
import { errorMessage } from '../../app/errors';
import { useT } from '../../i18n';
import { KeysetTable } from '../../shared/KeysetTable';
import { useNode } from '../shell/nodeContext';
import { ReportStatusTag } from './ReportStatusTag';

type Relation = 'own' | 'review' | 'subtree';
type ReportItem = RouterOutputs['annualReports']['list']['items'][number];

/** A report is written about a finished year: last year's by default, this year's and five before on offer. */
function yearOptions(today: string): number[] {
  const year = Number(today.slice(0, 4));
  return Array.from({ length: 6 }, (_v, i) => year - i);
}

/** /j/:id/annual-reports — 法治政府建设年度报告: the node's own, those its subdivisions submitted to it, or the whole subtree's. */
export function AnnualReportsPanel() {
  const t = useT();
  const trpc = useTRPC();
  const node = useNode();
  const ability = useAppAbility();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const today = calendarDate(new Date());
  const [relation, setRelation] = useState<Relation>('own');
  const [year, setYear] = useState(Number(today.slice(0, 4)) - 1);
  const list = useInfiniteQuery(trpc.annualReports.list.infiniteQueryOptions({ jurisdictionId: node.id, relation, limit: 50 }, { getNextPageParam: (last) => last.nextCursor ?? undefined }));
  const create = useMutation(trpc.annualReports.create.mutationOptions());
  const canCreate = node.kind !== 'placeholder' && ability.can('create', subjectIn('AnnualReport', node.id));
  const relations: Relation[] = childLevel(node.level) === null ? ['own'] : ['own', 'review', 'subtree'];

  const open = async () => {
    try {
      const r = await create.mutateAsync({ jurisdictionId: node.id, year });
      void navigate(`/annual-reports/${r.id}`);
    } catch (e) {
      void message.error(errorMessage(e, t('common.networkError')));
    }
  };

  const columns: TableColumnsType<ReportItem> = [
    { title: t('ar.year'), dataIndex: 'year', width: 70 },
    { title: t('ar.title'), dataIndex: 'title', minWidth: 320, render: (_v, r) => <Link to={`/annual-reports/${r.id}`}>{r.title}</Link> },
    { title: t('ar.issuer'), dataIndex: 'issuerName', width: 120 },
    { title: t('ar.reviewer'), dataIndex: 'reviewerName', width: 120, render: (_v, r) => r.reviewerName ?? '—' },
    { title: t('ar.status'), dataIndex: 'status', width: 100, render: (_v, r) => <ReportStatusTag status={r.status} /> },
    { title: t('ar.updatedAt'), dataIndex: 'updatedAt', width: 150, render: (_v, r) => <span className="fz-mono">{dayjs(r.updatedAt).format('YYYY-MM-DD HH:mm')}</span> },
  ];

  return (
    <div className="fz-panel">
      <div className="fz-toolbar">
        {relations.length > 1 ? (
          <Segmented<Relation> aria-label={t('ar.relation')} value={relation} onChange={setRelation} options={relations.map((r) => ({ value: r, label: t(`ar.relation.${r}`) }))} />
        ) : null}
        <span className="fz-grow" />
        {canCreate ? (
          <Space.Compact>
            <Select<number> aria-label={t('ar.year')} value={year} onChange={setYear} options={yearOptions(today).map((y) => ({ value: y, label: String(y) }))} />
            <Button type="primary" icon={<FileTextOutlined />} loading={create.isPending} onClick={() => void open()}>
              {t('ar.open', { year })}
            </Button>
          </Space.Compact>
        ) : null}
      </div>
      <KeysetTable<ReportItem> query={list} columns={columns} emptyText={t('ar.empty')} />
    </div>
  );
}
