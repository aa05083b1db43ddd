import { Tag } from 'antd';
import type { Level } from '@fz/domain';
import { useLang } from '../i18n';
import { levelLabel } from '../i18n/labels';

const COLORS: Record<Level, string> = { province: 'red', city: 'volcano', county: 'blue', township: 'green' };

export function LevelTag({ level, small = false }: { level: Level; small?: boolean }) {
  const { lang } = useLang();
  return (
    <Tag color={COLORS[level]} className={small ? 'fz-level-tag fz-level-tag-small' : 'fz-level-tag'}>
      {levelLabel(level, lang)}
    </Tag>
  );
}
