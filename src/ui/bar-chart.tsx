import { formatNumber } from "./format";

export interface Bar {
  label: string;
  value: number;
}

/** A small dependency-free bar chart (vertical bars), scaled to its container's width. */
export function BarChart({
  data,
  height = 180,
  format = formatNumber,
  title,
}: {
  data: Bar[];
  height?: number;
  format?: (n: number) => string;
  title: string;
}) {
  const width = Math.max(data.length * 64, 240);
  const max = Math.max(1, ...data.map((d) => d.value));
  const top = 20;
  const bottom = 24;
  const plot = height - top - bottom;
  const band = width / Math.max(1, data.length);
  return (
    <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={title} style={{ maxHeight: height, display: "block" }}>
      <title>{title}</title>
      {data.map((d, i) => {
        const h = Math.round((d.value / max) * plot);
        const x = i * band + band * 0.2;
        return (
          <g key={d.label}>
            <rect x={x} y={top + plot - h} width={band * 0.6} height={h} rx={3} fill="#1f4fd1">
              <title>{`${d.label}: ${format(d.value)}`}</title>
            </rect>
            <text x={x + band * 0.3} y={top + plot - h - 4} textAnchor="middle" fontSize={11} fill="#595959">
              {format(d.value)}
            </text>
            <text x={x + band * 0.3} y={height - 6} textAnchor="middle" fontSize={11} fill="#8c8c8c">
              {d.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
