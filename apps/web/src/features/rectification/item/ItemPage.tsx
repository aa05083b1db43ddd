import { useEffect } from 'react';
import { Alert, Breadcrumb, Button, Card, Descriptions, Skeleton, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { Link, useParams } from 'react-router';
import { INSPECTION_TYPE_LABELS, ITEM_CATEGORY_LABELS } from '@fz/domain';
import { useTRPC } from '../../../app/trpc';
import type { ItemDetail } from '../../../app/trpc';
import { errorMessage } from '../../../app/errors';
import { useLang, useT } from '../../../i18n';
import { enumLabel } from '../../../i18n/labels';
import { DaysLeft, FlagTag, ItemStatusTag, LightBadge } from '../ItemTags';
import { EvidenceCard } from './EvidenceCard';
import { ItemActions } from './ItemActions';
import { ItemTimeline } from './ItemTimeline';
import { MeasuresCard } from './MeasuresCard';
import { NoticesCard } from './NoticesCard';
import { Unreachable, isUnreachable, positiveId } from '../../../shared/Unreachable';


/** /items/:id — one rectification item: what was found, what is done, the evidence, the history. */
export function ItemPage() {
  const t = useT();
  const trpc = useTRPC();
  const id = positiveId(useParams().id);
  const item = useQuery(trpc.items.get.queryOptions({ id: id ?? 0 }, { enabled: id !== null }));
  if (id === null || (item.error && isUnreachable(item.error))) return <Unreachable title="item.notFoundTitle" tab="items" hint />;
  if (item.error) return <Alert type="error" showIcon title={errorMessage(item.error, t('common.networkError'))} action={<Button onClick={() => void item.refetch()}>{t('common.retry')}</Button>} />;
  if (!item.data) return <Skeleton active paragraph={{ rows: 12 }} />;
  return <ItemView item={item.data} />;
}

function ItemView({ item }: { item: ItemDetail }) {
  const t = useT();
  const { lang } = useLang();

  useEffect(() => {
    document.title = `${item.number} - ${t('app.name')}`;
  }, [item.number, t]);

  return (
    <div className="fz-node fz-item">
      <Breadcrumb
        className="fz-breadcrumb"
        items={[
          { key: 'ledger', title: <Link to={`/j/${item.jurisdictionId}/items`}>{t('ledger.title')}</Link> },
          item.inspection ? { key: 'insp', title: <Link to={`/inspections/${item.inspectionId}`}>{item.inspection.title}</Link> } : { key: 'insp', title: item.jurisdictionName },
          { key: 'item', title: item.number },
        ]}
      />
      <div className="fz-item-head">
        <div className="fz-node-title">
          <Typography.Title level={4} className="fz-m-0">
            <span className="fz-mono fz-item-number">{item.number}</span>
          </Typography.Title>
          <ItemStatusTag status={item.status} />
          <LightBadge light={item.light} daysLeft={item.daysLeft} />
          {item.flagged ? <FlagTag reason={item.flagReason} /> : null}
        </div>
        <Typography.Paragraph className="fz-item-problem fz-prewrap">{item.problem}</Typography.Paragraph>
        <div className="fz-item-actions" aria-label={t('item.actions')}>
          <ItemActions item={item} />
        </div>
      </div>
      {item.pendingExtension ? (
        <Alert
          className="fz-mb"
          type="warning"
          showIcon
          title={t('item.pendingExtension', { date: item.pendingExtension.newDeadline })}
          description={item.pendingExtension.reason ? t('item.pendingExtensionReason', { reason: item.pendingExtension.reason }) : undefined}
        />
      ) : null}
      <div className="fz-item-grid">
        <div>
          <Card size="small" title={t('item.details')} className="fz-mb">
            <Descriptions size="small" column={2} bordered>
              <Descriptions.Item label={t('item.inspection')} span={2}>
                {item.inspection ? (
                  <>
                    <Link to={`/inspections/${item.inspectionId}`}>{item.inspection.title}</Link> <Tag>{enumLabel(INSPECTION_TYPE_LABELS, item.inspection.type ?? '', lang)}</Tag>
                  </>
                ) : (
                  <span className="fz-muted">{t('item.delegatedHint')}</span>
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('item.supervising')}>{item.inspection?.supervisingName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('item.category')}>{enumLabel(ITEM_CATEGORY_LABELS, item.category, lang)}</Descriptions.Item>
              <Descriptions.Item label={t('item.jurisdiction')}>{item.jurisdictionName}</Descriptions.Item>
              <Descriptions.Item label={t('item.unit')}>{item.unitName ?? <span className="fz-muted">{t('item.noUnit')}</span>}</Descriptions.Item>
              <Descriptions.Item label={t('item.deadline')}>
                <span className="fz-mono">{item.deadline}</span>
                <DaysLeft daysLeft={item.daysLeft} light={item.light} />
              </Descriptions.Item>
              <Descriptions.Item label={item.closedAt ? t('item.closedAt') : t('item.originalDeadline')}>
                <span className="fz-mono">{item.closedAt ? dayjs(item.closedAt).format('YYYY-MM-DD HH:mm') : item.originalDeadline}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('item.requirement')} span={2}>
                <span className="fz-prewrap">{item.requirement}</span>
              </Descriptions.Item>
              {item.flagged && item.flagReason ? (
                <Descriptions.Item label={t('item.flagReason')} span={2}>
                  {item.flagReason}
                </Descriptions.Item>
              ) : null}
            </Descriptions>
          </Card>
          <MeasuresCard item={item} />
          <EvidenceCard item={item} />
        </div>
        <div>
          <NoticesCard item={item} />
          <ItemTimeline item={item} />
        </div>
      </div>
    </div>
  );
}
