import { useEffect } from 'react';
import { Alert, App, Button, Descriptions, Popconfirm, Skeleton, Tabs, Tag, Typography } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { PLAN_KIND_LABELS, PLAN_STATUS_LABELS, REPORT_CYCLE_LABELS } from '@fz/domain';
import { useTRPC } from '../../app/trpc';
import type { PlanDetail } from '../../app/trpc';
import { errorMessage } from '../../app/errors';
import { useLang, useT } from '../../i18n';
import { enumLabel } from '../../i18n/labels';
import { PlanCoverage } from './PlanCoverage';
import { PlanGridView } from './PlanGridView';
import { TaskList } from './TaskList';
import { Unreachable, isUnreachable, positiveId } from '../../shared/Unreachable';


/** /plans/:id — a plan: its tasks, and once published who reported (grid) and who took it up below (coverage). */
export function PlanPage() {
  const t = useT();
  const trpc = useTRPC();
  const id = positiveId(useParams().id);
  const plan = useQuery(trpc.plans.get.queryOptions({ id: id ?? 0 }, { enabled: id !== null }));
  if (id === null || (plan.error && isUnreachable(plan.error))) return <Unreachable title="plans.notFoundTitle" tab="plans" />;
  if (plan.error) return <Alert type="error" showIcon title={errorMessage(plan.error, t('common.networkError'))} />;
  if (!plan.data) return <Skeleton active paragraph={{ rows: 10 }} />;
  return <PlanView plan={plan.data} />;
}

function PlanView({ plan }: { plan: PlanDetail }) {
  const t = useT();
  const { lang } = useLang();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const publish = useMutation(trpc.plans.publish.mutationOptions());
  const published = plan.status === 'published';

  useEffect(() => {
    document.title = `${plan.title} - ${t('app.name')}`;
  }, [plan.title, t]);

  const doPublish = async () => {
    try {
      const p = await publish.mutateAsync({ id: plan.id, version: plan.version });
      void message.success(t('plan.published', { n: p.assignmentCount }));
    } catch (e) {
      void message.error(errorMessage(e, t('common.networkError')));
    } finally {
      await queryClient.invalidateQueries({ queryKey: trpc.plans.pathKey() });
    }
  };

  return (
    <div className="fz-node">
      <div className="fz-node-head">
        <div className="fz-node-title">
          <Typography.Title level={3} className="fz-m-0">
            {plan.title}
          </Typography.Title>
          <Tag color="blue">{enumLabel(PLAN_KIND_LABELS, plan.kind, lang)}</Tag>
          <Tag color={published ? 'green' : 'default'}>{enumLabel(PLAN_STATUS_LABELS, plan.status, lang)}</Tag>
        </div>
        {plan.allowed.publish && !published ? (
          <Popconfirm title={t('plan.publishConfirm')} okText={t('plan.publish')} cancelText={t('common.cancel')} onConfirm={() => doPublish()}>
            <Button type="primary" icon={<SendOutlined />} loading={publish.isPending}>
              {t('plan.publish')}
            </Button>
          </Popconfirm>
        ) : null}
      </div>
      <Descriptions size="small" className="fz-mb" column={{ xs: 1, md: 2, xl: 4 }}>
        <Descriptions.Item label={t('plans.issuer')}>{plan.issuerName}</Descriptions.Item>
        <Descriptions.Item label={t('plans.period')}>
          <span className="fz-mono">{`${plan.periodStart} ~ ${plan.periodEnd}`}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('plans.cycle')}>{enumLabel(REPORT_CYCLE_LABELS, plan.reportCycle, lang)}</Descriptions.Item>
        <Descriptions.Item label={t('plans.taskCount')}>{plan.tasks.length}</Descriptions.Item>
      </Descriptions>
      {!published ? <Alert className="fz-mb" type="info" showIcon title={t('plan.draftHint')} /> : null}
      <Tabs
        items={[
          { key: 'tasks', label: t('plan.sections'), children: <TaskList tasks={plan.tasks} sections={plan.sections} issuerId={plan.jurisdictionId} /> },
          ...(published
            ? [
                { key: 'grid', label: t('plan.grid'), children: <PlanGridView planId={plan.id} canRemind={plan.allowed.remind} /> },
                { key: 'coverage', label: t('plan.coverage'), children: <PlanCoverage planId={plan.id} /> },
              ]
            : []),
        ]}
      />
    </div>
  );
}
