import { useEffect } from 'react';
import { Alert, Breadcrumb, Button, Result, Skeleton, Tabs, Tag, Typography } from 'antd';
import { ApartmentOutlined, BankOutlined, HomeOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, Navigate, Outlet, useLocation, useNavigate, useParams } from 'react-router';
import { childLevel } from '@fz/domain';
import { useTRPC } from '../../app/trpc';
import type { JurisdictionDetail } from '../../app/trpc';
import { errorCode, errorMessage } from '../../app/errors';
import { subjectIn, useAppAbility } from '../../app/ability';
import { useLang, useT } from '../../i18n';
import type { MessageKey } from '../../i18n';
import { levelLabel } from '../../i18n/labels';
import { LevelTag } from '../../shared/LevelTag';
import { useMe } from '../auth/session';
import { parseJurisdictionId } from './tree';
import type { NodeOutletContext } from './nodeContext';
import { MyApplicationBanner } from '../demonstration/MyApplicationBanner';

const TABS = ['', 'children', 'items', 'inspections', 'plans', 'metrics', 'annual-reports', 'demo', 'units', 'users', 'audit'] as const;
type Tab = (typeof TABS)[number];
const TAB_LABEL: Record<Tab, MessageKey> = { '': 'tab.dashboard', children: 'tab.children', items: 'tab.items', inspections: 'tab.inspections', plans: 'tab.plans', metrics: 'tab.metrics', 'annual-reports': 'tab.annualReports', demo: 'tab.demo', units: 'tab.units', users: 'tab.users', audit: 'tab.audit' };

function currentTab(pathname: string): Tab {
  const seg = /^\/j\/\d+\/([a-z-]+)/.exec(pathname)?.[1] ?? '';
  return (TABS as readonly string[]).includes(seg) ? (seg as Tab) : '';
}

/** One jurisdiction: where it sits, what it holds, and tabs for its subdivisions, units, users, audit log. */
export function JurisdictionPage() {
  const t = useT();
  const trpc = useTRPC();
  const params = useParams();
  const id = parseJurisdictionId(params.id);
  const detail = useQuery(trpc.jurisdictions.get.queryOptions({ id: id ?? 0 }, { enabled: id !== null }));

  if (id === null) return <Inaccessible />;
  if (detail.error) {
    const code = errorCode(detail.error);
    if (code === 'NOT_FOUND' || code === 'FORBIDDEN' || code === 'BAD_REQUEST') return <Inaccessible />;
    return <Alert type="error" showIcon title={errorMessage(detail.error, t('common.networkError'))} action={<Button onClick={() => void detail.refetch()}>{t('common.retry')}</Button>} />;
  }
  if (!detail.data) return <Skeleton active paragraph={{ rows: 8 }} />;
  return <NodeView node={detail.data} />;
}

function NodeView({ node }: { node: JurisdictionDetail }) {
  const t = useT();
  const me = useMe();
  const { lang } = useLang();
  const ability = useAppAbility();
  const navigate = useNavigate();
  const location = useLocation();
  const tab = currentTab(location.pathname);
  const below = childLevel(node.level);
  const appName = t('app.name');

  useEffect(() => {
    document.title = `${node.name} - ${appName}`;
    return () => {
      document.title = appName;
    };
  }, [node.name, appName]);

  const visible: Record<Tab, boolean> = {
    // A township has no subdivisions: its page opens on its units.
    '': below !== null && ability.can('read', subjectIn('RectificationItem', node.id)),
    children: below !== null,
    items: ability.can('read', subjectIn('RectificationItem', node.id)),
    inspections: ability.can('read', subjectIn('Inspection', node.id)),
    plans: ability.can('read', subjectIn('Plan', node.id)),
    metrics: ability.can('read', subjectIn('MetricValue', node.id)),
    'annual-reports': ability.can('read', subjectIn('AnnualReport', node.id)),
    demo: ability.can('read', subjectIn('Campaign', node.id)),
    units: ability.can('read', subjectIn('Unit', node.id)),
    users: ability.can('read', subjectIn('User', node.id)),
    audit: ability.can('read', 'AuditLog'),
  };
  const tabs = TABS.filter((k) => visible[k]).map((k) => ({
    key: k,
    label: k === 'children' ? t('tab.withCount', { label: t(TAB_LABEL[k]), n: node.childCount }) : k === 'units' ? t('tab.withCount', { label: t(TAB_LABEL[k]), n: node.unitCount }) : t(TAB_LABEL[k]),
  }));
  const context: NodeOutletContext = { node };

  return (
    <div className="fz-node">
      <Breadcrumb
        className="fz-breadcrumb"
        aria-label={t('node.breadcrumb')}
        items={node.ancestors.map((a, i) =>
          i === node.ancestors.length - 1
            ? { key: a.id, title: a.name }
            : { key: a.id, title: <Link to={`/j/${a.id}${tab ? `/${tab}` : ''}`}>{i === 0 ? <HomeOutlined className="fz-mr-4" /> : null}{a.name}</Link> },
        )}
      />
      <div className="fz-node-head">
        <div className="fz-node-title">
          <Typography.Title level={3} className="fz-m-0">
            {node.name}
          </Typography.Title>
          <LevelTag level={node.level} />
          {node.kind === 'development_zone' ? <Tag>{t('jkind.development_zone')}</Tag> : null}
          <Typography.Text type="secondary" className="fz-node-code">
            {t('node.code')} {node.code}
          </Typography.Text>
        </div>
        <dl className="fz-node-stats">
          <div>
            <dt>
              <ApartmentOutlined /> {t('node.childCount')}
            </dt>
            <dd data-testid="child-count">
              {node.childCount}
              {below && node.childCount > 0 ? <small> {levelLabel(below, lang)}</small> : null}
            </dd>
          </div>
          <div>
            <dt>
              <BankOutlined /> {t('node.unitCount')}
            </dt>
            <dd data-testid="unit-count">{node.unitCount}</dd>
          </div>
        </dl>
      </div>
      {node.id === me.jurisdiction.id ? <MyApplicationBanner jurisdictionId={node.id} /> : null}
      <Tabs className="fz-tabs" activeKey={tab} items={tabs} onChange={(k) => void navigate(`/j/${node.id}${k ? `/${k}` : ''}`)} />
      {visible[tab] ? (
        <Outlet context={context} />
      ) : tab === '' && visible.units ? (
        <Navigate to={`/j/${node.id}/units`} replace />
      ) : (
        <Result status="403" subTitle={t('tab.noPermission')} />
      )}
    </div>
  );
}

/** Deliberately the same for "does not exist" and "not yours": a sibling's existence is not disclosed. */
function Inaccessible() {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  return (
    <Result
      className="fz-node"
      status="403"
      title={t('node.inaccessibleTitle')}
      subTitle={t('node.inaccessibleHint')}
      extra={
        <Button type="primary" onClick={() => void navigate(`/j/${me.jurisdiction.id}`)}>
          {t('common.backHome')}
        </Button>
      }
    />
  );
}
