import type { Category } from './failure.categories.ts';
import type { ParsedLine } from './log.parse.ts';

/** How long after a category's lines another category's may start and still be its consequence. */
export const CHAIN_WINDOW_MS = 60_000;

/** Why a category is another's consequence. */
export interface CausalLink {
  /** The cause's category id. */
  cause: string;
  /** The consequence's category id. */
  effect: string;
  /** `shared`: they share requests, traces or orders; `window`: the effect has no ids and followed within the window. */
  via: 'shared' | 'window';
  /** For `shared`: how many of the effect's requests, traces and orders the cause also has. */
  sharedRequests: number;
  sharedTraces: number;
  sharedOrders: number;
}

/** A root category and its consequences, depth first, root first. */
export interface CausalChain {
  root: string;
  /** Every consequence with its depth below the root (1: a direct consequence). */
  consequences: { id: string; depth: number; cause: string; via: CausalLink['via'] }[];
}

function ids(lines: readonly ParsedLine[], f: (l: ParsedLine) => string | undefined): Set<string> {
  return new Set(lines.map(f).filter((v) => v !== undefined));
}

function overlap(a: Set<string>, b: Set<string>): number {
  let n = 0;
  for (const v of b) if (a.has(v)) n++;
  return n;
}

function firstMs(c: Category): number | undefined {
  return c.firstSeen === undefined ? undefined : Date.parse(c.firstSeen);
}

/** Whether `a` started before `b`: by time when both have times, by input position otherwise. */
function before(a: Category, b: Category): boolean {
  const ta = firstMs(a);
  const tb = firstMs(b);
  if (ta !== undefined && tb !== undefined && ta !== tb) return ta < tb;
  return a.lines[0]!.index < b.lines[0]!.index;
}

/** Whether two categories fail the same way: the same error code, or the same status. */
function sameFailure(a: Category, b: Category): boolean {
  return (a.key.code !== undefined && a.key.code === b.key.code) || (a.key.status !== undefined && a.key.status === b.key.status);
}

/**
 * Links each category to at most one cause, an earlier category, by one simple rule:
 * 1. **shared ids**: the earliest-starting category that has at least one of its requests (`reqId`),
 *    traces (`trace_id`) or orders;
 * 2. otherwise, by time: the earliest category that started at most `CHAIN_WINDOW_MS` before it and
 *    whose last line is at most that long before its first — any such category when its lines carry
 *    none of those ids (they could not be correlated), and only an id-less one that fails the same way
 *    (same code or status) when they do (requests failing on the database the process just lost);
 * 3. a category left without a cause that surged during a later, much shorter one (most of its lines
 *    within that one's span and the window after it) is that one's consequence: purchases that fail now
 *    and then, and mostly while the payment gateway answered 503.
 * A cause always started earlier, so the links form trees; a category without a cause is a root.
 */
export function linkCategories(categories: readonly Category[]): CausalLink[] {
  const sets = new Map(categories.map((c) => [c.id, {
    req: ids(c.lines, (l) => l.reqId),
    trace: ids(c.lines, (l) => l.traceId),
    order: ids(c.lines, (l) => l.orderNo),
  }]));
  const ordered = [...categories].sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
  const links: CausalLink[] = [];
  ordered.forEach((effect, i) => {
    const e = sets.get(effect.id)!;
    const earlier = ordered.slice(0, i);
    for (const cause of earlier) {
      const c = sets.get(cause.id)!;
      const link = { sharedRequests: overlap(c.req, e.req), sharedTraces: overlap(c.trace, e.trace), sharedOrders: overlap(c.order, e.order) };
      if (link.sharedRequests + link.sharedTraces + link.sharedOrders > 0) {
        links.push({ cause: cause.id, effect: effect.id, via: 'shared', ...link });
        return;
      }
    }
    const start = firstMs(effect);
    if (start === undefined) return;
    for (const cause of earlier) {
      const cs = firstMs(cause);
      const ce = cause.lastSeen === undefined ? undefined : Date.parse(cause.lastSeen);
      if (cs === undefined || ce === undefined) continue;
      if (!(start - cs <= CHAIN_WINDOW_MS && start - ce <= CHAIN_WINDOW_MS && cs < start)) continue;
      // Lines with ids that share none with an earlier category are its consequence only when that one is
      // the process's own (no ids: a lost database, a broken queue) and fails the same way (same code or status).
      if (!idLess(e) && !(idLess(sets.get(cause.id)!) && sameFailure(cause, effect))) continue;
      links.push({ cause: cause.id, effect: effect.id, via: 'window', sharedRequests: 0, sharedTraces: 0, sharedOrders: 0 });
      return;
    }
  });
  // A chronic category (a few failures all day) that surges while a burst lasts started before the burst, so the
  // rules above never make it the burst's consequence: it is, when most of its lines fall within the burst.
  for (const effect of ordered) {
    if (links.some((l) => l.effect === effect.id)) continue;
    const e = sets.get(effect.id)!;
    const cause = burstBehind(effect, ordered, (c) => idLess(e) || (idLess(sets.get(c.id)!) && sameFailure(c, effect)), links);
    if (cause) links.push({ cause: cause.id, effect: effect.id, via: 'window', sharedRequests: 0, sharedTraces: 0, sharedOrders: 0 });
  }
  return links;
}

function idLess(x: { req: Set<string>; trace: Set<string>; order: Set<string> }): boolean {
  return x.req.size + x.trace.size + x.order.size === 0;
}

/** Of a chronic category's lines, the share a burst must hold to be their cause; and how much narrower it must be. */
const SURGE_SHARE = 0.75;
const SURGE_NARROWER = 2;

/**
 * The burst a chronic category surged in: a category that started after it, lasted at most half as long,
 * and holds (within its span and the window after it) at most of `SURGE_SHARE` of its lines; never one
 * that is already its consequence (no cycles). The one holding the largest share, the earliest on a tie.
 */
function burstBehind(effect: Category, all: readonly Category[], allowed: (c: Category) => boolean, links: readonly CausalLink[]): Category | undefined {
  const span = (c: Category) => Date.parse(c.lastSeen!) - Date.parse(c.firstSeen!);
  if (effect.firstSeen === undefined || effect.lines.length < 4) return undefined;
  const times = effect.lines.map((l) => l.time).filter((t): t is number => t !== undefined);
  let best: { c: Category; share: number } | undefined;
  for (const c of all) {
    if (c === effect || c.firstSeen === undefined || Date.parse(c.firstSeen) <= Date.parse(effect.firstSeen)) continue;
    if (span(c) * SURGE_NARROWER > span(effect) || !allowed(c) || causedBy(c.id, effect.id, links)) continue;
    const from = Date.parse(c.firstSeen);
    const to = Date.parse(c.lastSeen!) + CHAIN_WINDOW_MS;
    const share = times.filter((t) => t >= from && t <= to).length / times.length;
    if (share >= SURGE_SHARE && (best === undefined || share > best.share)) best = { c, share };
  }
  return best?.c;
}

/** Whether `id` is (transitively) a consequence of `ancestor` under `links`. */
function causedBy(id: string, ancestor: string, links: readonly CausalLink[]): boolean {
  for (let at: string | undefined = id, steps = 0; at !== undefined && steps <= links.length; steps++) {
    if (at === ancestor) return true;
    at = links.find((l) => l.effect === at)?.cause;
  }
  return false;
}

/** The chains: one per root that has consequences, in the categories' order. */
export function chainsOf(categories: readonly Category[], links: readonly CausalLink[]): CausalChain[] {
  const effects = new Map<string, CausalLink[]>();
  for (const l of links) effects.set(l.cause, [...(effects.get(l.cause) ?? []), l]);
  const caused = new Set(links.map((l) => l.effect));
  const chains: CausalChain[] = [];
  for (const c of categories) {
    if (caused.has(c.id) || !effects.has(c.id)) continue;
    const consequences: CausalChain['consequences'] = [];
    const walk = (id: string, depth: number) => {
      for (const l of effects.get(id) ?? []) {
        consequences.push({ id: l.effect, depth, cause: id, via: l.via });
        walk(l.effect, depth + 1);
      }
    };
    walk(c.id, 1);
    chains.push({ root: c.id, consequences });
  }
  return chains;
}
