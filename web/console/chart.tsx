/** Purchases per minute, stacked by outcome: a tiny inline SVG (no chart library, to keep the JS small). */
export interface MinuteBar {
  minute: string;
  paid: number;
  failed: number;
  cancelled: number;
  open: number;
}
const PARTS = [
  ['paid', '#116329'],
  ['failed', '#b3261e'],
  ['cancelled', '#7d4e00'],
  ['open', '#0a58ca'],
] as const;

export function StackedBars({ bars, label, legend }: { bars: MinuteBar[]; label: string; legend: Record<string, string> }) {
  const max = Math.max(1, ...bars.map((b) => b.paid + b.failed + b.cancelled + b.open));
  const w = 600;
  const h = 160;
  const bw = w / Math.max(1, bars.length);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${w} ${h}`} role="img" aria-label={label} preserveAspectRatio="none">
        {bars.map((b, i) => {
          let y = h;
          return PARTS.map(([k, color]) => {
            const bh = (b[k] / max) * (h - 4);
            y -= bh;
            return bh > 0 ? <rect key={`${i}${k}`} x={i * bw + 1} y={y} width={Math.max(1, bw - 2)} height={bh} fill={color} /> : null;
          });
        })}
      </svg>
      <figcaption className="legend">
        {PARTS.map(([k, color]) => (
          <span key={k}>
            <span className="swatch" style={{ background: color }} aria-hidden="true" /> {legend[k]}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
