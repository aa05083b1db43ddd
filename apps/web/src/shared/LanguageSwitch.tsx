import { Segmented } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useLang, useT } from '../i18n';
import type { Lang } from '../i18n';

const OPTIONS: Array<{ value: Lang; label: string }> = [
  { value: 'zh-CN', label: '中文' },
  { value: 'en-US', label: 'English' },
];

export function LanguageSwitch({ onDark = false }: { onDark?: boolean }) {
  const { lang, setLang } = useLang();
  const t = useT();
  return (
    <span className={onDark ? 'fz-lang fz-lang-dark' : 'fz-lang'}>
      <GlobalOutlined aria-hidden />
      <Segmented<Lang> size="small" aria-label={t('lang.label')} value={lang} options={OPTIONS} onChange={setLang} />
    </span>
  );
}
