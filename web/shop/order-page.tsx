import { useEffect, useState } from 'react';
import { errorOf, type ApiError } from '../shared/client.ts';
import { formatMoney, formatTime } from '../shared/format.ts';
import { useI18n } from '../shared/i18n.tsx';
import { api, type OrderView } from './api.ts';
import { channelTokenOf } from './channel-tokens.ts';
import { followOrder, isFinal, type LiveVia } from './live.ts';
import { sessionToken } from './session.ts';

/**
 * One order: read once (GET), then followed live until PAID or FAILED (live.ts), then read once more so
 * the page ends on the server's answer, whatever the stream missed.
 */
export function OrderPage({ orderNo }: { orderNo: string }) {
  const { t, lang } = useI18n();
  const [order, setOrder] = useState<OrderView>();
  const [error, setError] = useState<ApiError>();
  const [via, setVia] = useState<LiveVia>('none');

  useEffect(() => {
    let stop: (() => void) | undefined;
    let live = true;
    const read = async () => {
      const channelToken = channelTokenOf(orderNo);
      // The channel token opens this order alone; without one (my orders), the customer's JWT.
      const headers = channelToken ? { authorization: `Bearer ${channelToken}` } : undefined;
      const { data, error: e, response } = await api.GET('/api/v1/orders/{orderNo}', { params: { path: { orderNo } }, ...(headers ? { headers } : {}) });
      if (!live) return undefined;
      if (data) setOrder(data);
      else setError(errorOf(e, response.status));
      return data;
    };
    void read()
      .then((first) => {
        if (!live || !first || isFinal(first.status)) return;
        stop = followOrder(
          orderNo,
          { channelToken: channelTokenOf(orderNo), bearer: sessionToken },
          (o) => {
            setOrder(o);
            if (isFinal(o.status)) void read();
          },
          (v) => live && setVia(v),
        );
      })
      .catch((e: unknown) => live && setError(errorOf(e)));
    return () => {
      live = false;
      stop?.();
    };
  }, [orderNo]);

  const action = order?.status === 'WAITING_PAYMENT' ? order.payment.nextAction : undefined;
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1}>{t('orderPage.title', { orderNo })}</h1>
      {error ? <p className="error" role="alert">{error.code === 'ORDER_NOT_FOUND' ? t('orderPage.notFound') : error.message}</p> : null}
      {order ? (
        <>
          <div role="status" className="order-status">
            <p>
              {t('orderPage.status')}: <strong className={`badge s-${order.status}`} data-status={order.status}>{t(`status.${order.status}`)}</strong>
            </p>
            {order.status === 'PAID' ? <p className="ok">{t('orderPage.thanks')}</p> : null}
            {order.failure ? <p className="error">{t('orderPage.failure', { reason: t(`reason.${order.failure.reason}`) })}</p> : null}
          </div>
          {action ? (
            <div className="next-action">
              <p>
                <a className="button primary" href={action.url} target="_blank" rel="noopener noreferrer">
                  {order.payment.method === 'paypay' ? t('orderPage.openPaypay') : t('orderPage.open3ds')}
                </a>
              </p>
              <p>{t('orderPage.actionHint')}</p>
              {order.payment.expiresAt ? <p className="muted">{t('orderPage.expiresAt', { at: formatTime(order.payment.expiresAt, lang) })}</p> : null}
            </div>
          ) : null}
          {via !== 'none' ? <p className="muted live-via">{t(`orderPage.live.${via}`)}</p> : null}
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('cart.item')}</th>
                  <th scope="col">{t('cart.price')}</th>
                  <th scope="col">{t('cart.quantity')}</th>
                  <th scope="col">{t('cart.subtotal')}</th>
                </tr>
              </thead>
              <tbody>
                {order.items.map((i) => (
                  <tr key={i.sku}>
                    <th scope="row">{i.name}</th>
                    <td>{formatMoney(i.unitPrice, lang)}</td>
                    <td>{i.quantity}</td>
                    <td>{formatMoney(i.lineTotal, lang)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={3}>{t('orderPage.total')}</th>
                  <td>{formatMoney(order.total, lang)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
          <p className="muted">{t('orderPage.createdAt')}: {formatTime(order.createdAt, lang)}</p>
        </>
      ) : null}
    </section>
  );
}
