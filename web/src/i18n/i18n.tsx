// English and Simplified Chinese. Each area of the app (wallet, dashboard, console) brings its
// own messages when it loads; the choice of language is remembered in this browser and sets the
// page's lang attribute. Messages take {name} placeholders.

import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { commonMessages } from './common.js';

export const languages = ['en', 'zh'] as const;
export type Language = (typeof languages)[number];
export type Messages = Readonly<Record<string, string>>;
export interface Catalog {
  readonly en: Messages;
  readonly zh: Messages;
}

const storageKey = 'zhifu.language';
const catalogs: Record<Language, Record<string, string>> = { en: {}, zh: {} };
const listeners = new Set<() => void>();

/** Adds an area's messages; an area calls it once when its module loads. */
export function addMessages(catalog: Catalog): void {
  Object.assign(catalogs.en, catalog.en);
  Object.assign(catalogs.zh, catalog.zh);
  for (const listener of listeners) listener();
}
addMessages(commonMessages);

function initialLanguage(): Language {
  const saved = localStorage.getItem(storageKey);
  if (saved === 'en' || saved === 'zh') return saved;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export type Translate = (key: string, values?: Readonly<Record<string, string | number>>) => string;

/** Whether a message exists for `key` (in English, the reference catalogue). */
export function hasMessage(key: string): boolean {
  return key in catalogs.en;
}

export function translate(language: Language, key: string, values?: Readonly<Record<string, string | number>>): string {
  const text = catalogs[language][key] ?? catalogs.en[key] ?? key;
  if (values === undefined) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

interface I18n {
  readonly language: Language;
  readonly setLanguage: (language: Language) => void;
  readonly t: Translate;
  /** The locale for Intl formatting. */
  readonly locale: string;
}

const I18nContext = createContext<I18n | undefined>(undefined);

export function I18nProvider({ children }: { readonly children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const listener = () => setVersion((value) => value + 1);
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }, []);
  useEffect(() => {
    document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
    document.title = translate(language, 'app.title');
  }, [language, version]);
  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem(storageKey, next);
    setLanguageState(next);
  }, []);
  const value = useMemo<I18n>(
    () => ({ language, setLanguage, locale: language === 'zh' ? 'zh-CN' : 'en-GB', t: (key, values) => translate(language, key, values) }),
    // `version` changes when an area adds messages, so texts re-render in the new catalogue.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [language, setLanguage, version],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (context === undefined) throw new Error('useI18n outside I18nProvider');
  return context;
}
