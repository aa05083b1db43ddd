import { Button, Result } from 'antd';
import { Navigate, Route, Routes, useNavigate } from 'react-router';
import { useT } from '../i18n';
import { LoginPage } from '../features/auth/LoginPage';
import { RequireAuth, useMe } from '../features/auth/session';
import { AppShell } from '../features/shell/AppShell';
import { JurisdictionPage } from '../features/shell/JurisdictionPage';
import { ChildrenPanel } from '../features/shell/ChildrenPanel';
import { UnitsPanel } from '../features/units/UnitsPanel';
import { UsersPanel } from '../features/users/UsersPanel';
import { AuditPanel } from '../features/audit/AuditPanel';
import { LedgerPanel } from '../features/rectification/LedgerPanel';
import { InspectionsPanel } from '../features/rectification/InspectionsPanel';
import { InspectionPage } from '../features/rectification/InspectionPage';
import { ItemPage } from '../features/rectification/item/ItemPage';
import { NoticesPage } from '../features/notices/NoticesPage';
import { PlansPanel } from '../features/plans/PlansPanel';
import { PlanImportPage } from '../features/plans/PlanImportPage';
import { PlanPage } from '../features/plans/PlanPage';
import { AssignmentsPage } from '../features/plans/AssignmentsPage';
import { DemoPanel } from '../features/demonstration/DemoPanel';
import { CampaignPage } from '../features/demonstration/CampaignPage';
import { ApplicationPage } from '../features/demonstration/ApplicationPage';
import { StandardPage } from '../features/demonstration/StandardPage';
import { DashboardPanel } from '../features/dashboard/DashboardPanel';
import { FailedJobsPage } from '../features/system/FailedJobsPage';
import { OnboardingPage } from '../features/onboarding/OnboardingPage';
import { MetricsPanel } from '../features/metrics/MetricsPanel';
import { AnnualReportsPanel } from '../features/annual-reports/AnnualReportsPanel';
import { AnnualReportPage } from '../features/annual-reports/AnnualReportPage';

/** URLs: /j/:id (dashboard), /j/:id/{children,items,inspections,plans,metrics,annual-reports,demo,units,users,audit}, /annual-reports/:id, /inspections/:id, /items/:id, /plans/:id, /notices, /tasks, /campaigns/:id, /applications/:id. */
export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        element={
          <RequireAuth>
            <AppShell />
          </RequireAuth>
        }
      >
        <Route index element={<Home />} />
        <Route path="j/:id" element={<JurisdictionPage />}>
          <Route index element={<DashboardPanel />} />
          <Route path="children" element={<ChildrenPanel />} />
          <Route path="units" element={<UnitsPanel />} />
          <Route path="users" element={<UsersPanel />} />
          <Route path="users/import" element={<OnboardingPage />} />
          <Route path="items" element={<LedgerPanel />} />
          <Route path="inspections" element={<InspectionsPanel />} />
          <Route path="plans" element={<PlansPanel />} />
          <Route path="plans/import" element={<PlanImportPage />} />
          <Route path="metrics" element={<MetricsPanel />} />
          <Route path="annual-reports" element={<AnnualReportsPanel />} />
          <Route path="demo" element={<DemoPanel />} />
          <Route path="audit" element={<AuditPanel />} />
        </Route>
        <Route path="inspections/:id" element={<InspectionPage />} />
        <Route path="items/:id" element={<ItemPage />} />
        <Route path="notices" element={<NoticesPage />} />
        <Route path="plans/:id" element={<PlanPage />} />
        <Route path="tasks" element={<AssignmentsPage />} />
        <Route path="campaigns/:id" element={<CampaignPage />} />
        <Route path="applications/:id" element={<ApplicationPage />} />
        <Route path="standards/:id" element={<StandardPage />} />
        <Route path="annual-reports/:id" element={<AnnualReportPage />} />
        <Route path="system/jobs" element={<FailedJobsPage />} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

function Home() {
  const me = useMe();
  return <Navigate to={`/j/${me.jurisdiction.id}`} replace />;
}

function NotFound() {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={t('common.notFoundPage')}
      extra={
        <Button type="primary" onClick={() => void navigate(`/j/${me.jurisdiction.id}`)}>
          {t('common.backHome')}
        </Button>
      }
    />
  );
}
