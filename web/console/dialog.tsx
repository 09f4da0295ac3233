import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../shared/i18n.tsx';
import { newIdempotencyKey } from '../shared/client.ts';

/**
 * A confirmation dialog (native <dialog>: focus moves in, Escape closes). The Idempotency-Key is made
 * once when the dialog opens, so a double click or a retry of the same confirmation acts once.
 */
export function ConfirmDialog(props: { title: string; confirm: string; danger?: boolean; children?: ReactNode; onConfirm: (key: string) => Promise<void>; onClose: () => void; valid?: boolean }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const [key] = useState(newIdempotencyKey);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await props.onConfirm(key);
      props.onClose();
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };
  return (
    <dialog ref={ref} aria-labelledby="dlg-title" onClose={props.onClose} className="dialog">
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h2 id="dlg-title">{props.title}</h2>
        {props.children}
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <div className="row">
          <button type="submit" className={props.danger ? 'danger' : 'primary'} disabled={busy || props.valid === false}>
            {props.confirm}
          </button>
          <button type="button" onClick={() => ref.current?.close()}>
            {t('cancelDialog')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
