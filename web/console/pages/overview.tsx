import { useEffect, useState } from 'react';
import { useI18n } from '../../shared/i18n.tsx';
import { readEvents } from '../../shared/sse.ts';
import { formatMs, formatPercent } from '../../shared/format.ts';
import { StackedBars } from '../chart.tsx';
import { api, getKey } from '../session.ts';
import type { Overview as OverviewAnswer } from '../api-types.ts';


/** The live overview: the SSE stream, and a poll every 5 s while the stream is down. */
export function Overview() {
  const { t, lang } = useI18n();
  const [data, setData] = useState<OverviewAnswer>();
  const [state, setState] = useState<'connecting' | 'open' | 'retrying' | 'closed'>('connecting');
  useEffect(() => {
    const stop = readEvents('/api/v1/admin/overview/stream', () => ({ authorization: `Bearer ${getKey() ?? ''}`, 'accept-language': lang }), (event, json) => {
      if (event === 'overview') setData(JSON.parse(json) as OverviewAnswer);
    }, { onState: setState });
    return stop;
  }, [lang]);
  useEffect(() => {
    if (state === 'open') return;
    const poll = () => void api<OverviewAnswer>(lang, 'GET', '/api/v1/admin/overview?minutes=60').then(setData, () => undefined);
    poll();
    const id = setInterval(poll, 5000);
    return () => clearInterval(id);
  }, [state, lang]);
  const total = data?.purchases.reduce((s, b) => s + b.paid + b.failed + b.cancelled + b.open, 0) ?? 0;
  return (
    <>
      <h1>{t('overview')}</h1>
      <p role="status" data-testid="stream-state">
        {state === 'open' ? t('live') : state === 'connecting' ? t('connecting') : t('reconnecting')}
      </p>
      {!data ? (
        <p>{t('loading')}</p>
      ) : (
        <>
          <section aria-labelledby="ppm">
            <h2 id="ppm">{t('purchasesPerMinute')}</h2>
            <p data-testid="purchase-total">{t('purchasesTotal', { n: total })}</p>
            <StackedBars bars={data.purchases} label={t('purchasesPerMinute')} legend={{ paid: t('paid'), failed: t('failed'), cancelled: t('cancelled'), open: t('open') }} />
          </section>
          <div className="cards">
            <section className="card">
              <h2>{t('successRate')}</h2>
              <p className="big">{formatPercent(data.successRate.ratio)}</p>
              <p>{t('objective', { o: formatPercent(data.successRate.objective) })}</p>
            </section>
            <section className="card">
              <h2>{t('webhookToPaid')}</h2>
              <p>p50 {formatMs(data.webhookToPaid.p50Ms)} · p95 {formatMs(data.webhookToPaid.p95Ms)} · p99 {formatMs(data.webhookToPaid.p99Ms)}</p>
            </section>
            <section className="card">
              <h2>{t('psps')}</h2>
              <ul>
                {data.providers.map((p) => (
                  <li key={p.name}>
                    {p.name}: {p.circuit}
                  </li>
                ))}
              </ul>
            </section>
            <section className="card">
              <h2>{t('openAlerts')}</h2>
              <p className="big">{data.alerts.open}</p>
            </section>
            <section className="card">
              <h2>{t('deadLetterCount')}</h2>
              <p className="big">{data.deadLetters.count}</p>
            </section>
            <section className="card">
              <h2>{t('topTriage')}</h2>
              <ul>
                {data.triage.top.map((c) => (
                  <li key={c.id}>
                    {c.name[lang]}: {c.count}
                  </li>
                ))}
              </ul>
            </section>
          </div>
        </>
      )}
    </>
  );
}
