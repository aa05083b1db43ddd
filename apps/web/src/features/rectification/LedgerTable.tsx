import { Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { ITEM_CATEGORY_LABELS } from '@fz/domain';
import { useTRPC } from '../../app/trpc';
import type { LedgerItem, RouterInputs } from '../../app/trpc';
import { useLang, useT } from '../../i18n';
import { enumLabel } from '../../i18n/labels';
import { KeysetTable } from '../../shared/KeysetTable';
import { DaysLeft, FlagTag, ItemStatusTag, LightBadge } from './ItemTags';

const PAGE_SIZE = 50;

export type LedgerInput = Omit<RouterInputs['items']['list'], 'cursor' | 'limit'>;

/** The 整改台账 table: keyset pages of 50 with "load more", one row per item, linking to the item page. */
/** `nodeId`: the jurisdiction whose ledger this is; rows elsewhere (a township's, a county's under a city) name where they sit. */
export function LedgerTable({ input, nodeId }: { input: LedgerInput; nodeId?: number }) {
  const t = useT();
  const { lang } = useLang();
  const trpc = useTRPC();
  const list = useInfiniteQuery(trpc.items.list.infiniteQueryOptions({ ...input, limit: PAGE_SIZE }, { getNextPageParam: (last) => last.nextCursor ?? undefined }));

  const columns: TableColumnsType<LedgerItem> = [
    { title: '#', key: 'seq', width: 48, align: 'right', render: (_v, _r, i) => <span className="fz-muted">{i + 1}</span> },
    { title: t('item.number'), dataIndex: 'number', width: 120, render: (_v, r) => <span className="fz-mono fz-nowrap">{r.number}</span> },
    {
      title: t('item.problem'),
      dataIndex: 'problem',
      render: (_v, r) => (
        <div className="fz-ledger-problem">
          <Link to={`/items/${r.id}`}>
            <Typography.Paragraph className="fz-m-0" ellipsis={{ rows: 2, tooltip: r.problem }}>
              {r.problem}
            </Typography.Paragraph>
          </Link>
          <div className="fz-small fz-muted">
            {enumLabel(ITEM_CATEGORY_LABELS, r.category, lang)}
            {r.flagged ? <FlagTag reason={r.flagReason} /> : null}
          </div>
        </div>
      ),
    },
    {
      title: t('item.unit'),
      dataIndex: 'unitName',
      width: 180,
      render: (_v, r) => (
        <>
          <div>{r.unitName ?? <span className="fz-muted">{t('item.noUnit')}</span>}</div>
          {r.jurisdictionId !== nodeId ? <div className="fz-small fz-muted">{r.jurisdictionName}</div> : null}
        </>
      ),
    },
    {
      title: t('item.deadline'),
      dataIndex: 'deadline',
      width: 120,
      render: (_v, r) => (
        <>
          <span className="fz-mono">{r.deadline}</span>
          <DaysLeft daysLeft={r.daysLeft} light={r.light} />
        </>
      ),
    },
    { title: t('item.status'), dataIndex: 'status', width: 112, render: (_v, r) => <ItemStatusTag status={r.status} /> },
    { title: t('item.light'), dataIndex: 'light', width: 84, render: (_v, r) => <LightBadge light={r.light} daysLeft={r.daysLeft} /> },
    { title: t('item.evidenceCount'), dataIndex: 'evidenceCount', width: 80, align: 'right' },
  ];

  return (
    <KeysetTable<LedgerItem> className="fz-ledger" query={list} columns={columns} rowClassName={(r) => (r.light === 'red' ? 'fz-row-red' : '')} emptyText={t('ledger.empty')} />
  );
}
