import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useI18n } from '../shared/i18n.tsx';
import { navigate } from '../shared/router.tsx';
import { EMPTY_FORM, PREFECTURES, shippingAddress, validate, type CheckoutForm as Form, type Field, type FormErrors } from './address.ts';
import type { PlaceOrderBody, Product } from './api.ts';
import { cart, type CartLine } from './cart.ts';
import { keepChannelToken } from './channel-tokens.ts';
import { SIM_TOKENS, type SimToken } from './payment-options.ts';
import { PurchaseAttempt, retryable, type PurchaseResult } from './purchase.ts';
import { setSession, useSession } from './session.ts';
import { SignInForm } from './sign-in.tsx';

type Refusal = Extract<PurchaseResult, { kind: 'refused' }>;

/** Seconds left of a Retry-After, ticking down once a second (0 when none). */
function useCountdown(seconds: number | undefined, since: number): number {
  const [left, setLeft] = useState(0);
  useEffect(() => {
    if (!seconds) return setLeft(0);
    const tick = () => setLeft(Math.max(0, Math.ceil(seconds - (Date.now() - since) / 1000)));
    tick();
    const timer = setInterval(tick, 250);
    return () => clearInterval(timer);
  }, [seconds, since]);
  return left;
}

/**
 * The checkout: address, e-mail and payment, checked in the page like the API would (address.ts), then
 * one purchase attempt per press (purchase.ts: its Idempotency-Key), the button disabled while it is in
 * flight so a double click sends once.
 */
export function CheckoutForm({ lines, products, onStockChanged }: { lines: CartLine[]; products: Product[] | undefined; onStockChanged: () => void }) {
  const { t } = useI18n();
  const session = useSession();
  const id = useId();
  const [form, setForm] = useState<Form>(EMPTY_FORM);
  const [errors, setErrors] = useState<FormErrors>({});
  const [method, setMethod] = useState<'card' | 'paypay'>('card');
  const [token, setToken] = useState<SimToken>('tok_visa');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<{ r: Refusal; at: number }>();
  const attempt = useRef(new PurchaseAttempt());
  const inFlight = useRef(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const refusalRef = useRef<HTMLDivElement>(null);
  const left = useCountdown(refusal?.r.retryAfter, refusal?.at ?? 0);

  const fid = (f: Field) => `${id}-${f}`;
  const set = (f: Field) => (v: string) => {
    setForm((old) => ({ ...old, [f]: v }));
    // A field's message goes once it is fixed; new ones appear at the next submit.
    if (errors[f]) setErrors((old) => ({ ...old, [f]: validate({ ...form, [f]: v })[f] }));
  };

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (inFlight.current) return;
    const found = validate(form);
    setErrors(found);
    const bad = Object.keys(found) as Field[];
    if (bad.length > 0) {
      // Focus the first field in error: its message is read with it (aria-describedby).
      document.getElementById(fid(bad[0]!))?.focus();
      return;
    }
    const body: PlaceOrderBody = {
      items: lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
      shippingAddress: shippingAddress(form),
      payment: method === 'card' ? { method: 'card', token } : { method: 'paypay' },
      ...(form.email ? { email: form.email } : {}),
    };
    inFlight.current = true;
    setBusy(true);
    setRefusal(undefined);
    const r = await attempt.current.send(body);
    inFlight.current = false;
    setBusy(false);
    if (r.kind === 'paid' || r.kind === 'waiting') {
      if (r.kind === 'waiting') {
        if (r.channelToken) keepChannelToken(r.order.orderNo, r.channelToken);
        // No return URL at the simulator: its page opens in a new tab while this tab follows the order live.
        // (Still within the press's user activation, so popup blockers let it through; the order page links it too.)
        if (r.order.payment.nextAction) window.open(r.order.payment.nextAction.url, '_blank', 'noopener');
      }
      cart.clear();
      navigate(`/shop/orders/${encodeURIComponent(r.order.orderNo)}`);
      return;
    }
    if (r.status === 401) setSession(undefined);
    if (r.error.code === 'OUT_OF_STOCK') onStockChanged();
    setRefusal({ r, at: Date.now() });
  };

  // A refusal is announced (role=alert) and gets the focus, so keyboard users land on the way forward.
  useEffect(() => {
    if (refusal) refusalRef.current?.focus();
  }, [refusal]);
  useEffect(() => {
    if (Object.keys(errors).length > 0) summaryRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [errors]);

  if (!session) {
    return (
      <section aria-labelledby={`${id}-title`} className="checkout">
        <h2 id={`${id}-title`}>{t('checkout.title')}</h2>
        <p>{t('checkout.signInFirst')}</p>
        <SignInForm />
      </section>
    );
  }

  const field = (f: Field, label: string, input: (p: FieldProps) => ReactNode, hint?: string) => {
    const err = errors[f];
    const described = [hint ? `${fid(f)}-hint` : '', err ? `${fid(f)}-err` : ''].filter(Boolean).join(' ');
    return (
      <div className="field">
        <label htmlFor={fid(f)}>{label}</label>
        {hint ? <p id={`${fid(f)}-hint`} className="hint">{hint}</p> : null}
        {input({ id: fid(f), name: f, value: form[f], onChange: set(f), 'aria-invalid': err ? true : undefined, 'aria-describedby': described || undefined })}
        {err ? <p id={`${fid(f)}-err`} className="error field-error">{t(err)}</p> : null}
      </div>
    );
  };
  const text = (type: string, autoComplete: string) => (p: FieldProps) => (
    <input {...p} type={type} autoComplete={autoComplete} onChange={(e) => p.onChange(e.target.value)} />
  );
  const errorCount = Object.keys(errors).length;
  const nameOf = (sku: string) => products?.find((p) => p.sku === sku)?.name ?? sku;

  return (
    <section aria-labelledby={`${id}-title`} className="checkout">
      <h2 id={`${id}-title`}>{t('checkout.title')}</h2>
      <form onSubmit={submit} noValidate>
        <div ref={summaryRef} role="alert">{errorCount > 0 ? <p className="error">{t('err.summary', { n: errorCount })}</p> : null}</div>
        {field('name', t('f.name'), text('text', 'name'))}
        {field('postalCode', t('f.postalCode'), text('text', 'postal-code'), t('f.postalCode.hint'))}
        {field('prefecture', t('f.prefecture'), (p) => (
          <select {...p} autoComplete="address-level1" onChange={(e) => p.onChange(e.target.value)}>
            <option value="">{t('f.prefecture.choose')}</option>
            {PREFECTURES.map((name) => (
              <option key={name} value={name}>{name}</option>
            ))}
          </select>
        ))}
        {field('city', t('f.city'), text('text', 'address-level2'))}
        {field('line1', t('f.line1'), text('text', 'address-line1'))}
        {field('line2', t('f.line2'), text('text', 'address-line2'))}
        {field('phone', t('f.phone'), text('tel', 'tel'), t('f.phone.hint'))}
        {field('email', t('f.email'), text('email', 'email'), t('f.email.hint'))}

        <fieldset className="payment">
          <legend>{t('pay.legend')}</legend>
          <label className="radio">
            <input type="radio" name="method" value="card" checked={method === 'card'} onChange={() => setMethod('card')} /> {t('pay.card')}
          </label>
          <label className="radio">
            <input type="radio" name="method" value="paypay" checked={method === 'paypay'} onChange={() => setMethod('paypay')} /> {t('pay.paypay')}
          </label>
          {method === 'card' ? (
            <div className="field">
              <label htmlFor={`${id}-token`}>{t('pay.testCard')}</label>
              <select id={`${id}-token`} name="token" value={token} onChange={(e) => setToken(e.target.value as SimToken)}>
                {SIM_TOKENS.map((tok) => (
                  <option key={tok} value={tok}>{t(`tok.${tok}`)}</option>
                ))}
              </select>
            </div>
          ) : (
            <p className="hint">{t('pay.paypayHint')}</p>
          )}
        </fieldset>

        {refusal ? (
          <div ref={refusalRef} tabIndex={-1} role="alert" className="refusal" data-code={refusal.r.error.code}>
            <RefusalText r={refusal.r} nameOf={nameOf} />
            {retryable(refusal.r) && refusal.r.error.code !== 'OUT_OF_STOCK' ? (
              <p className="retry">
                <span className="countdown">{left > 0 ? t('retry.in', { s: left }) : t('retry.now')}</span>{' '}
                <button type="button" className="primary" disabled={busy || left > 0} onClick={() => void submit()}>
                  {t('retry.button')}
                </button>
              </p>
            ) : null}
          </div>
        ) : null}

        <button type="submit" className="primary place" disabled={busy}>
          {busy ? t('order.placing') : t('order.place')}
        </button>
      </form>
    </section>
  );
}

interface FieldProps {
  id: string;
  name: string;
  value: string;
  onChange: (v: string) => void;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/** What went wrong, in the buyer's words: the API's own message too (localized by Accept-Language). */
function RefusalText({ r, nameOf }: { r: Refusal; nameOf: (sku: string) => string }) {
  const { t } = useI18n();
  const e = r.error;
  if (e.code === 'OUT_OF_STOCK') {
    const items = ((e.details as { items?: { sku: string; requested: number; available: number }[] } | undefined)?.items ?? [])
      .map((i) => t('err.outOfStockItem', { name: nameOf(i.sku), requested: i.requested, available: i.available }))
      .join('、');
    return <p className="error">{t('err.outOfStock', { items })}</p>;
  }
  if (e.code === 'PAYMENT_DECLINED') return <p className="error">{t('err.declined')} <span className="muted">({e.message})</span></p>;
  if (r.status === 0) return <p className="error">{t('err.network')}</p>;
  if (r.status === 401) return <p className="error">{t('err.signInAgain')}</p>;
  return (
    <p className="error">
      {e.message}
      {e.orderNo ? <> {t('err.failedOrder', { orderNo: e.orderNo })}</> : null}
    </p>
  );
}
