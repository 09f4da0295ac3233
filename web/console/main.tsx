import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import '../shared/base.css';
import './console.css';
import { I18nProvider, LangSwitch, useI18n } from '../shared/i18n.tsx';
import { Link, match, useLocation } from '../shared/router.tsx';
import { messages } from './messages.ts';
import { api, ApiFailure, getKey, setKey } from './session.ts';
import { Overview } from './pages/overview.tsx';
import { OrderList } from './pages/orders.tsx';
import { OrderPage } from './pages/order.tsx';
import { Alerts, DeadLetters, Psps, Reconciliation, Triage } from './pages/ops.tsx';

const NAV = [
  ['/console', 'overview'],
  ['/console/orders', 'orders'],
  ['/console/psps', 'psps'],
  ['/console/alerts', 'alerts'],
  ['/console/dead-letters', 'deadLetters'],
  ['/console/reconciliation', 'reconciliation'],
  ['/console/triage', 'triage'],
] as const;

function SignIn({ onIn }: { onIn: () => void }) {
  const { t, lang } = useI18n();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string>();
  const submit = async () => {
    try {
      // Any admin read proves the key; dead letters with limit 1 is cheap.
      await api(lang, 'GET', '/api/v1/admin/dead-letters?limit=1', { token: value });
      setKey(value);
      onIn();
    } catch (e) {
      setError(e instanceof ApiFailure && e.status === 401 ? t('wrongKey') : (e as Error).message);
    }
  };
  return (
    <main id="main" className="signin">
      <h1>{t('title')}</h1>
      <p>{t('signInIntro')}</p>
      <form onSubmit={(e) => (e.preventDefault(), void submit())}>
        <label htmlFor="key">{t('adminKey')}</label>
        <input id="key" type="password" autoComplete="current-password" value={value} onChange={(e) => setValue(e.target.value)} required />
        <button type="submit" className="primary">
          {t('signIn')}
        </button>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
      </form>
    </main>
  );
}

function Page({ path }: { path: string }) {
  const p = path.replace(/\/+$/, '');
  const detail = match('/console/orders/:orderNo', p);
  if (detail) return <OrderPage orderNo={detail.orderNo!} />;
  if (p === '/console/orders') return <OrderList />;
  if (p === '/console/psps') return <Psps />;
  if (p === '/console/alerts') return <Alerts />;
  if (p === '/console/dead-letters') return <DeadLetters />;
  if (p === '/console/reconciliation') return <Reconciliation />;
  if (p === '/console/triage') return <Triage />;
  return <Overview />;
}

function App() {
  const { t } = useI18n();
  const { path } = useLocation();
  const [signedIn, setSignedIn] = useState(!!getKey());
  const lang = <LangSwitch label={t('lang')} />;
  if (!signedIn)
    return (
      <>
        <header className="top">{lang}</header>
        <SignIn onIn={() => setSignedIn(true)} />
      </>
    );
  const current = path.replace(/\/+$/, '');
  return (
    <>
      <a className="skip" href="#main">
        {t('skip')}
      </a>
      <header className="top">
        <span className="brand">{t('title')}</span>
        <nav aria-label={t('nav')}>
          <ul>
            {NAV.map(([to, k]) => (
              <li key={to}>
                <Link to={to} aria-current={current === to || (to === '/console/orders' && current.startsWith(to)) ? 'page' : undefined}>
                  {t(k)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        {lang}
        <button type="button" onClick={() => (setKey(undefined), setSignedIn(false))}>
          {t('signOut')}
        </button>
      </header>
      <main id="main">
        <Page path={path} />
      </main>
    </>
  );
}

createRoot(document.getElementById('root')!).render(
  <I18nProvider messages={messages}>
    <App />
  </I18nProvider>,
);
