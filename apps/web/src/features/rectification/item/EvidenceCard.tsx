import { App, Card, Image, List, Space, Typography, Upload } from 'antd';
import { FileOutlined, FilePdfOutlined, FileImageOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { EVIDENCE_MAX_BYTES, EVIDENCE_TYPES, extensionOf } from '@fz/domain';
import { CSRF_HEADER, useTRPC } from '../../../app/trpc';
import type { ItemDetail } from '../../../app/trpc';
import { useT } from '../../../i18n';
import { httpErrorMessage } from '../../../shared/download';

const MB = EVIDENCE_MAX_BYTES / 1024 / 1024;
const EXTENSIONS = Object.values(EVIDENCE_TYPES).flatMap((x) => x.extensions);
const ACCEPT = EXTENSIONS.map((e) => `.${e}`).join(',');

function sizeText(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function iconOf(mime: string) {
  if (mime === 'application/pdf') return <FilePdfOutlined className="fz-file-icon fz-file-pdf" />;
  if (mime.startsWith('image/')) return <FileImageOutlined className="fz-file-icon" />;
  return <FileOutlined className="fz-file-icon" />;
}

type Attachment = ItemDetail['attachments'][number];

/** 佐证材料: the files, previews of images and PDFs, and a drop zone for the responsible side. */
export function EvidenceCard({ item }: { item: ItemDetail }) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();

  const upload = async (file: File): Promise<void> => {
    if (file.size > EVIDENCE_MAX_BYTES) throw new Error(t('evidence.tooLarge', { name: file.name, mb: MB }));
    if (!EXTENSIONS.includes(extensionOf(file.name))) throw new Error(t('evidence.badType', { name: file.name }));
    const body = new FormData();
    body.append('file', file, file.name);
    const res = await fetch(`/api/items/${item.id}/evidence`, { method: 'POST', body, headers: CSRF_HEADER, credentials: 'same-origin' });
    if (!res.ok) throw new Error(t('evidence.failed', { name: file.name, reason: await httpErrorMessage(res, t('common.networkError')) }));
    const dto: unknown = await res.json();
    const duplicate = typeof dto === 'object' && dto !== null && 'duplicate' in dto && dto.duplicate === true;
    void message.success(duplicate ? t('evidence.duplicate', { name: file.name }) : t('evidence.uploaded', { name: file.name }));
    await queryClient.invalidateQueries({ queryKey: trpc.items.get.queryKey({ id: item.id }) });
  };

  const href = (a: Attachment) => `/api/attachments/${a.id}`;

  return (
    <Card size="small" title={`${t('evidence.title')}(${item.attachments.length})`} className="fz-mb">
      {item.allowed.attach ? (
        <Upload.Dragger
          className="fz-mb-8"
          accept={ACCEPT}
          multiple
          showUploadList={{ showRemoveIcon: false }}
          customRequest={({ file, onSuccess, onError }) => {
            upload(file as File).then(
              () => onSuccess?.(null),
              (e: unknown) => {
                const err = e instanceof Error ? e : new Error(t('common.networkError'));
                void message.error(err.message);
                onError?.(err);
              },
            );
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('evidence.drop')}</p>
          <p className="ant-upload-hint">{t('evidence.hint', { mb: MB })}</p>
        </Upload.Dragger>
      ) : null}
      <List<Attachment>
        size="small"
        dataSource={item.attachments}
        locale={{ emptyText: t('evidence.empty') }}
        renderItem={(a) => (
          <List.Item
            actions={[
              a.mime.startsWith('image/') ? (
                <Image key="p" width={40} height={40} className="fz-thumb" src={href(a)} alt={a.name} preview={{ src: href(a) }} />
              ) : a.mime === 'application/pdf' ? (
                <a key="p" href={href(a)} target="_blank" rel="noreferrer">
                  {t('evidence.preview')}
                </a>
              ) : null,
              <a key="d" href={href(a)} download={a.name}>
                {t('evidence.download')}
              </a>,
            ].filter(Boolean)}
          >
            <List.Item.Meta
              avatar={iconOf(a.mime)}
              title={<Typography.Text ellipsis={{ tooltip: a.name }}>{a.name}</Typography.Text>}
              description={
                <Space size={12} className="fz-small">
                  <span>{sizeText(a.size)}</span>
                  <span>{t('evidence.by', { name: a.uploadedByName ?? '—' })}</span>
                  <span>{dayjs(a.createdAt).format('YYYY-MM-DD HH:mm')}</span>
                </Space>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
