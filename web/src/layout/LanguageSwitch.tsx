/** Switches between Chinese and English; the button names the language it switches to. */
import { useTranslation } from 'react-i18next';
import { changeLanguage, currentLanguage } from '../i18n.ts';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const other = currentLanguage() === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <button
      type="button"
      className="button button-quiet"
      lang={other}
      title={t('language.switchLabel')}
      data-language={i18n.language}
      onClick={() => void changeLanguage(other)}
    >
      {t('language.switchTo')}
    </button>
  );
}
