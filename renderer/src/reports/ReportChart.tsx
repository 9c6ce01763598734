/**
 * A bar chart of a report (recharts, SVG): one bar per row and series, labelled, in the report's
 * colours. It is an image for the eye; the table under it carries the same numbers for everyone.
 */
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface Series {
  readonly key: string;
  readonly title: string;
  readonly color: string;
}

export interface ReportChartProps {
  readonly label: string;
  readonly data: readonly Record<string, string | number>[];
  /** The field naming each bar group. */
  readonly category: string;
  readonly series: readonly Series[];
  /** Bars drawn across (long step titles) rather than up. */
  readonly horizontal?: boolean;
}

export function ReportChart({ label, data, category, series, horizontal = false }: ReportChartProps) {
  if (data.length === 0) return null;
  const height = horizontal ? Math.max(160, 40 + data.length * 28 * Math.max(1, series.length * 0.7)) : 320;
  return (
    <div className="chart" role="img" aria-label={label} style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data as Record<string, string | number>[]} layout={horizontal ? 'vertical' : 'horizontal'} margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          {horizontal ? (
            <>
              <XAxis type="number" allowDecimals={false} />
              <YAxis type="category" dataKey={category} width={320} tick={{ fontSize: 12 }} interval={0} />
            </>
          ) : (
            <>
              <XAxis dataKey={category} />
              <YAxis allowDecimals={false} />
            </>
          )}
          <Tooltip />
          {series.length > 1 && <Legend />}
          {series.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.title} fill={s.color} isAnimationActive={false} label={{ position: horizontal ? 'right' : 'top', fontSize: 12 }} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
