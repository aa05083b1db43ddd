import { useState } from 'react';
import { Button, Card, Input, List, Space, Typography } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTRPC } from '../../app/trpc';
import type { ApplicationDetail } from '../../app/trpc';
import { useT } from '../../i18n';
import { useApplicationChange } from './useApplicationChange';

type Report = ApplicationDetail['reports'][number];

/** 进展报送: the participant's periodic notes, newest first, and a box to add one. */
export function ReportsCard({ app }: { app: ApplicationDetail }) {
  const t = useT();
  const trpc = useTRPC();
  const [text, setText] = useState('');
  const post = useMutation(trpc.demonstration.reports.post.mutationOptions());
  const run = useApplicationChange(app.id);
  return (
    <Card size="small" className="fz-mb" title={t('app.reports')}>
      {app.allowed.report ? (
        <Space.Compact className="fz-w-full fz-mb">
          <Input.TextArea aria-label={t('app.postReport')} autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} value={text} onChange={(e) => setText(e.target.value)} placeholder={t('app.reportPlaceholder')} />
          <Button type="primary" disabled={!text.trim()} loading={post.isPending} onClick={() => void run(() => post.mutateAsync({ applicationId: app.id, text }), t('app.reportPosted')).then((ok) => ok && setText(''))}>
            {t('app.postReport')}
          </Button>
        </Space.Compact>
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
