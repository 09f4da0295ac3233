import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

export type Lang = 'ja' | 'en';
/** One page's messages: the same keys in both languages (`{name}` placeholders). */
export type Messages<K extends string> = Record<Lang, Record<K, string>>;

const STORE = 'orderly.lang';

/** The language chosen before, else the browser's first preference: Japanese when it prefers ja. */
function initialLang(): Lang {
  const chosen = globalThis.localStorage?.getItem(STORE);
  if (chosen === 'ja' || chosen === 'en') return chosen;
  const prefs = navigator.languages?.length ? navigator.languages : [navigator.language];
  return prefs.find((l) => /^(ja|en)\b/i.test(l))?.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

interface I18n {
  lang: Lang;
  setLang: (l: Lang) => void;
  t: (key: string, vars?: Record<string, string | number>) => string;
}

const Ctx = createContext<I18n | null>(null);

export function I18nProvider<K extends string>({ messages, children }: { messages: Messages<K>; children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((l: Lang) => {
    setLangState(l);
    globalThis.localStorage?.setItem(STORE, l);
  }, []);
  document.documentElement.lang = lang;
  const t = useCallback(
    (key: string, vars?: Record<string, string | number>) => {
      const text = (messages[lang] as Record<string, string>)[key] ?? (messages.en as Record<string, string>)[key] ?? key;
      return vars ? text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`)) : text;
    },
    [lang, messages],
  );
  const value = useMemo(() => ({ lang, setLang, t }), [lang, setLang, t]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}

/** The ja/en switch: two buttons, the current one pressed. */
export function LangSwitch({ label }: { label: string }) {
  const { lang, setLang } = useI18n();
  return (
    <div className="lang-switch" role="group" aria-label={label}>
      {(['ja', 'en'] as const).map((l) => (
        <button key={l} type="button" aria-pressed={lang === l} onClick={() => setLang(l)} lang={l}>
          {l === 'ja' ? '日本語' : 'English'}
        </button>
      ))}
    </div>
  );
}
