import { Tag, Tooltip } from 'antd';
import { FlagFilled } from '@ant-design/icons';
import { ITEM_STATUS_LABELS, LIGHT_LABELS } from '@fz/domain';
import type { ItemStatus, Light } from '@fz/domain';
import { useLang, useT } from '../../i18n';
import { enumLabel } from '../../i18n/labels';

const STATUS_COLORS: Record<ItemStatus, string> = {
  issued: 'default',
  acknowledged: 'cyan',
  in_progress: 'processing',
  closure_requested: 'purple',
  returned: 'magenta',
  closed: 'success',
  ongoing: 'geekblue',
};

export function ItemStatusTag({ status }: { status: ItemStatus }) {
  const { lang } = useLang();
  return <Tag color={STATUS_COLORS[status]}>{enumLabel(ITEM_STATUS_LABELS, status, lang)}</Tag>;
}

/** The traffic light (预警): a coloured dot with its word, so colour is never the only signal. */
export function LightBadge({ light, daysLeft }: { light: Light; daysLeft?: number }) {
  const t = useT();
  const { lang } = useLang();
  if (light === 'none') return <span className="fz-muted">—</span>;
  const hint = daysLeft === undefined ? undefined : daysLeft < 0 ? t('item.overdueDays', { n: -daysLeft }) : daysLeft === 0 ? t('item.dueToday') : t('item.daysLeft', { n: daysLeft });
  return (
    <Tooltip title={hint}>
      <span className={`fz-light fz-light-${light}`} data-light={light}>
        <i aria-hidden />
        {enumLabel(LIGHT_LABELS, light, lang)}
      </span>
    </Tooltip>
  );
}

export function FlagTag({ reason }: { reason?: string | null }) {
  const t = useT();
  return (
    <Tooltip title={reason || undefined}>
      <Tag color="red" icon={<FlagFilled />}>
        {t('item.flagged')}
      </Tag>
    </Tooltip>
  );
}

/** "剩余 5 天" / "逾期 3 天" under a deadline, for open items. */
export function DaysLeft({ daysLeft, light }: { daysLeft: number; light: Light }) {
  const t = useT();
  if (light === 'none') return null;
  const text = daysLeft < 0 ? t('item.overdueDays', { n: -daysLeft }) : daysLeft === 0 ? t('item.dueToday') : t('item.daysLeft', { n: daysLeft });
  return <div className={`fz-small fz-days fz-days-${light}`}>{text}</div>;
}
