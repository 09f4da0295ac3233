import { useEffect, useRef } from 'react';
import { LangSwitch, useI18n } from '../shared/i18n.tsx';
import { Link, match, useLocation } from '../shared/router.tsx';
import { useCart } from './cart.ts';
import { CartPage } from './cart-page.tsx';
import { CatalogPage } from './catalog-page.tsx';
import { OrderPage } from './order-page.tsx';
import { OrdersPage } from './orders-page.tsx';
import { setSession, useSession } from './session.ts';
import { SignInPage } from './sign-in.tsx';

/** The page's parts: header (brand, menu, who, language), one page per path, focus moved on navigation. */
export function App() {
  const { t } = useI18n();
  const { path } = useLocation();
  const session = useSession();
  const lines = useCart();
  const count = lines.reduce((n, l) => n + l.quantity, 0);
  const first = useRef(true);

  // After an in-page navigation, focus goes to the new page's heading, as a page load would put it at the top
  // (screen readers announce it); not on the first load, where the browser's own start is right.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('page-title')?.focus();
  }, [path]);

  let page;
  let params: Record<string, string> | undefined;
  if (match('/shop', path)) page = <CatalogPage />;
  else if (match('/shop/cart', path)) page = <CartPage />;
  else if (match('/shop/sign-in', path)) page = <SignInPage />;
  else if (match('/shop/orders', path)) page = <OrdersPage />;
  else if ((params = match('/shop/orders/:orderNo', path))) page = <OrderPage key={params.orderNo} orderNo={params.orderNo!} />;
  else page = <h1 id="page-title" tabIndex={-1}>{t('notFound.title')}</h1>;

  const current = (to: string) => (path.replace(/\/+$/, '') === to ? ('page' as const) : undefined);
  return (
    <>
      <a className="skip" href="#main">{t('skip')}</a>
      <header className="site">
        <Link to="/shop" className="brand">{t('shop.name')}</Link>
        <nav aria-label={t('nav.label')}>
          <Link to="/shop" aria-current={current('/shop')}>{t('nav.catalog')}</Link>
          <Link to="/shop/cart" aria-current={current('/shop/cart')}>{t('nav.cart', { count })}</Link>
          <Link to="/shop/orders" aria-current={current('/shop/orders')}>{t('nav.orders')}</Link>
          {session ? null : <Link to="/shop/sign-in" aria-current={current('/shop/sign-in')}>{t('nav.signIn')}</Link>}
        </nav>
        <div className="who">
          {session ? (
            <>
              <span>{t('session.as', { customer: session.customerId })}</span>
              <button type="button" onClick={() => setSession(undefined)}>{t('session.signOut')}</button>
            </>
          ) : null}
          <LangSwitch label={t('lang.label')} />
        </div>
      </header>
      <main id="main" tabIndex={-1}>{page}</main>
    </>
  );
}
