import { useState } from 'react';
import { Alert, App, Button, Card, Col, Result, Row, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { ONBOARDING_MAX_BYTES } from '@fz/domain';
import { useTRPC } from '../../app/trpc';
import { subjectIn, useAppAbility } from '../../app/ability';
import { useT } from '../../i18n';
import { useNode } from '../shell/nodeContext';
import { downloadTemplate, uploadOnboardingFile } from './api';
import { ImportHistory } from './ImportHistory';
import { ImportStatus } from './ImportStatus';

/**
 * /j/:id/users/import — 批量导入单位和用户: the chosen import's progress and result (polled) on
 * top, the template and the upload, and the jurisdiction's previous imports. Upload for the
 * node's own admins; the history for whoever may read it (admins of the node and above).
 */
export function OnboardingPage() {
  const t = useT();
  const node = useNode();
  const ability = useAppAbility();
  const [params, setParams] = useSearchParams();
  const selected = Number(params.get('import')) || null;
  const select = (id: number) => setParams({ import: String(id) });
  const canUpload = ability.can('create', subjectIn('OnboardingImport', node.id));
  const canRead = ability.can('read', subjectIn('OnboardingImport', node.id));

  if (!canRead) return <Result status="403" subTitle={t('onboarding.noPermission')} />;
  return (
    <div className="fz-panel">
      <Typography.Title level={4}>{t('onboarding.title')}</Typography.Title>
      {selected ? <ImportStatus key={selected} id={selected} /> : null}
      {canUpload ? <UploadCard onUploaded={select} /> : null}
      <ImportHistory jurisdictionId={node.id} selected={selected} onSelect={select} />
    </div>
  );
}

function UploadCard({ onUploaded }: { onUploaded: (id: number) => void }) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const template = async () => {
    try {
      await downloadTemplate(t('common.networkError'));
    } catch (e) {
      void message.error(e instanceof Error ? e.message : t('common.networkError'));
    }
  };

  const upload = async (file: File) => {
    setBusy(true);
    setError(null);
    try {
      const answer = await uploadOnboardingFile(file, t('common.networkError'));
      void message.info(answer.existing ? t('onboarding.existing') : t('onboarding.uploaded'));
      onUploaded(answer.id);
      await queryClient.invalidateQueries({ queryKey: trpc.onboarding.list.pathKey() });
    } catch (e) {
      setError(e instanceof Error ? e.message : t('common.networkError'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" className="fz-mb">
      <Row gutter={[24, 16]}>
        <Col xs={24} lg={12}>
          <Typography.Paragraph>{t('onboarding.intro')}</Typography.Paragraph>
          <Alert className="fz-mb" type="info" showIcon title={t('onboarding.rules')} />
          <Button icon={<DownloadOutlined />} onClick={() => void template()}>
            {t('onboarding.template')}
          </Button>
        </Col>
        <Col xs={24} lg={12}>
          <Upload.Dragger
            accept=".xlsx"
            multiple={false}
            showUploadList={false}
            disabled={busy}
            beforeUpload={(file) => {
              if (file.size > ONBOARDING_MAX_BYTES) setError(t('onboarding.tooLarge'));
              else void upload(file);
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{busy ? t('onboarding.uploading') : t('onboarding.drop')}</p>
          </Upload.Dragger>
          {error ? <Alert className="fz-mt" type="error" showIcon title={error} data-testid="onboarding-upload-error" /> : null}
        </Col>
      </Row>
    </Card>
  );
}
