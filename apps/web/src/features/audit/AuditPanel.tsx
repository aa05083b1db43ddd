import { useState } from 'react';
import { Select, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useInfiniteQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTRPC } from '../../app/trpc';
import type { AuditItem } from '../../app/trpc';
import { TIMELINE_LABELS } from '@fz/domain';
import { isMessageKey, useLang, useT } from '../../i18n';
import type { Lang } from '../../i18n';
import { enumLabel } from '../../i18n/labels';
import type { TFunction } from '../../i18n';
import { KeysetTable } from '../../shared/KeysetTable';
import { useNode } from '../shell/nodeContext';
import { AuditDiff } from './AuditDiff';

const PAGE_SIZE = 50;
const ACTIONS = [
  'auth.login',
  'auth.changePassword',
  'unit.create',
  'unit.update',
  'user.create',
  'user.deactivate',
  'user.resetPassword',
  'inspection.create',
  'item.create',
  'item.import',
  'item.export',
  'item.close',
  'item.return',
  'item.flag',
  'item.overdue',
  'notice.send',
  'notice.reply',
] as const;
const SUBJECTS = ['Unit', 'User', 'Inspection', 'RectificationItem', 'Notice', 'LightRule'] as const;

/**
 * A known action or subject type gets its label; anything newer shows its code. Item actions
 * are `item.<event>` for every lifecycle event and edit: their words come from the timeline's.
 */
function label(t: TFunction, prefix: 'action' | 'subject', code: string, lang: Lang): string {
  const key = `${prefix}.${code}`;
  if (isMessageKey(key)) return t(key);
  if (prefix === 'action' && code.startsWith('item.')) return t('audit.itemAction', { label: enumLabel(TIMELINE_LABELS, code.slice(5), lang) });
  return code;
}

export function AuditPanel() {
  const t = useT();
  const { lang } = useLang();
  const trpc = useTRPC();
  const node = useNode();
  const [action, setAction] = useState<string | undefined>();
  const [subjectType, setSubjectType] = useState<string | undefined>();

  const list = useInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions(
      { jurisdictionId: node.id, action, subjectType, limit: PAGE_SIZE },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  );

  const columns: TableColumnsType<AuditItem> = [
    { title: t('audit.at'), dataIndex: 'at', width: 190, className: 'fz-nowrap', render: (_v, r) => <span className="fz-mono">{dayjs(r.at).format('YYYY-MM-DD HH:mm:ss')}</span> },
    { title: t('audit.actor'), dataIndex: 'actorUsername', width: 140, render: (_v, r) => <span className="fz-mono">{r.actorUsername}</span> },
    { title: t('audit.action'), dataIndex: 'action', width: 140, render: (_v, r) => label(t, 'action', r.action, lang) },
    {
      title: t('audit.subject'),
      key: 'subject',
      render: (_v, r) => (
        <span>
          {label(t, 'subject', r.subjectType, lang)}
          {r.subjectId ? <span className="fz-muted fz-mono"> #{r.subjectId}</span> : null}
        </span>
      ),
    },
    {
      title: t('audit.requestId'),
      dataIndex: 'requestId',
      width: 200,
      render: (_v, r) =>
        r.requestId ? (
          <Typography.Text className="fz-mono fz-small" type="secondary" copyable={{ text: r.requestId }}>
            {r.requestId.slice(0, 8)}
          </Typography.Text>
        ) : null,
    },
  ];

  return (
    <div className="fz-panel">
      <div className="fz-toolbar">
        <Select
          allowClear
          className="fz-w-180"
          aria-label={t('audit.filterAction')}
          placeholder={t('audit.filterAction')}
          value={action}
          onChange={(v: string | undefined) => setAction(v)}
          options={ACTIONS.map((a) => ({ value: a, label: label(t, 'action', a, lang) }))}
        />
        <Select
          allowClear
          className="fz-w-160"
          aria-label={t('audit.filterSubject')}
          placeholder={t('audit.filterSubject')}
          value={subjectType}
          onChange={(v: string | undefined) => setSubjectType(v)}
          options={SUBJECTS.map((s) => ({ value: s, label: label(t, 'subject', s, lang) }))}
        />
      </div>
      <KeysetTable<AuditItem>
        query={list}
        columns={columns}
        emptyText={t('audit.empty')}
        expandable={{
          rowExpandable: (r) => r.before !== null || r.after !== null,
          expandedRowRender: (r) => <AuditDiff before={r.before} after={r.after} />,
        }}
      />
    </div>
  );
}
