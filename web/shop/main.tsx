import { createRoot } from 'react-dom/client';
import '../shared/base.css';
import './shop.css';
import { I18nProvider } from '../shared/i18n.tsx';
import { App } from './app.tsx';
import { messages } from './messages.ts';

createRoot(document.getElementById('root')!).render(
  <I18nProvider messages={messages}>
    <App />
  </I18nProvider>,
);
