import { useEffect, useState } from 'react';
import { errorOf, type ApiError } from '../shared/client.ts';
import { formatMoney, formatTime } from '../shared/format.ts';
import { useI18n } from '../shared/i18n.tsx';
import { Link } from '../shared/router.tsx';
import { api } from './api.ts';
import { useSession } from './session.ts';
import { SignInForm } from './sign-in.tsx';

const PAGE = 10;
type Row = { orderNo: string; status: string; total: { amount: number; currency: string }; createdAt: string };

/** The signed-in customer's orders (GET /api/v1/orders), newest first, a page at a time ("show more" follows nextCursor). */
export function OrdersPage() {
  const { t, lang } = useI18n();
  const session = useSession();
  const [rows, setRows] = useState<Row[]>([]);
  const [cursor, setCursor] = useState<string | null>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(false);

  const load = async (after?: string) => {
    setLoading(true);
    const { data, error: e, response } = await api.GET('/api/v1/orders', { params: { query: { limit: PAGE, ...(after ? { cursor: after } : {}) } } });
    setLoading(false);
    if (!data) return setError(errorOf(e, response.status));
    setRows((old) => (after ? [...old, ...data.orders] : data.orders));
    setCursor(data.nextCursor);
  };
  useEffect(() => {
    setRows([]);
    setCursor(undefined);
    if (session) void load().catch((e: unknown) => setError(errorOf(e)));
    // Again only when the buyer changes (load itself is new at each render).
  }, [session?.customerId]);

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1}>{t('orders.title')}</h1>
      {!session ? <SignInForm /> : null}
      {error ? <p className="error" role="alert">{error.message}</p> : null}
      {session && cursor === undefined && loading ? <p>{t('orders.loading')}</p> : null}
      {session && cursor !== undefined && rows.length === 0 ? <p>{t('orders.empty')}</p> : null}
      {rows.length > 0 ? (
        <div className="table-wrap">
          <table className="orders">
            <thead>
              <tr>
                <th scope="col">{t('orders.orderNo')}</th>
                <th scope="col">{t('orders.date')}</th>
                <th scope="col">{t('orders.status')}</th>
                <th scope="col">{t('orders.total')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((o) => (
                <tr key={o.orderNo} data-order={o.orderNo}>
                  <th scope="row"><Link to={`/shop/orders/${encodeURIComponent(o.orderNo)}`}>{o.orderNo}</Link></th>
                  <td>{formatTime(o.createdAt, lang)}</td>
                  <td><span className={`badge s-${o.status}`}>{t(`status.${o.status}`)}</span></td>
                  <td>{formatMoney(o.total, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {cursor ? (
        <button type="button" disabled={loading} onClick={() => void load(cursor)}>{t('orders.more')}</button>
      ) : null}
    </section>
  );
}
