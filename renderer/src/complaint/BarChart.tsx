import type { Bar } from '../../../shared/complaint/analysis'

const BAR = '#3b6fb6'
const VALID = '#c0392b'

/**
 * A small horizontal bar chart in plain SVG (the desk ships no chart library): one line per label,
 * the bar blue, its valid share red from the start, the count at the end. Same look as the print.
 */
export function BarChart({ title, bars, testId }: { title: string; bars: Bar[]; testId?: string }) {
  const max = Math.max(1, ...bars.map((b) => b.count))
  const row = 22
  const labelW = 96
  const barW = 220
  const h = Math.max(row, bars.length * row) + 4
  return (
    <figure style={{ margin: 0 }} data-testid={testId}>
      <figcaption style={{ fontWeight: 600, marginBottom: 4 }}>{title}</figcaption>
      {bars.length === 0 ? (
        <span style={{ color: '#888' }}>无</span>
      ) : (
        <svg width={labelW + barW + 90} height={h} role="img" aria-label={title}>
          {bars.map((b, i) => {
            const y = i * row + 2
            return (
              <g key={b.label}>
                <text x={labelW - 6} y={y + 14} textAnchor="end" fontSize={12} fill="#333">
                  {b.label.length > 8 ? `${b.label.slice(0, 8)}…` : b.label}
                </text>
                <rect x={labelW} y={y + 3} width={Math.max(2, (b.count / max) * barW)} height={14} fill={BAR} />
                {b.valid > 0 && <rect x={labelW} y={y + 3} width={Math.max(2, (b.valid / max) * barW)} height={14} fill={VALID} />}
                <text x={labelW + (b.count / max) * barW + 6} y={y + 14} fontSize={12} fill="#333">
                  {b.valid ? `${b.count}(有效${b.valid})` : b.count}
                </text>
              </g>
            )
          })}
        </svg>
      )}
    </figure>
  )
}
