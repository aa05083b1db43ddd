import { useEffect } from 'react';
import { Alert, Breadcrumb, Descriptions, Progress, Skeleton, Statistic, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTRPC } from '../../app/trpc';
import type { CampaignBoard } from '../../app/trpc';
import { errorMessage } from '../../app/errors';
import { useT } from '../../i18n';
import { ApplicationStatusTag } from './ApplicationStatusTag';
import { ShareBadge } from './ShareBadge';
import { Unreachable, isUnreachable, positiveId } from '../../shared/Unreachable';

type Row = CampaignBoard['rows'][number];
const score = (n: number | null) => (n === null ? '—' : n.toFixed(1).replace(/\.0$/, ''));

/** /campaigns/:id?node= — the progress board of a campaign at a node: the share against the target, one row per participant. */
export function CampaignPage() {
  const t = useT();
  const trpc = useTRPC();
  const id = positiveId(useParams().id);
  const [params] = useSearchParams();
  const node = positiveId(params.get('node')) ?? undefined;
  const board = useQuery(trpc.demonstration.campaigns.board.queryOptions({ id: id ?? 0, jurisdictionId: node }, { enabled: id !== null }));
  if (id === null || (board.error && isUnreachable(board.error))) return <Unreachable title="demo.notFoundTitle" tab="demo" />;
  if (board.error) return <Alert type="error" showIcon title={errorMessage(board.error, t('common.networkError'))} />;
  if (!board.data) return <Skeleton active paragraph={{ rows: 10 }} />;
  return <Board board={board.data} />;
}

function Board({ board }: { board: CampaignBoard }) {
  const t = useT();
  const { campaign, summary, node } = board;
  useEffect(() => {
    document.title = `${campaign.name} - ${t('app.name')}`;
  }, [campaign.name, t]);
  return (
    <div className="fz-node">
      <Breadcrumb className="fz-breadcrumb" items={[{ key: 'n', title: <Link to={`/j/${node.id}/demo`}>{node.name}</Link> }, { key: 'c', title: campaign.name }]} />
      <div className="fz-node-head">
        <div className="fz-node-title">
          <Typography.Title level={3} className="fz-m-0">
            {campaign.name}
          </Typography.Title>
          <Tag color="blue">{campaign.year}</Tag>
        </div>
      </div>
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }} className="fz-mb">
        <Descriptions.Item label={t('demo.owner')}>{campaign.ownerName}</Descriptions.Item>
        <Descriptions.Item label={t('demo.target')}>{`${campaign.target.numerator}/${campaign.target.denominator}`}</Descriptions.Item>
        <Descriptions.Item label={t('demo.passLine')}>{campaign.passLine}</Descriptions.Item>
        <Descriptions.Item label={t('demo.submitDeadline')}>
          <span className="fz-mono">{campaign.submitDeadline}</span>
        </Descriptions.Item>
      </Descriptions>
      <div className="fz-kpis fz-mb">
        <div className="fz-kpi fz-kpi-main">
          <div className="fz-kpi-label">{`${node.name} · ${t('demo.boardNamed')}`}</div>
          <ShareBadge share={summary.named} />
          <Progress percent={summary.named.percent} showInfo={false} strokeColor={summary.named.meetsTarget ? '#52c41a' : '#1c4fa0'} />
        </div>
        <div className="fz-kpi">
          <div className="fz-kpi-label">{t('demo.boardOnTrack')}</div>
          <ShareBadge share={summary.onTrack} />
        </div>
        <Statistic title={t('demo.participants')} value={summary.total} />
        <Statistic title={t('demo.vetoHits')} value={summary.vetoHits} />
        <Statistic title={t('demo.overdue')} value={summary.submissionOverdue + summary.reviewOverdue} />
      </div>
      <Table<Row>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={board.rows}
        columns={[
          { title: t('board.participant'), key: 'p', width: 160, render: (_v, r) => <Link to={`/applications/${r.id}`}>{r.jurisdictionName}</Link> },
          { title: t('board.status'), key: 's', width: 100, render: (_v, r) => <ApplicationStatusTag status={r.status} /> },
          { title: t('board.completion'), key: 'c', width: 180, render: (_v, r) => <Progress size="small" percent={r.completionPercent} format={() => `${r.completed}/${r.total}`} /> },
          { title: t('board.self'), key: 'self', width: 110, align: 'right', render: (_v, r) => `${score(r.selfScore)} / ${score(r.maxScore)}` },
          { title: t('board.reviewed'), key: 'rev', width: 80, align: 'right', render: (_v, r) => (r.reviewedCount ? score(r.reviewedScore) : '—') },
          { title: t('board.final'), key: 'fin', width: 80, align: 'right', render: (_v, r) => score(r.finalScore) },
          { title: t('board.veto'), key: 'v', width: 70, align: 'right', render: (_v, r) => (r.vetoHits ? <span className="fz-text-red">{r.vetoHits}</span> : 0) },
          { title: t('board.onTrack'), key: 'o', width: 80, render: (_v, r) => (r.onTrack ? <Tag color="green">{t('board.yes')}</Tag> : null) },
          { title: t('board.lastReport'), key: 'l', width: 110, render: (_v, r) => <span className="fz-mono fz-small">{r.lastReportAt ? r.lastReportAt.slice(0, 10) : '—'}</span> },
        ]}
      />
    </div>
  );
}
