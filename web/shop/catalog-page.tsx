import { useState } from 'react';
import { formatMoney } from '../shared/format.ts';
import { useI18n } from '../shared/i18n.tsx';
import { cart, useCart } from './cart.ts';
import { useCatalog } from './catalog.ts';

export function CatalogPage() {
  const { t, lang } = useI18n();
  const { products, error } = useCatalog();
  const lines = useCart();
  const [added, setAdded] = useState('');

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1}>{t('catalog.title')}</h1>
      {/* A polite live region: "added to cart" is read out without moving focus off the button. */}
      <p className="status-line" role="status">{added}</p>
      {error ? <p className="error" role="alert">{error.message}</p> : null}
      {!products && !error ? <p>{t('catalog.loading')}</p> : null}
      {products?.length === 0 ? <p>{t('catalog.empty')}</p> : null}
      <ul className="products">
        {products?.map((p) => {
          const inCart = lines.find((l) => l.sku === p.sku)?.quantity ?? 0;
          const soldOut = p.available <= 0;
          return (
            <li key={p.sku} className="product" data-sku={p.sku}>
              <h2>{p.name}</h2>
              <p className="muted">{p.sku}</p>
              <p className="price">{formatMoney(p.price, lang)}</p>
              <p className={soldOut ? 'error' : 'ok'}>{soldOut ? t('catalog.soldOut') : t('catalog.available', { n: p.available })}</p>
              <button
                type="button"
                className="primary"
                disabled={soldOut || inCart >= p.available}
                aria-label={`${t('catalog.add')}: ${p.name}`}
                onClick={() => {
                  cart.add(p.sku);
                  setAdded(t('catalog.added', { name: p.name }));
                }}
              >
                {t('catalog.add')}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
