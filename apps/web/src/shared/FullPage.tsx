import { Button, Result, Spin } from 'antd';
import { useT } from '../i18n';
import { errorMessage } from '../app/errors';

export function FullPageSpin() {
  const t = useT();
  return (
    <div className="fz-fullpage" role="status" aria-live="polite">
      <Spin size="large" description={t('common.loading')} />
    </div>
  );
}

export function FullPageError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const t = useT();
  return (
    <div className="fz-fullpage">
      <Result
        status="warning"
        title={errorMessage(error, t('common.networkError'))}
        extra={
          <Button type="primary" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        }
      />
    </div>
  );
}
