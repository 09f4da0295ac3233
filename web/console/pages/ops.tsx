import { useState } from 'react';
import { useI18n } from '../../shared/i18n.tsx';
import { formatMs, formatPercent, formatTime } from '../../shared/format.ts';
import { ConfirmDialog } from '../dialog.tsx';
import { api } from '../session.ts';
import { useData } from '../use-data.ts';
import type { Alerts, DeadLetter, DeadLetters, Providers, ReconcileRuns, Remediations, TriageReport } from '../api-types.ts';

/** A small scrolling table: headers and rows of cells. */
function Table({ head, rows }: { head: string[]; rows: (string | number | React.ReactNode)[][] }) {
  const { t } = useI18n();
  if (rows.length === 0) return <p>{t('none')}</p>;
  return (
    <div className="scroll">
      <table>
        <thead><tr>{head.map((h) => <th key={h} scope="col">{h}</th>)}</tr></thead>
        <tbody>{rows.map((r, i) => <tr key={i}>{r.map((c, j) => <td key={j}>{c}</td>)}</tr>)}</tbody>
      </table>
    </div>
  );
}


export function Psps() {
  const { t, lang } = useI18n();
  const { data, error } = useData<Providers>('/api/v1/admin/providers');
  return (
    <>
      <h1>{t('psps')}</h1>
      {error && <p role="alert" className="error">{error}</p>}
      {data?.providers.map((p) => (
        <section key={p.name} className="card">
          <h2>{p.name}</h2>
          <p>{t('circuit')}: {p.circuit} · {t('rateLimit')}: {p.rateLimitPerSecond} · {t('calls')}: {p.recent.calls} ({formatPercent(p.recent.successRate)})</p>
          <p>{t('latency')}: {formatMs(p.latency?.p50Ms)} / {formatMs(p.latency?.p95Ms)} / {formatMs(p.latency?.p99Ms)}</p>
          <h3>{t('recentFailures')}</h3>
          <Table head={[t('when'), t('action'), t('status'), t('error')]} rows={(p.recentFailures ?? []).map((f) => [formatTime(f.at, lang), f.operation, f.status ?? '—', <pre key="b">{f.code} {f.body ?? ''}</pre>])} />
        </section>
      ))}
    </>
  );
}


export function Alerts() {
  const { t, lang } = useI18n();
  const { data, error, reload } = useData<Alerts>('/api/v1/admin/alerts?limit=50');
  const [resolving, setResolving] = useState<string>();
  const [note, setNote] = useState('');
  const [msg, setMsg] = useState<string>();
  const ack = async (id: string) => {
    try {
      await api(lang, 'POST', `/api/v1/admin/alerts/${id}/acknowledge`, { body: {} });
      setMsg(t('done'));
      reload();
    } catch (e) {
      setMsg((e as Error).message);
    }
  };
  return (
    <>
      <h1>{t('alerts')}</h1>
      {error && <p role="alert" className="error">{error}</p>}
      {msg && <p role="status">{msg}</p>}
      <Table
        head={[t('when'), t('rule'), t('order'), t('status'), '', '']}
        rows={(data?.alerts ?? []).map((a) => [
          formatTime(a.detectedAt, lang), a.ruleId, a.orderNo, <span key="s" data-testid="alert-status">{a.status}</span>,
          a.status === 'open' ? <button key="a" type="button" onClick={() => void ack(a.alertId)}>{t('acknowledge')}</button> : '',
          a.status !== 'resolved' ? <button key="r" type="button" onClick={() => setResolving(a.alertId)}>{t('resolve')}</button> : '',
        ])}
      />
      {resolving && (
        <ConfirmDialog title={t('resolve')} confirm={t('resolve')} valid={note.trim().length >= 3} onClose={() => setResolving(undefined)}
          onConfirm={async () => (await api(lang, 'POST', `/api/v1/admin/alerts/${resolving}/resolve`, { body: { note } }), setMsg(t('done')), reload())}>
          <label>{t('note')}<input value={note} onChange={(e) => setNote(e.target.value)} /></label>
        </ConfirmDialog>
      )}
    </>
  );
}

/** One dead letter's payload and error history, fetched when the operator opens it. */
function DeadDetail({ id }: { id: number }) {
  const [open, setOpen] = useState(false);
  const { data } = useData<DeadLetter>(open ? `/api/v1/admin/dead-letters/${id}` : undefined);
  return (
    <details onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{id}</summary>
      {data && <pre>{JSON.stringify(data, null, 1)}</pre>}
    </details>
  );
}


export function DeadLetters() {
  const { t, lang } = useI18n();
  const { data, error, reload } = useData<DeadLetters>('/api/v1/admin/dead-letters?limit=100');
  const [act, setAct] = useState<{ id: number; kind: 'retry' | 'discard' }>();
  const [reason, setReason] = useState('');
  const [msg, setMsg] = useState<string>();
  return (
    <>
      <h1>{t('deadLetters')}</h1>
      {error && <p role="alert" className="error">{error}</p>}
      {msg && <p role="status">{msg}</p>}
      <Table
        head={['id', t('task'), t('order'), t('error'), t('when'), '', '']}
        rows={(data?.deadLetters ?? []).map((d) => [
          <DeadDetail key="i" id={d.id} />, d.task, d.orderNo ?? '—', <pre key="e">{d.lastError ?? ''}</pre>, formatTime(d.diedAt, lang),
          <button key="r" type="button" onClick={() => setAct({ id: d.id, kind: 'retry' })}>{t('retry')} {d.id}</button>,
          <button key="d" type="button" onClick={() => setAct({ id: d.id, kind: 'discard' })}>{t('discard')} {d.id}</button>,
        ])}
      />
      {act && (
        <ConfirmDialog title={`${t(act.kind)} ${act.id}`} confirm={t(act.kind)} danger={act.kind === 'discard'} valid={act.kind === 'retry' || reason.trim().length >= 3} onClose={() => setAct(undefined)}
          onConfirm={async () => (await api(lang, 'POST', `/api/v1/admin/dead-letters/${act.id}/${act.kind}`, { body: act.kind === 'retry' ? {} : { reason } }), setMsg(t('done')), reload())}>
          {act.kind === 'discard' && <label>{t('reason')}<input value={reason} onChange={(e) => setReason(e.target.value)} /></label>}
        </ConfirmDialog>
      )}
    </>
  );
}


export function Reconciliation() {
  const { t, lang } = useI18n();
  const runs = useData<ReconcileRuns>('/api/v1/admin/reconcile/runs');
  const rem = useData<Remediations>('/api/v1/admin/remediations?limit=100');
  const [msg, setMsg] = useState<string>();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const since = new Date(Date.now() - 24 * 3600_000).toISOString();
      await api(lang, 'POST', '/api/v1/admin/reconcile', { body: { since } });
      setMsg(t('done'));
      runs.reload();
      rem.reload();
    } catch (e) {
      setMsg((e as Error).message);
    }
    setBusy(false);
  };
  return (
    <>
      <h1>{t('reconciliation')}</h1>
      <button type="button" className="primary" disabled={busy} onClick={() => void run()}>{t('runNow')}</button>
      {msg && <p role="status">{msg}</p>}
      <h2>{t('runs')}</h2>
      <Table
        head={[t('started'), t('by'), t('status'), t('window'), t('checked'), t('agreed'), t('remediations'), t('escalated')]}
        rows={(runs.data?.runs ?? []).map((r) => [
          formatTime(r.startedAt, lang),
          `${r.by} (${r.trigger})`,
          r.error ? `${r.status}: ${r.error}` : r.status,
          `${formatTime(r.window.from, lang)} – ${formatTime(r.window.to, lang)}`,
          `${r.checked.payments} / ${r.checked.orders}`,
          String(r.agreed),
          String(r.remediations),
          String(r.escalated),
        ])}
      />
      <h2>{t('remediations')}</h2>
      <Table head={[t('when'), t('order'), t('rule'), t('action'), t('outcome')]} rows={(rem.data?.remediations ?? []).map((r) => [formatTime(r.at, lang), r.orderNo, r.ruleId, r.action, r.outcome])} />
    </>
  );
}

export function Triage() {
  const { t, lang } = useI18n();
  const { data, error } = useData<TriageReport>('/api/v1/admin/triage');
  return (
    <>
      <h1>{t('triage')}</h1>
      {error && <p role="alert" className="error">{error}</p>}
      {!data ? <p>{t('loading')}</p> : (
        <>
          <p>{t('lines')}: {data.lines}</p>
          <Table head={['id', t('category'), t('count'), t('share')]} rows={data.categories.map((c) => [c.id, c.name[lang], c.count, formatPercent(c.share)])} />
        </>
      )}
    </>
  );
}
