import { useEffect } from 'react';
import { Alert, Breadcrumb, Card, Collapse, Progress, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { Link, useParams } from 'react-router';
import { APPLICATION_STATUS_LABELS, APPLICATION_TIMELINE_LABELS } from '@fz/domain';
import { useTRPC } from '../../app/trpc';
import type { ApplicationDetail } from '../../app/trpc';
import { errorMessage } from '../../app/errors';
import { useLang, useT } from '../../i18n';
import { enumLabel } from '../../i18n/labels';
import { ApplicationActions } from './ApplicationActions';
import { ApplicationStatusTag } from './ApplicationStatusTag';
import { IndicatorCard } from './IndicatorCard';
import { ReportsCard } from './ReportsCard';
import { anchorOf, leavesOf, missingLeaves } from './tree';
import type { IndicatorNode } from './tree';
import { Unreachable, isUnreachable, positiveId } from '../../shared/Unreachable';


/** /applications/:id — one participant's 申报: progress and what is missing, every indicator, reports, history. */
export function ApplicationPage() {
  const t = useT();
  const trpc = useTRPC();
  const id = positiveId(useParams().id);
  const app = useQuery(trpc.demonstration.applications.get.queryOptions({ id: id ?? 0 }, { enabled: id !== null }));
  if (id === null || (app.error && isUnreachable(app.error))) return <Unreachable title="app.notFoundTitle" />;
  if (app.error) return <Alert type="error" showIcon title={errorMessage(app.error, t('common.networkError'))} />;
  if (!app.data) return <Skeleton active paragraph={{ rows: 12 }} />;
  return <ApplicationView app={app.data} />;
}

function Section({ app, node }: { app: ApplicationDetail; node: IndicatorNode }) {
  const children = node.children as IndicatorNode[];
  return (
    <div className="fz-ind-group">
      {node.leaf ? (
        <IndicatorCard app={app} node={node} />
      ) : (
        <>
          <div className="fz-ind-group-title">
            <span className="fz-mono">{node.code}</span> {node.name} <span className="fz-small fz-muted">{`${node.extra.subtotal?.self ?? 0} / ${node.totalMax}`}</span>
          </div>
          {children.map((c) => (
            <Section key={c.id} app={app} node={c} />
          ))}
        </>
      )}
    </div>
  );
}

function ApplicationView({ app }: { app: ApplicationDetail }) {
  const t = useT();
  const { lang } = useLang();
  const missing = missingLeaves(app.tree);
  const total = leavesOf(app.tree).length;
  useEffect(() => {
    document.title = `${app.jurisdictionName} ${app.campaign.name} - ${t('app.name')}`;
  }, [app.jurisdictionName, app.campaign.name, t]);

  return (
    <div className="fz-node">
      <Breadcrumb className="fz-breadcrumb" items={[{ key: 'c', title: <Link to={`/campaigns/${app.campaign.id}`}>{app.campaign.name}</Link> }, { key: 'a', title: app.jurisdictionName }]} />
      <div className="fz-node-head">
        <div className="fz-node-title">
          <Typography.Title level={3} className="fz-m-0">
            {`${app.jurisdictionName} · ${app.campaign.name}`}
          </Typography.Title>
          <ApplicationStatusTag status={app.status} />
        </div>
        <ApplicationActions app={app} />
      </div>
      <div className="fz-item-grid fz-mt">
        <div>
          <Card size="small" className="fz-mb" title={t('app.progress')}>
            <Progress percent={app.progress.percent} format={() => t('app.completed', { done: app.progress.completed, total: app.progress.total })} />
            <Space size={24} className="fz-mt-4">
              <span>{t('app.selfScore', { score: app.progress.selfScore, max: app.progress.maxScore })}</span>
              {app.progress.reviewed ? <span>{t('app.reviewedScore', { score: app.progress.reviewedScore })}</span> : null}
              {app.result ? (
                <Tag color={app.result.passes ? 'green' : 'red'}>
                  {`${t('app.finalScore', { score: app.result.finalScore })} · ${app.result.passes ? t('app.passes') : app.result.vetoed ? t('app.vetoed') : t('app.fails')}`}
                </Tag>
              ) : null}
            </Space>
            {app.allowed.assess ? (
              missing.length ? (
                <Alert
                  className="fz-mt"
                  type="warning"
                  showIcon
                  title={t('app.missing', { n: missing.length })}
                  description={
                    <div className="fz-tags" data-testid="missing">
                      {missing.map((n) => (
                        <a key={n.id} href={`#${anchorOf(n)}`} onClick={(e) => {
                          e.preventDefault();
                          document.getElementById(anchorOf(n))?.scrollIntoView({ behavior: 'smooth', block: 'center' });
                        }}>
                          <Tag color="orange">{`${n.code} ${n.name}`}</Tag>
                        </a>
                      ))}
                    </div>
                  }
                />
              ) : (
                <Alert className="fz-mt" type="success" showIcon title={t('app.allDone')} />
              )
            ) : null}
          </Card>
          <Card size="small" className="fz-mb" title={`${t('app.indicators')}(${total})`}>
            <Collapse
              defaultActiveKey={app.tree.filter((n) => missingLeaves([n]).length > 0).map((n) => String(n.id))}
              items={app.tree.map((n) => ({
                key: String(n.id),
                label: (
                  <span>
                    <strong className="fz-mono">{n.code}</strong> {n.name}{' '}
                    <span className="fz-small fz-muted">{`${n.extra.subtotal?.completed ?? 0}/${n.extra.subtotal?.leaves ?? 0} · ${n.extra.subtotal?.self ?? 0}/${n.totalMax}`}</span>
                  </span>
                ),
                children: (n.children as IndicatorNode[]).map((c) => <Section key={c.id} app={app} node={c} />),
              }))}
            />
          </Card>
        </div>
        <div>
          <ReportsCard app={app} />
          <Card size="small" title={t('app.timeline')}>
            <Timeline
              items={app.timeline.map((e) => ({
                key: e.id,
                children: (
                  <div>
                    <strong>{enumLabel(APPLICATION_TIMELINE_LABELS, e.event, lang)}</strong>{' '}
                    {e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus ? (
                      <span className="fz-small fz-muted">{`${enumLabel(APPLICATION_STATUS_LABELS, e.fromStatus, lang)} → ${enumLabel(APPLICATION_STATUS_LABELS, e.toStatus, lang)}`}</span>
                    ) : null}
                    <div className="fz-small fz-muted">{`${dayjs(e.at).format('YYYY-MM-DD HH:mm')} · ${e.actorName ?? ''}${e.actorUnitName ? `(${e.actorUnitName})` : ''}`}</div>
                    {e.reason ? <div className="fz-small fz-prewrap">{`${t('app.reason')}:${e.reason}`}</div> : null}
                    {e.note ? <div className="fz-small fz-prewrap">{e.note}</div> : null}
                  </div>
                ),
              }))}
            />
          </Card>
        </div>
      </div>
    </div>
  );
}
