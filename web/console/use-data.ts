import { useCallback, useEffect, useState } from 'react';
import { useI18n } from '../shared/i18n.tsx';
import { api } from './session.ts';

/** GET a path (again when it or the language changes); `reload` after an action. */
export function useData<T>(path: string | undefined) {
  const { lang } = useI18n();
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!path) return;
    let live = true;
    api<T>(lang, 'GET', path).then(
      (d) => live && (setData(d), setError(undefined)),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [path, lang, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, reload };
}
