import { useEffect, useState } from 'react';
import { Alert, App, Button, Descriptions, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import { FileExcelOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useParams, useSearchParams } from 'react-router';
import { INSPECTION_STATUS_LABELS, INSPECTION_TYPE_LABELS, ITEM_STATUSES, ITEM_STATUS_LABELS } from '@fz/domain';
import { useTRPC } from '../../app/trpc';
import type { InspectionDetail } from '../../app/trpc';
import { errorMessage } from '../../app/errors';
import { subjectIn, useAppAbility } from '../../app/ability';
import { useLang, useT } from '../../i18n';
import { enumLabel } from '../../i18n/labels';
import { useMe } from '../auth/session';
import { ExportButton } from './ExportButton';
import { ImportItemsModal } from './ImportItemsModal';
import { ItemCreateModal } from './ItemCreateModal';
import { LedgerFilterBar } from './LedgerFilterBar';
import { LedgerTable } from './LedgerTable';
import { ledgerQueryInput, ledgerSearchParams, parseLedgerFilters } from './ledgerFilters';
import { Unreachable, isUnreachable, positiveId } from '../../shared/Unreachable';


/** /inspections/:id — one inspection: its header, progress by status, and its findings. */
export function InspectionPage() {
  const t = useT();
  const trpc = useTRPC();
  const id = positiveId(useParams().id);
  const detail = useQuery(trpc.inspections.get.queryOptions({ id: id ?? 0 }, { enabled: id !== null }));
  if (id === null || (detail.error && isUnreachable(detail.error))) return <Unreachable title="insp.notFoundTitle" />;
  if (detail.error) return <Alert type="error" showIcon title={errorMessage(detail.error, t('common.networkError'))} />;
  if (!detail.data) return <Skeleton active paragraph={{ rows: 10 }} />;
  return <InspectionView inspection={detail.data} />;
}

function InspectionView({ inspection }: { inspection: InspectionDetail }) {
  const t = useT();
  const { lang } = useLang();
  const me = useMe();
  const ability = useAppAbility();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [dialog, setDialog] = useState<'create' | 'import' | null>(null);
  const filters = { ...parseLedgerFilters(params), inspectionId: inspection.id };
  const input = ledgerQueryInput(filters);
  const canAdd = inspection.status !== 'completed' && inspection.targets.some((x) => ability.can('create', subjectIn('RectificationItem', x.id, { supervisingJurisdictionId: inspection.supervisingJurisdictionId })));
  const total = Object.values(inspection.itemsByStatus).reduce((a, b) => a + b, 0);

  useEffect(() => {
    document.title = `${inspection.title} - ${t('app.name')}`;
  }, [inspection.title, t]);

  return (
    <div className="fz-node">
      <div className="fz-node-head">
        <div className="fz-node-title">
          <Typography.Title level={3} className="fz-m-0">
            {inspection.title}
          </Typography.Title>
          <Tag color="blue">{enumLabel(INSPECTION_TYPE_LABELS, inspection.type, lang)}</Tag>
          <Tag>{enumLabel(INSPECTION_STATUS_LABELS, inspection.status, lang)}</Tag>
        </div>
        {canAdd ? (
          <Space>
            <Button icon={<FileExcelOutlined />} onClick={() => setDialog('import')}>
              {t('insp.import')}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('create')}>
              {t('insp.addItem')}
            </Button>
          </Space>
        ) : null}
      </div>
      <div className="fz-panel fz-mb">
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }}>
          <Descriptions.Item label={t('insp.supervising')}>{inspection.supervisingName}</Descriptions.Item>
          <Descriptions.Item label={t('insp.period')}>
            <span className="fz-mono">{`${inspection.periodStart} ~ ${inspection.periodEnd}`}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('insp.targets')}>{inspection.targets.map((x) => x.name).join('、')}</Descriptions.Item>
          <Descriptions.Item label={t('insp.team')}>{inspection.team || '—'}</Descriptions.Item>
        </Descriptions>
        <div className="fz-stat-row" aria-label={t('insp.byStatus')}>
          <Statistic title={t('insp.itemCount')} value={total} />
          {ITEM_STATUSES.map((s) => (
            <Statistic key={s} title={enumLabel(ITEM_STATUS_LABELS, s, lang)} value={inspection.itemsByStatus[s] ?? 0} />
          ))}
        </div>
      </div>
      <div className="fz-panel">
        <LedgerFilterBar node={me.jurisdiction} filters={filters} showInspection={false} onChange={(f) => setParams(ledgerSearchParams({ ...f, inspectionId: undefined }), { replace: true })} />
        <div className="fz-toolbar fz-toolbar-end">
          <ExportButton input={input} />
        </div>
        <LedgerTable input={input} nodeId={inspection.targets.length === 1 ? inspection.targets[0]?.id : undefined} />
      </div>
      <ItemCreateModal inspection={inspection} open={dialog === 'create'} onClose={() => setDialog(null)} onCreated={(n) => void message.success(t('insp.itemCreated', { number: n }))} />
      <ImportItemsModal inspectionId={inspection.id} open={dialog === 'import'} onClose={() => setDialog(null)} />
    </div>
  );
}
