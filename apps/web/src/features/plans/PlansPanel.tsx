import { useState } from 'react';
import { Button, Segmented, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { ImportOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { PLAN_KIND_LABELS, PLAN_STATUS_LABELS, REPORT_CYCLE_LABELS } from '@fz/domain';
import { useTRPC } from '../../app/trpc';
import type { PlanListItem } from '../../app/trpc';
import { subjectIn, useAppAbility } from '../../app/ability';
import { useLang, useT } from '../../i18n';
import { enumLabel } from '../../i18n/labels';
import { KeysetTable } from '../../shared/KeysetTable';
import { useNode } from '../shell/nodeContext';

type Relation = 'issued' | 'subtree' | 'above';

/** /j/:id/plans — plans this jurisdiction issued, those issued below it, or those it received from above. */
export function PlansPanel() {
  const t = useT();
  const { lang } = useLang();
  const trpc = useTRPC();
  const node = useNode();
  const ability = useAppAbility();
  const navigate = useNavigate();
  const [relation, setRelation] = useState<Relation>('issued');
  const list = useInfiniteQuery(trpc.plans.list.infiniteQueryOptions({ jurisdictionId: node.id, relation, limit: 50 }, { getNextPageParam: (last) => last.nextCursor ?? undefined }));
  const canImport = ability.can('create', subjectIn('Plan', node.id, { status: 'draft' }));

  const columns: TableColumnsType<PlanListItem> = [
    { title: t('plans.title'), dataIndex: 'title', minWidth: 280, render: (_v, p) => <Link to={`/plans/${p.id}`}>{p.title}</Link> },
    { title: t('plans.kind'), dataIndex: 'kind', width: 110, render: (_v, p) => enumLabel(PLAN_KIND_LABELS, p.kind, lang) },
    { title: t('plans.issuer'), key: 'issuer', width: 120, render: (_v, p) => p.issuerName },
    { title: t('plans.period'), key: 'period', width: 200, render: (_v, p) => <span className="fz-mono fz-nowrap">{`${p.periodStart} ~ ${p.periodEnd}`}</span> },
    { title: t('plans.cycle'), dataIndex: 'reportCycle', width: 90, render: (_v, p) => enumLabel(REPORT_CYCLE_LABELS, p.reportCycle, lang) },
    { title: t('plans.taskCount'), dataIndex: 'taskCount', width: 80, align: 'right' },
    { title: t('plans.status'), dataIndex: 'status', width: 90, render: (_v, p) => <Tag color={p.status === 'published' ? 'green' : 'default'}>{enumLabel(PLAN_STATUS_LABELS, p.status, lang)}</Tag> },
  ];

  return (
    <div className="fz-panel">
      <div className="fz-toolbar">
        <Segmented<Relation>
          aria-label={t('plans.relation')}
          value={relation}
          onChange={setRelation}
          options={(['issued', 'subtree', 'above'] as const).map((r) => ({ value: r, label: t(`plans.relation.${r}`) }))}
        />
        <span className="fz-grow" />
        {canImport ? (
          <Button type="primary" icon={<ImportOutlined />} onClick={() => void navigate(`/j/${node.id}/plans/import`)}>
            {t('plans.import')}
          </Button>
        ) : null}
      </div>
      <KeysetTable<PlanListItem> query={list} columns={columns} emptyText={t('plans.empty')} />
    </div>
  );
}
