import { formatMoney } from '../shared/format.ts';
import { useI18n } from '../shared/i18n.tsx';
import { cart, MAX_QUANTITY, useCart } from './cart.ts';
import { useCatalog } from './catalog.ts';
import { CheckoutForm } from './checkout-form.tsx';

/** The cart (quantities, removal, total from the catalog's prices) and, below it, the checkout. */
export function CartPage() {
  const { t, lang } = useI18n();
  const lines = useCart();
  const { products, reload } = useCatalog();
  const bySku = new Map(products?.map((p) => [p.sku, p]));
  const total = lines.reduce((sum, l) => sum + (bySku.get(l.sku)?.price.amount ?? 0) * l.quantity, 0);

  return (
    <>
      <section aria-labelledby="page-title">
        <h1 id="page-title" tabIndex={-1}>{t('cart.title')}</h1>
        {lines.length === 0 ? (
          <p>{t('cart.empty')}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('cart.item')}</th>
                  <th scope="col">{t('cart.price')}</th>
                  <th scope="col">{t('cart.quantity')}</th>
                  <th scope="col">{t('cart.subtotal')}</th>
                  <td />
                </tr>
              </thead>
              <tbody>
                {lines.map((l) => {
                  const p = bySku.get(l.sku);
                  const name = p?.name ?? l.sku;
                  return (
                    <tr key={l.sku} data-sku={l.sku}>
                      <th scope="row">
                        {name} {products && !p ? <span className="muted">{t('cart.unknown')}</span> : null}
                      </th>
                      <td>{p ? formatMoney(p.price, lang) : '—'}</td>
                      <td>
                        <input
                          type="number"
                          className="qty"
                          min={1}
                          max={MAX_QUANTITY}
                          value={l.quantity}
                          aria-label={t('cart.quantityOf', { name })}
                          onChange={(e) => cart.setQuantity(l.sku, Number(e.target.value))}
                        />
                      </td>
                      <td>{p ? formatMoney({ amount: p.price.amount * l.quantity, currency: p.price.currency }, lang) : '—'}</td>
                      <td>
                        <button type="button" aria-label={t('cart.removeOf', { name })} onClick={() => cart.remove(l.sku)}>
                          {t('cart.remove')}
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={3}>{t('cart.total')}</th>
                  <td className="total">{formatMoney({ amount: total, currency: 'JPY' }, lang)}</td>
                  <td />
                </tr>
              </tfoot>
            </table>
          </div>
        )}
      </section>
      {lines.length > 0 ? <CheckoutForm lines={lines} products={products} onStockChanged={reload} /> : null}
    </>
  );
}
