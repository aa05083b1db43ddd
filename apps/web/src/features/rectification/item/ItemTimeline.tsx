import { Card, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { ITEM_STATUS_LABELS, TIMELINE_LABELS } from '@fz/domain';
import type { ItemDetail } from '../../../app/trpc';
import { useLang, useT } from '../../../i18n';
import { enumLabel } from '../../../i18n/labels';

type Entry = ItemDetail['timeline'][number];

const COLOR: Record<string, string> = { close: 'green', return: 'red', denyExtension: 'red', flag: 'red', overdue: 'red', requestClosure: 'blue', approveExtension: 'green' };

/** Details worth a line: dates an extension moved, the unit an item went to, the file added. */
function detailOf(e: Entry): string | null {
  const p = e.payload;
  if (typeof p !== 'object' || p === null || Array.isArray(p)) return null;
  const v = p as Record<string, unknown>;
  const s = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : null);
  if (e.event === 'requestExtension' && s('newDeadline')) return `${s('deadline') ?? ''} → ${s('newDeadline')}`;
  if (e.event === 'approveExtension' && s('newDeadline')) return `${s('oldDeadline') ?? ''} → ${s('newDeadline')}`;
  if (e.event === 'assign' && s('unitName')) return s('unitName');
  if (e.event === 'delegate') return [s('townshipName'), s('unitName')].filter(Boolean).join(' · ');
  if (e.event === 'attach' && s('name')) return s('name');
  if (e.event === 'requestClosure' && s('situation')) return s('situation');
  if (e.event === 'create' && s('deadline')) return s('deadline');
  return null;
}

/** 办理记录: every change of the item, oldest first, with who (and their unit) and when. */
export function ItemTimeline({ item }: { item: ItemDetail }) {
  const t = useT();
  const { lang } = useLang();
  const items = item.timeline.map((e) => {
    const detail = detailOf(e);
    return {
      key: e.id,
      color: COLOR[e.event] ?? 'gray',
      children: (
        <div className="fz-tl" data-testid="timeline-entry">
          <div className="fz-tl-head">
            <strong>{enumLabel(TIMELINE_LABELS, e.event, lang)}</strong>
            {e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus ? (
              <span className="fz-small fz-muted">
                {t('item.statusChange', { from: enumLabel(ITEM_STATUS_LABELS, e.fromStatus, lang), to: enumLabel(ITEM_STATUS_LABELS, e.toStatus, lang) })}
              </span>
            ) : null}
          </div>
          <div className="fz-small fz-muted">
            {dayjs(e.at).format('YYYY-MM-DD HH:mm')} · {e.actorName}
            {e.actorUnitName ? `(${e.actorUnitName})` : ''}
          </div>
          {e.reason ? <Typography.Paragraph className="fz-tl-text fz-prewrap">{`${t('event.reason')}:${e.reason}`}</Typography.Paragraph> : null}
          {e.note ? <Typography.Paragraph className="fz-tl-text fz-prewrap">{e.note}</Typography.Paragraph> : null}
          {detail ? <Typography.Paragraph className="fz-tl-text fz-prewrap fz-muted">{detail}</Typography.Paragraph> : null}
        </div>
      ),
    };
  });
  return (
    <Card size="small" title={t('item.timeline')} className="fz-mb">
      {items.length ? <Timeline items={items} /> : <span className="fz-muted">{t('item.timelineEmpty')}</span>}
    </Card>
  );
}
