import { useState } from 'react';
import { useI18n } from '../../shared/i18n.tsx';
import { Link, navigate, useLocation } from '../../shared/router.tsx';
import { formatMoney, formatTime } from '../../shared/format.ts';
import { useData } from '../use-data.ts';
import type { OrderList } from '../api-types.ts';

const STATUSES = ['PENDING', 'WAITING_PAYMENT', 'PAID', 'FAILED', 'CANCELLED'];
const FIELDS = ['status', 'sku', 'customerId', 'from', 'to'] as const;

/** Orders, paged by the server (nextCursor); the filters live in the URL query so a link shares them. */
export function OrderList() {
  const { t, lang } = useI18n();
  const { query } = useLocation();
  const [form, setForm] = useState(() => Object.fromEntries(FIELDS.map((f) => [f, query.get(f) ?? ''])) as Record<(typeof FIELDS)[number], string>);
  const q = new URLSearchParams();
  for (const f of FIELDS) {
    const v = query.get(f);
    // datetime-local values have no zone: the browser's own, sent as ISO.
    if (v) q.set(f, f === 'from' || f === 'to' ? new Date(v).toISOString() : v);
  }
  if (query.get('cursor')) q.set('cursor', query.get('cursor')!);
  q.set('limit', '50');
  const { data, error } = useData<OrderList>(`/api/v1/admin/orders?${q}`);
  const apply = () => {
    const u = new URLSearchParams();
    for (const f of FIELDS) if (form[f]) u.set(f, form[f]);
    navigate(`/console/orders?${u}`);
  };
  const withCursor = (c: string | null) => {
    const u = new URLSearchParams(query);
    if (c) u.set('cursor', c);
    else u.delete('cursor');
    return `/console/orders?${u}`;
  };
  return (
    <>
      <h1>{t('orders')}</h1>
      <form className="filters" onSubmit={(e) => (e.preventDefault(), apply())}>
        <label>
          {t('status')}
          <select value={form.status} onChange={(e) => setForm({ ...form, status: e.target.value })}>
            <option value="">{t('any')}</option>
            {STATUSES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          {t('sku')}
          <input value={form.sku} onChange={(e) => setForm({ ...form, sku: e.target.value })} />
        </label>
        <label>
          {t('customer')}
          <input value={form.customerId} onChange={(e) => setForm({ ...form, customerId: e.target.value })} />
        </label>
        <label>
          {t('from')}
          <input type="datetime-local" value={form.from} onChange={(e) => setForm({ ...form, from: e.target.value })} />
        </label>
        <label>
          {t('to')}
          <input type="datetime-local" value={form.to} onChange={(e) => setForm({ ...form, to: e.target.value })} />
        </label>
        <button type="submit" className="primary">
          {t('filter')}
        </button>
      </form>
      {error && <p role="alert" className="error">{error}</p>}
      {!data ? (
        <p>{t('loading')}</p>
      ) : data.orders.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <div className="scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('order')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col">{t('total')}</th>
                <th scope="col">{t('created')}</th>
              </tr>
            </thead>
            <tbody>
              {data.orders.map((o) => (
                <tr key={o.orderNo}>
                  <td>
                    <Link to={`/console/orders/${o.orderNo}`}>{o.orderNo}</Link>
                  </td>
                  <td>{o.status}</td>
                  <td>{formatMoney(o.total, lang)}</td>
                  <td>{formatTime(o.createdAt, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="row">
        {query.get('cursor') && <Link to={withCursor(null)}>{t('first')}</Link>}
        {data?.nextCursor && <Link to={withCursor(data.nextCursor)}>{t('next')}</Link>}
      </div>
    </>
  );
}
