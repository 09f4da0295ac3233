import type { DeadLetter, DeadLetterSummary } from '../platform/jobs/dead-letter.service.ts';
import { intOption, noPositionals, parse, parseId, textOption } from './args.ts';
import { connect, CONNECTION_HELP, type Env } from './connection.ts';
import { UsageError } from './errors.ts';
import { ApiError } from './http.ts';
import { deadLetterDetail, deadLetterTable, json } from './output.ts';

const HELP = {
  list: `usage: orderly dead-letters list [--task name] [--order orderNo] [--discarded] [--limit n] [--json]

Dead letters, newest first.
  --task name      only this task (e.g. capture_payment)
  --order orderNo  only this order's
  --discarded      the discarded ones (with who discarded them) instead of the dead ones
  --limit n        at most n (1-500, default 100)
  --json           the API's JSON instead of a table`,
  show: `usage: orderly dead-letters show <id> [--json]

One dead letter: its task, order, payload and every kept attempt's error (time, attempt number).
  --json   the API's JSON`,
  retry: `usage: orderly dead-letters retry <id> [--by name]

Puts the task back in the queue with a fresh retry budget; its error history is kept.
Fix the cause first (e.g. the PSP is answering again).
  --by name   who is retrying (recorded; default "admin")`,
  discard: `usage: orderly dead-letters discard <id> --reason "…" [--by name]

Gives up on the task for good, recording who, when and why.
  --reason text   why (required, 3-1000 characters), e.g. "captured by hand in the PSP console"
  --by name       who is discarding (recorded; default "admin")`,
} as const;

type Sub = keyof typeof HELP;

export const DEAD_LETTERS_HELP = `usage: orderly dead-letters <command> [options]

Dead letters are follow-up tasks (capture, void, stock, mail …) that failed on every attempt.
They wait here for an operator: inspect them, retry them once the cause is fixed, or discard
them with a reason.

commands:
  list [--task name] [--order orderNo] [--discarded] [--limit n] [--json]
  show <id> [--json]
  retry <id> [--by name]
  discard <id> --reason "…" [--by name]

Run \`orderly dead-letters <command> --help\` for details.

${CONNECTION_HELP}

exit codes: 0 done, 1 the service refused or could not be reached, 2 usage error`;

const isSub = (s: string | undefined): s is Sub => s !== undefined && Object.hasOwn(HELP, s);

/** Rewords the answers an operator can cause for one id. */
function aboutId(id: number, e: unknown): unknown {
  if (!(e instanceof ApiError)) return e;
  if (e.code === 'DEAD_LETTER_NOT_FOUND') return new ApiError(e.status, e.code, `dead letter ${id} not found: no such task, it never died, or it completed after a retry [404 ${e.code}]`, e.details);
  if (e.code === 'DEAD_LETTER_NOT_DEAD') {
    const state = (e.details as { state?: string } | undefined)?.state;
    const what = state === 'discarded' ? 'it was discarded' : state === 'queued' ? 'it was retried and is queued' : `its state is ${state ?? 'unknown'}`;
    return new ApiError(e.status, e.code, `dead letter ${id} is no longer dead: ${what} [409 ${e.code}]`, e.details);
  }
  return e;
}

/** `orderly dead-letters …`: writes its result to `out` and returns; throws a CliError on failure. */
export async function deadLetters(argv: string[], env: Env, out: (s: string) => void): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    if (sub === undefined) throw new UsageError(`missing a command\n\n${DEAD_LETTERS_HELP}`);
    out(DEAD_LETTERS_HELP + '\n');
    return;
  }
  if (!isSub(sub)) throw new UsageError(`unknown command "dead-letters ${sub}" (list, show, retry or discard)`);
  const usage = `${HELP[sub]}\n\n${CONNECTION_HELP}\n`;

  switch (sub) {
    case 'list': {
      const { values, positionals } = parse(rest, {
        task: { type: 'string' },
        order: { type: 'string' },
        discarded: { type: 'boolean' },
        limit: { type: 'string' },
        json: { type: 'boolean' },
      });
      if (values.help) return out(usage);
      noPositionals(positionals);
      const q = new URLSearchParams();
      if (values.task !== undefined) q.set('task', values.task);
      if (values.order !== undefined) q.set('orderNo', values.order);
      if (values.discarded) q.set('state', 'discarded');
      const limit = intOption('limit', values.limit, 1, 500);
      if (limit !== undefined) q.set('limit', String(limit));
      const client = connect(values.url, env);
      const qs = q.toString();
      const r = await client.request<{ deadLetters: DeadLetterSummary[] }>('GET', `/api/v1/admin/dead-letters${qs ? `?${qs}` : ''}`);
      return out(values.json ? json(r) : deadLetterTable(r.deadLetters, values.discarded === true));
    }
    case 'show': {
      const { values, positionals } = parse(rest, { json: { type: 'boolean' } });
      if (values.help) return out(usage);
      const id = parseId(positionals, HELP.show);
      const client = connect(values.url, env);
      const d = await client.request<DeadLetter>('GET', `/api/v1/admin/dead-letters/${id}`).catch((e: unknown) => Promise.reject(aboutId(id, e)));
      return out(values.json ? json(d) : deadLetterDetail(d));
    }
    case 'retry': {
      const { values, positionals } = parse(rest, { by: { type: 'string' } });
      if (values.help) return out(usage);
      const id = parseId(positionals, HELP.retry);
      const by = textOption('by', values.by, 1, 100);
      const client = connect(values.url, env);
      await client.request('POST', `/api/v1/admin/dead-letters/${id}/retry`, by ? { by } : {}).catch((e: unknown) => Promise.reject(aboutId(id, e)));
      return out(`Dead letter ${id} is back in the queue with a fresh retry budget (retried by ${by ?? 'admin'}).\n`);
    }
    case 'discard': {
      const { values, positionals } = parse(rest, { reason: { type: 'string' }, by: { type: 'string' } });
      if (values.help) return out(usage);
      const id = parseId(positionals, HELP.discard);
      if (values.reason === undefined) throw new UsageError(`discard needs --reason "why" (it is recorded with who and when)\n${HELP.discard}`);
      const reason = textOption('reason', values.reason, 3, 1000)!;
      const by = textOption('by', values.by, 1, 100);
      const client = connect(values.url, env);
      await client
        .request('POST', `/api/v1/admin/dead-letters/${id}/discard`, { reason, ...(by ? { by } : {}) })
        .catch((e: unknown) => Promise.reject(aboutId(id, e)));
      return out(`Dead letter ${id} discarded by ${by ?? 'admin'}: ${reason}\n`);
    }
  }
}
