import { kpiRateLabel, type KpiFigure } from '../../../shared/reception/kpi'

/** The rates as horizontal bars with the 100% line (the same chart the printed report draws). */
export function RateBars({ figures }: { figures: KpiFigure[] }) {
  const rows = figures.filter((f) => f.code !== 'validComplaints')
  const W = 420
  const H = 22
  const label = 170
  return (
    <svg width={label + W + 110} height={rows.length * H + 4} role="img" aria-label="达标率图" data-testid="kpi-chart" style={{ fontFamily: 'inherit' }}>
      {rows.map((f, i) => (
        <g key={f.code} transform={`translate(0, ${i * H + 2})`}>
          <text x={0} y={15} fontSize={13}>
            {f.name}
          </text>
          <rect x={label} y={3} width={W} height={H - 8} fill="#f0f0f0" />
          {f.rate != null && <rect x={label} y={3} width={Math.max(1, W * f.rate)} height={H - 8} fill={f.ok ? '#4a7bd0' : '#cf1322'} />}
          <line x1={label + W} x2={label + W} y1={0} y2={H - 2} stroke="#333" />
          <text x={label + W + 6} y={15} fontSize={12} fill={f.ok === false ? '#cf1322' : '#333'}>
            {`${kpiRateLabel(f)}(${f.met}/${f.of})`}
          </text>
        </g>
      ))}
    </svg>
  )
}
