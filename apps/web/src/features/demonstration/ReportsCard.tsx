import { useState } from 'react';
import { App, Button, Card, Input, List, Space, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { CSRF_HEADER, useTRPC } from '../../app/trpc';
import { httpErrorMessage } from '../../shared/download';
import type { ApplicationDetail } from '../../app/trpc';
import { useT } from '../../i18n';
import { useApplicationChange } from './useApplicationChange';

type Report = ApplicationDetail['reports'][number];

/** 进展报送: the participant's periodic notes, newest first, and a box to add one. */
export function ReportsCard({ app }: { app: ApplicationDetail }) {
  const t = useT();
  const trpc = useTRPC();
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const [files, setFiles] = useState<UploadFile[]>([]);
  const post = useMutation(trpc.demonstration.reports.post.mutationOptions());
  const run = useApplicationChange(app.id);

  /** The note first, then its files: a file that fails is reported and the note stays. */
  const send = () =>
    run(async () => {
      const report = await post.mutateAsync({ applicationId: app.id, text });
      for (const f of files) {
        if (!f.originFileObj) continue;
        const body = new FormData();
        body.append('file', f.originFileObj, f.name);
        const res = await fetch(`/api/demonstration/reports/${report.id}/files`, { method: 'POST', body, headers: CSRF_HEADER, credentials: 'same-origin' });
        if (!res.ok) void message.error(t('evidence.failed', { name: f.name, reason: await httpErrorMessage(res, t('common.networkError')) }));
      }
    }, t('app.reportPosted')).then((ok) => {
      if (ok) {
        setText('');
        setFiles([]);
      }
    });
  return (
    <Card size="small" className="fz-mb" title={t('app.reports')}>
      {app.allowed.report ? (
        <div className="fz-mb">
          <Input.TextArea aria-label={t('app.postReport')} autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} value={text} onChange={(e) => setText(e.target.value)} placeholder={t('app.reportPlaceholder')} />
          <Space className="fz-mt-4">
            <Upload multiple fileList={files} beforeUpload={() => false} onChange={({ fileList }) => setFiles(fileList)} accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.doc,.xls">
              <Button size="small" icon={<UploadOutlined />}>
                {t('app.evidence')}
              </Button>
            </Upload>
            <Button type="primary" size="small" disabled={!text.trim()} loading={post.isPending} onClick={() => void send()}>
              {t('app.postReport')}
            </Button>
          </Space>
        </div>
      ) : null}
      <List<Report>
        size="small"
        dataSource={app.reports}
        locale={{ emptyText: t('app.noReports') }}
        renderItem={(r) => (
          <List.Item>
            <List.Item.Meta
              title={<span className="fz-small fz-muted">{`${dayjs(r.createdAt).format('YYYY-MM-DD HH:mm')} · ${r.authorName ?? ''}${r.authorUnitName ? `(${r.authorUnitName})` : ''}`}</span>}
              description={
                <>
                  <Typography.Paragraph className="fz-m-0 fz-prewrap fz-text">{r.text}</Typography.Paragraph>
                  {r.files.map((f) => (
                    <a key={f.id} href={`/api/demonstration/files/${f.id}`} target="_blank" rel="noreferrer" className="fz-small fz-mr-4">
                      <PaperClipOutlined /> {f.name}
                    </a>
                  ))}
                </>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
