import { useId, useState, type FormEvent } from 'react';
import { errorOf } from '../shared/client.ts';
import { useI18n } from '../shared/i18n.tsx';
import { navigate, useLocation } from '../shared/router.tsx';
import { api } from './api.ts';
import { setSession } from './session.ts';

const NAME = /^[a-z0-9-]{1,32}$/;

/** A random default name, so signing in is one press. */
function randomName(): string {
  return `buyer-${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * The demo sign-in (POST /api/v1/demo/sign-in, development only). In production the shop's identity
 * provider signs the customer JWT; the rest of the page only needs `setSession`.
 */
export function SignInForm({ onDone }: { onDone?: () => void }) {
  const { t } = useI18n();
  const id = useId();
  const [name, setName] = useState(randomName);
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!NAME.test(name)) return setProblem(t('signIn.bad'));
    setBusy(true);
    setProblem(undefined);
    const { data, error, response } = await api.POST('/api/v1/demo/sign-in', { body: { customer: name } }).catch((err: unknown) => ({ data: undefined, error: err, response: undefined }));
    setBusy(false);
    if (!data) return setProblem(errorOf(error, response?.status).message);
    setSession(data);
    onDone?.();
  };

  return (
    <form className="sign-in" onSubmit={submit} noValidate>
      <p>{t('signIn.intro')}</p>
      <label htmlFor={`${id}-name`}>{t('signIn.name')}</label>
      <input
        id={`${id}-name`}
        name="customer"
        value={name}
        onChange={(e) => setName(e.target.value)}
        autoComplete="username"
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-err` : undefined}
      />
      {problem ? <p id={`${id}-err`} className="error" role="alert">{problem}</p> : null}
      <button type="submit" className="primary" disabled={busy}>{t('signIn.submit')}</button>
    </form>
  );
}

export function SignInPage() {
  const { t } = useI18n();
  const { query } = useLocation();
  // Back to where the buyer came from (only a path of this page: never an open redirect).
  const next = query.get('next')?.startsWith('/shop') ? query.get('next')! : '/shop';
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1}>{t('signIn.title')}</h1>
      <SignInForm onDone={() => navigate(next)} />
    </section>
  );
}
