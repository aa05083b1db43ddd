import { App, Button, Checkbox, Form, Input, InputNumber, Space, Tag, Typography, Upload } from 'antd';
import { CheckCircleFilled, ExclamationCircleOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { EVIDENCE_MAX_BYTES, EVIDENCE_TYPES } from '@fz/domain';
import { CSRF_HEADER, useTRPC } from '../../app/trpc';
import type { ApplicationDetail } from '../../app/trpc';
import { useT } from '../../i18n';
import { httpErrorMessage } from '../../shared/download';
import { anchorOf } from './tree';
import type { IndicatorNode } from './tree';
import { useApplicationChange } from './useApplicationChange';

const ACCEPT = Object.values(EVIDENCE_TYPES).flatMap((x) => x.extensions).map((e) => `.${e}`).join(',');

interface Props {
  app: ApplicationDetail;
  node: IndicatorNode;
}

/** One scored indicator: what it asks, the township's self-assessment and evidence, and the county's review. */
export function IndicatorCard({ app, node }: Props) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const a = node.extra.assessment;
  const filled = a?.selfScore !== null && a?.selfScore !== undefined;
  const save = useMutation(trpc.demonstration.applications.saveAssessment.mutationOptions());
  const review = useMutation(trpc.demonstration.applications.review.mutationOptions());
  const run = useApplicationChange(app.id);
  const max = node.maxScore ?? 0;

  const upload = async (file: File) => {
    if (file.size > EVIDENCE_MAX_BYTES) return void message.error(t('evidence.tooLarge', { name: file.name, mb: EVIDENCE_MAX_BYTES / 1024 / 1024 }));
    const body = new FormData();
    body.append('file', file, file.name);
    const res = await fetch(`/api/demonstration/applications/${app.id}/indicators/${node.id}/evidence`, { method: 'POST', body, headers: CSRF_HEADER, credentials: 'same-origin' });
    if (!res.ok) return void message.error(t('evidence.failed', { name: file.name, reason: await httpErrorMessage(res, t('common.networkError')) }));
    void message.success(t('evidence.uploaded', { name: file.name }));
    await queryClient.invalidateQueries({ queryKey: trpc.demonstration.applications.get.queryKey({ id: app.id }) });
  };

  return (
    <div className={`fz-ind ${filled ? 'fz-ind-done' : 'fz-ind-todo'}`} id={anchorOf(node)} data-testid={`indicator-${node.code}`}>
      <div className="fz-ind-head">
        {filled ? <CheckCircleFilled className="fz-ind-ok" /> : <ExclamationCircleOutlined className="fz-ind-warn" />}
        <strong className="fz-mono">{node.code}</strong>
        <strong>{node.name}</strong>
        <Tag>{t('app.maxScore', { n: max })}</Tag>
        {node.veto ? <Tag color="red">{t('app.veto')}</Tag> : null}
        <span className="fz-grow" />
        <span className={filled ? 'fz-small fz-ok' : 'fz-small fz-text-warn'}>{filled ? t('app.filled') : t('app.notFilled')}</span>
      </div>
      {node.guidance ? <div className="fz-small fz-muted">{`${t('app.guidance')}:${node.guidance}`}</div> : null}
      {node.evidence ? <div className="fz-small fz-muted">{`${t('app.evidenceExpected')}:${node.evidence}`}</div> : null}
      {app.allowed.assess ? (
        <Form
          className="fz-ind-form"
          layout="inline"
          initialValues={{ selfScore: a?.selfScore ?? undefined, explanation: a?.explanation ?? '' }}
          onFinish={(v: { selfScore?: number | null; explanation?: string }) =>
            void run(() => save.mutateAsync({ applicationId: app.id, indicatorId: node.id, version: a?.version, selfScore: v.selfScore ?? null, explanation: v.explanation ?? '' }), t('app.saved'))
          }
        >
          <Form.Item label={t('app.selfScoreLabel')} name="selfScore" rules={[{ required: true, message: '请填写自评分' }]}>
            <InputNumber min={0} max={max} step={0.5} precision={1} className="fz-w-120" aria-label={`${node.code} ${t('app.selfScoreLabel')}`} />
          </Form.Item>
          <Form.Item name="explanation" className="fz-grow fz-ind-explain">
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} placeholder={t('app.explanationPlaceholder')} aria-label={`${node.code} ${t('app.explanation')}`} />
          </Form.Item>
          <Button htmlType="submit" type="primary" loading={save.isPending}>
            {t('app.saveIndicator')}
          </Button>
        </Form>
      ) : a ? (
        <div className="fz-ind-read">
          <Space size={12}>
            <span>{`${t('app.selfScoreLabel')}:${a.selfScore ?? '—'}`}</span>
            {a.reviewedScore !== null ? <span>{`${t('app.reviewScore')}:${a.reviewedScore}`}</span> : null}
            {a.vetoHit ? <Tag color="red">{t('app.vetoHit')}</Tag> : null}
          </Space>
          {a.explanation ? <Typography.Paragraph className="fz-m-0 fz-prewrap fz-small">{a.explanation}</Typography.Paragraph> : null}
          {a.reviewComment ? <div className="fz-small fz-reply">{`${t('app.reviewComment')}:${a.reviewComment}`}</div> : null}
        </div>
      ) : null}
      <div className="fz-ind-files">
        {(a?.files ?? []).map((f) => (
          <a key={f.id} href={`/api/demonstration/files/${f.id}`} target="_blank" rel="noreferrer" className="fz-small">
            <PaperClipOutlined /> {f.name}
          </a>
        ))}
        {app.allowed.assess ? (
          <Upload
            accept={ACCEPT}
            showUploadList={false}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button size="small" icon={<UploadOutlined />}>
              {t('app.evidence')}
            </Button>
          </Upload>
        ) : null}
      </div>
      {app.allowed.review ? (
        <Form
          className="fz-ind-form fz-ind-review"
          layout="inline"
          initialValues={{ reviewedScore: a?.reviewedScore ?? a?.selfScore ?? undefined, comment: a?.reviewComment ?? '', vetoHit: a?.vetoHit ?? false }}
          onFinish={(v: { reviewedScore: number; comment?: string; vetoHit?: boolean }) =>
            void run(() => review.mutateAsync({ applicationId: app.id, indicatorId: node.id, version: a?.version ?? 1, reviewedScore: v.reviewedScore, comment: v.comment ?? '', vetoHit: v.vetoHit ?? false }), t('app.saved'))
          }
        >
          <Form.Item label={t('app.reviewScore')} name="reviewedScore" rules={[{ required: true, message: '请填写初审分' }]}>
            <InputNumber min={0} max={max} step={0.5} precision={1} className="fz-w-120" />
          </Form.Item>
          <Form.Item name="comment" className="fz-grow fz-ind-explain">
            <Input maxLength={1000} placeholder={t('app.reviewComment')} />
          </Form.Item>
          {node.veto ? (
            <Form.Item name="vetoHit" valuePropName="checked">
              <Checkbox>{t('app.vetoHit')}</Checkbox>
            </Form.Item>
          ) : null}
          <Button htmlType="submit" loading={review.isPending}>
            {t('app.saveReview')}
          </Button>
        </Form>
      ) : null}
    </div>
  );
}
