import { useCallback } from 'react';
import { create } from 'zustand';
import { format, initialLang, type Lang, type MessageKey } from './messages';

const KEY = 'kube-sandbox.lang';

function remembered(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

interface LangState {
  lang: Lang;
  setLang(lang: Lang): void;
}

export const useLang = create<LangState>((set) => ({
  lang: initialLang(remembered(), typeof navigator === 'undefined' ? [] : navigator.languages),
  setLang: (lang) => {
    try {
      localStorage.setItem(KEY, lang);
    } catch {
      // A browser without storage still switches, it only forgets.
    }
    document.documentElement.lang = lang;
    set({ lang });
  },
}));

export type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** The translate function for the current language. */
export function useT(): T {
  const lang = useLang((s) => s.lang);
  return useCallback((key, vars) => format(lang, key, vars), [lang]);
}
