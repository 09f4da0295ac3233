import { useState } from 'react';
import { useI18n } from '../../shared/i18n.tsx';
import { formatMoney, formatTime } from '../../shared/format.ts';
import { ConfirmDialog } from '../dialog.tsx';
import { api } from '../session.ts';
import { useData } from '../use-data.ts';
import type { OrderDetail } from '../api-types.ts';

type Detail = OrderDetail;

type Action = 'cancel' | 'refund' | { retry: number };

/** One order: everything the admin detail returns, and the operator's actions behind confirmations. */
export function OrderPage({ orderNo }: { orderNo: string }) {
  const { t, lang } = useI18n();
  const { data, error, reload } = useData<Detail>(`/api/v1/admin/orders/${encodeURIComponent(orderNo)}`);
  const [action, setAction] = useState<Action>();
  const [reason, setReason] = useState('');
  const [amount, setAmount] = useState('');
  const [result, setResult] = useState<string>();
  if (error) return <p role="alert" className="error">{error}</p>;
  if (!data) return <p>{t('loading')}</p>;
  const refundable = (data.payment?.capturedAmount ?? 0) - (data.payment?.refundedAmount ?? 0);
  const amountOk = /^\d+$/.test(amount) && Number(amount) >= 1 && Number(amount) <= refundable;
  const reasonOk = reason.trim().length >= 3;
  const dead = data.tasks.filter((x) => x.state === 'dead');
  const done = () => (setResult(t('done')), setReason(''), setAmount(''), reload());
  const close = () => setAction(undefined);
  return (
    <>
      <h1>
        {t('order')} {data.orderNo}
      </h1>
      <p>
        {t('status')}: <strong data-testid="order-status">{data.status}</strong> · {t('total')}: {formatMoney(data.total, lang)} · {t('customer')}: {data.customerId}
        {data.failure && <> · {data.failure.reason}</>}
      </p>
      {data.payment && (
        <p>
          {t('payment')}: {data.payment.status} ({data.payment.provider}) · {t('captured')}: {formatMoney({ amount: data.payment.capturedAmount, currency: 'JPY' }, lang)} · {t('refunded')}:{' '}
          <span data-testid="refunded">{formatMoney({ amount: data.payment.refundedAmount, currency: 'JPY' }, lang)}</span>
        </p>
      )}
      <div className="row">
        {data.status === 'PAID' && (
          <>
            <button type="button" onClick={() => setAction('refund')}>
              {t('refund')}
            </button>
            <button type="button" className="danger" onClick={() => setAction('cancel')}>
              {t('cancelOrder')}
            </button>
          </>
        )}
        {dead.map((d) => (
          <button key={d.id} type="button" onClick={() => setAction({ retry: d.id })}>
            {t('retry')} {d.name}
          </button>
        ))}
      </div>
      {result && <p role="status" className="ok">{result}</p>}
      {action === 'refund' && (
        <ConfirmDialog title={t('refund')} confirm={t('refund')} valid={amountOk && reasonOk} onClose={close}
          onConfirm={async (key) => (await api(lang, 'POST', `/api/v1/admin/orders/${orderNo}/refunds`, { idempotencyKey: key, body: { reason, amount: { amount: Number(amount), currency: 'JPY' } } }), done())}>
          <label>
            {t('amount')}
            <input inputMode="numeric" value={amount} onChange={(e) => setAmount(e.target.value)} aria-describedby="amt-hint" />
          </label>
          <p id="amt-hint" className={amount && !amountOk ? 'error' : 'muted'}>{t('amountInvalid', { max: refundable })}</p>
          <label>
            {t('reason')}
            <input value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
        </ConfirmDialog>
      )}
      {action === 'cancel' && (
        <ConfirmDialog title={t('cancelOrder')} confirm={t('cancelOrder')} danger valid={reasonOk} onClose={close}
          onConfirm={async (key) => (await api(lang, 'POST', `/api/v1/admin/orders/${orderNo}/cancel`, { idempotencyKey: key, body: { reason } }), done())}>
          <label>
            {t('reason')}
            <input value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
        </ConfirmDialog>
      )}
      {typeof action === 'object' && (
        <ConfirmDialog title={t('retry')} confirm={t('retry')} onClose={close}
          onConfirm={async () => (await api(lang, 'POST', `/api/v1/admin/dead-letters/${action.retry}/retry`, { body: {} }), done())} />
      )}
      <h2>{t('timeline')}</h2>
      <div className="scroll">
        <table>
          <thead><tr><th scope="col">{t('when')}</th><th scope="col">{t('action')}</th><th scope="col">data</th></tr></thead>
          <tbody>
            {data.timeline.map((e, i) => (
              <tr key={i}><td>{formatTime(e.at, lang)}</td><td>{e.what}</td><td><pre>{e.data ? JSON.stringify(e.data) : ''}</pre></td></tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t('attempts')}</h2>
      <ul>{data.payment?.attempts.map((a) => <li key={a.idempotencyKey}>{a.provider} {a.status} {a.declineCode ?? ''} ({a.idempotencyKey})</li>)}</ul>
      <h2>{t('tasks')}</h2>
      <ul>{data.tasks.map((x) => <li key={x.id}>{x.name}: {x.state} ×{x.attempts} {x.lastError ?? ''}</li>)}</ul>
      <h2>{t('webhooks')}</h2>
      <ul>{data.webhooks.map((w) => <li key={w.provider + w.eventId}>{formatTime(w.receivedAt, lang)} {w.provider} {w.type}</li>)}</ul>
      <h2>{t('mails')}</h2>
      <ul>{data.notifications.map((n, i) => <li key={i}>{n.kind} → {n.recipient}: {n.state}</li>)}</ul>
    </>
  );
}
