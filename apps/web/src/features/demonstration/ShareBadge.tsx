import { Tooltip } from 'antd';
import { useLang } from '../../i18n';

interface Share {
  text: string;
  textEn: string;
  meetsTarget: boolean;
}

/** "9 / 13 = 69%,目标 2/3 ✓": the share against the target, green when met. */
export function ShareBadge({ share, hint }: { share: Share; hint?: string }) {
  const { lang } = useLang();
  return (
    <Tooltip title={hint}>
      <span className={share.meetsTarget ? 'fz-share fz-share-ok' : 'fz-share'} data-testid="share">
        {lang === 'zh-CN' ? share.text : share.textEn}
      </span>
    </Tooltip>
  );
}
