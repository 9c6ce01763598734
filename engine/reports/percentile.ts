/**
 * The nearest-rank percentile of a list of numbers: the smallest value that at least p per cent of the
 * values do not exceed (p = 50: the median, the lower middle value of an even count). Null for no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}
