import { Alert, App, Button, Card, Progress, Result, Skeleton, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { ONBOARDING_RUNNING } from '@fz/domain';
import type { OnboardingStatus } from '@fz/domain';
import { useTRPC } from '../../app/trpc';
import type { RouterOutputs } from '../../app/trpc';
import { errorMessage } from '../../app/errors';
import { useLang, useT } from '../../i18n';
import { CredentialsButton } from './CredentialsButton';
import { ImportErrors } from './ImportErrors';
import { downloadErrors } from './api';

export type ImportView = RouterOutputs['onboarding']['get'];

/** How often the page asks while the job runs. */
const POLL_MS = 1_000;

const running = (s: OnboardingStatus) => ONBOARDING_RUNNING.includes(s);

/** One import: a progress bar with its phase while the job runs, then the result (counts and passwords, or every error). */
export function ImportStatus({ id }: { id: number }) {
  const t = useT();
  const trpc = useTRPC();
  const query = useQuery(trpc.onboarding.get.queryOptions({ id }, { refetchInterval: (q) => (q.state.data && !running(q.state.data.status) ? false : POLL_MS) }));
  const view = query.data;
  return (
    <Card title={t('onboarding.current')} size="small" className="fz-mb" data-testid="onboarding-status">
      {query.error && !view ? <Alert type="error" showIcon title={errorMessage(query.error, t('common.networkError'))} /> : null}
      {!view ? query.isPending ? <Skeleton active paragraph={{ rows: 2 }} /> : null : running(view.status) ? <Running view={view} /> : view.status === 'succeeded' ? <Succeeded view={view} /> : <Failed view={view} />}
    </Card>
  );
}

function Running({ view }: { view: ImportView }) {
  const t = useT();
  const { lang } = useLang();
  const n = (x: number) => x.toLocaleString(lang);
  const percent = view.totalRows > 0 ? Math.floor((view.processedRows / view.totalRows) * 100) : 0;
  const phase =
    view.status === 'queued'
      ? t('onboarding.phase.queued')
      : t(view.status === 'validating' ? 'onboarding.phase.validating' : 'onboarding.phase.importing', { done: n(view.processedRows), total: n(view.totalRows) });
  return (
    <div>
      <Typography.Text strong>{view.fileName}</Typography.Text>
      <Progress percent={percent} status="active" data-testid="onboarding-progress" />
      <Typography.Text data-testid="onboarding-phase">{phase}</Typography.Text>
      {view.status === 'importing' ? <Typography.Paragraph type="secondary" className="fz-mt-4 fz-mb-0">{t('onboarding.phase.importingHint')}</Typography.Paragraph> : null}
    </div>
  );
}

function Succeeded({ view }: { view: ImportView }) {
  const t = useT();
  const { lang } = useLang();
  return (
    <>
      <Result
        status="success"
        className="fz-onboarding-result"
        title={t('onboarding.succeeded', { units: view.unitsCreated.toLocaleString(lang), users: view.usersCreated.toLocaleString(lang) })}
        subTitle={`${view.fileName} · ${t('onboarding.sheetRows', { units: view.unitRows.toLocaleString(lang), users: view.userRows.toLocaleString(lang) })}`}
      />
      <CredentialsButton view={view} />
    </>
  );
}

function Failed({ view }: { view: ImportView }) {
  const t = useT();
  const cut = view.errorCount > view.errors.length ? t('onboarding.failedCut', { n: view.errors.length }) : '';
  return (
    <div>
      <Alert className="fz-mb" type="error" showIcon title={view.failure ?? `${t('onboarding.failedRows', { n: view.errorCount })}${cut}`} description={view.fileName} data-testid="onboarding-failed" />
      {view.errors.length > 0 ? <ImportErrors errors={view.errors} extra={<ErrorsButton id={view.id} />} /> : null}
    </div>
  );
}

function ErrorsButton({ id }: { id: number }) {
  const t = useT();
  const { message } = App.useApp();
  const download = () => downloadErrors(id, t('common.networkError')).catch((e: unknown) => void message.error(e instanceof Error ? e.message : t('common.networkError')));
  return (
    <Button icon={<DownloadOutlined />} onClick={() => void download()}>
      {t('onboarding.errors.download')}
    </Button>
  );
}
