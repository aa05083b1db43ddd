import { useState } from 'react';
import { Button, Dropdown, Popconfirm, Space } from 'antd';
import type { MenuProps } from 'antd';
import { DownOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { ITEM_EVENT_LABELS } from '@fz/domain';
import type { ItemEvent } from '@fz/domain';
import { useTRPC } from '../../../app/trpc';
import type { ItemDetail } from '../../../app/trpc';
import { useLang, useT } from '../../../i18n';
import { enumLabel } from '../../../i18n/labels';
import { EventDialog } from './EventDialog';
import { ItemEditDialog } from './EditDialogs';
import type { EditDialog } from './EditDialogs';
import { useItemChange } from './useItemMutation';

/** The main step of each status comes first and in primary colour; the rest follow. */
const PRIMARY: readonly ItemEvent[] = ['acknowledge', 'start', 'requestClosure', 'close', 'resume', 'approveExtension'];
const DANGER: readonly ItemEvent[] = ['return', 'denyExtension'];

/**
 * The buttons of the item page: exactly the lifecycle events and edits the server says the
 * caller may do now (`allowed`, computed with the same CASL ability and lifecycle table).
 */
export function ItemActions({ item }: { item: ItemDetail }) {
  const t = useT();
  const { lang } = useLang();
  const trpc = useTRPC();
  const [event, setEvent] = useState<ItemEvent | null>(null);
  const [dialog, setDialog] = useState<EditDialog | null>(null);
  const unflag = useMutation(trpc.items.flag.mutationOptions());
  const run = useItemChange(item.id);
  const { allowed } = item;

  const events = [...allowed.events].sort((a, b) => Number(PRIMARY.includes(b)) - Number(PRIMARY.includes(a)));
  const more: MenuProps['items'] = [
    allowed.update ? { key: 'update', label: t('edit.update') } : null,
    allowed.assign ? { key: 'assign', label: t('edit.assign') } : null,
    allowed.delegate ? { key: 'delegate', label: t('edit.delegate') } : null,
  ].filter((x) => x !== null);

  const nothing = events.length === 0 && more.length === 0 && !allowed.flag && !allowed.notify;
  if (nothing) return <span className="fz-muted">{t('item.noActions')}</span>;

  return (
    <Space wrap>
      {events.map((e) => (
        <Button key={e} type={PRIMARY.includes(e) ? 'primary' : 'default'} danger={DANGER.includes(e)} onClick={() => setEvent(e)}>
          {enumLabel(ITEM_EVENT_LABELS, e, lang)}
        </Button>
      ))}
      {allowed.notify ? <Button onClick={() => setDialog('notify')}>{t('edit.notify')}</Button> : null}
      {allowed.flag && !item.flagged ? (
        <Button danger onClick={() => setDialog('flag')}>
          {t('edit.flag')}
        </Button>
      ) : null}
      {allowed.flag && item.flagged ? (
        <Popconfirm
          title={t('edit.unflagConfirm')}
          okText={t('common.ok')}
          cancelText={t('common.cancel')}
          onConfirm={() => run(() => unflag.mutateAsync({ id: item.id, version: item.version, flagged: false }), t('edit.saved'))}
        >
          <Button loading={unflag.isPending}>{t('edit.unflag')}</Button>
        </Popconfirm>
      ) : null}
      {more.length ? (
        <Dropdown menu={{ items: more, onClick: ({ key }) => setDialog(key as EditDialog) }}>
          <Button>
            {t('item.more')} <DownOutlined />
          </Button>
        </Dropdown>
      ) : null}
      <EventDialog key={event ?? ''} item={item} event={event} onClose={() => setEvent(null)} />
      <ItemEditDialog key={dialog ?? ''} item={item} dialog={dialog} onClose={() => setDialog(null)} />
    </Space>
  );
}
