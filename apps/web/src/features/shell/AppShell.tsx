import { Layout, Tooltip } from 'antd';
import { Link, Outlet, useLocation, useMatch, useNavigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { ROLES } from '@fz/domain';
import { useTRPC } from '../../app/trpc';
import { useLang, useT } from '../../i18n';
import { roleLabel } from '../../i18n/labels';
import { Emblem } from '../../shared/Emblem';
import { LanguageSwitch } from '../../shared/LanguageSwitch';
import { useMe } from '../auth/session';
import { UserMenu } from './UserMenu';
import { NoticeBell } from '../notices/NoticeBell';
import { MyTasksLink } from '../plans/MyTasksLink';
import { JurisdictionTree } from './JurisdictionTree';
import { JurisdictionSearch } from './JurisdictionSearch';
import { parseJurisdictionId } from './tree';

/** The signed-in frame: product header, jurisdiction navigator on the left, the node on the right. */
export function AppShell() {
  const t = useT();
  const { lang } = useLang();
  const me = useMe();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const location = useLocation();
  const match = useMatch('/j/:id/*');
  const selectedId = parseJurisdictionId(match?.params.id);
  const detail = useQuery(trpc.jurisdictions.get.queryOptions({ id: selectedId ?? 0 }, { enabled: selectedId !== null }));

  const roles = [...me.roles].sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b)).map((r) => roleLabel(r, lang));
  const scope = `${me.jurisdiction.name} · ${roles.join(lang === 'zh-CN' ? '、' : ', ')}`;
  const chainTitle = me.ancestors.map((a) => a.name).join(' / ');

  /** Keeps the open tab (单位/用户/操作日志) when moving to another node. */
  const goTo = (id: number) => {
    const tab = /^\/j\/\d+\/(children|items|inspections|plans|metrics|annual-reports|demo|units|users|audit)/.exec(location.pathname)?.[1];
    void navigate(tab ? `/j/${id}/${tab}` : `/j/${id}`);
  };

  return (
    <Layout className="fz-shell">
      <Layout.Header className="fz-header">
        <Link className="fz-brand" to={`/j/${me.jurisdiction.id}`}>
          <Emblem size={30} />
          <span className="fz-brand-name">{t('app.name')}</span>
        </Link>
        <div className="fz-header-right">
          <Tooltip title={`${t('shell.scope')}:${chainTitle}`}>
            <span className="fz-scope" data-testid="scope">
              {scope}
            </span>
          </Tooltip>
          <MyTasksLink />
          <NoticeBell />
          <LanguageSwitch onDark />
          <UserMenu />
        </div>
      </Layout.Header>
      <Layout className="fz-body">
        <Layout.Sider width={300} theme="light" className="fz-sider">
          <div className="fz-sider-title">{t('shell.navigator')}</div>
          <JurisdictionSearch onPick={goTo} />
          <div className="fz-sider-tree">
            <JurisdictionTree selectedId={selectedId} selectedChain={detail.data?.ancestors} selectedHasChildren={(detail.data?.childCount ?? 0) > 0} onSelect={goTo} />
          </div>
        </Layout.Sider>
        <Layout.Content className="fz-content">
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
