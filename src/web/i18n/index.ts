import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import nl from './nl.json';
import en from './en.json';

type Messages = Record<string, unknown>;
/** Feature folders may keep their own messages in features/<feature>/i18n/{nl,en}.json (top-level keys per feature). */
const featureMessages = import.meta.glob<Messages>('../features/*/i18n/*.json', { eager: true, import: 'default' });
function withFeatures(base: Messages, lang: 'nl' | 'en'): Messages {
  const merged: Messages = { ...base };
  for (const [path, messages] of Object.entries(featureMessages)) {
    if (path.endsWith(`/${lang}.json`)) Object.assign(merged, messages);
  }
  return merged;
}

export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'kring.locale';

export function isLanguage(v: unknown): v is Language {
  return v === 'nl' || v === 'en';
}

function storedLanguage(): Language {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    if (isLanguage(v)) return v;
  } catch {
    /* storage may be blocked */
  }
  return 'nl';
}

export function rememberLanguage(lang: Language) {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    /* storage may be blocked */
  }
}

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
});

void i18n.use(initReactI18next).init({
  resources: { nl: { translation: withFeatures(nl, 'nl') }, en: { translation: withFeatures(en, 'en') } },
  lng: storedLanguage(),
  fallbackLng: 'nl',
  supportedLngs: ['nl', 'en'],
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});
document.documentElement.lang = i18n.language;

export default i18n;
