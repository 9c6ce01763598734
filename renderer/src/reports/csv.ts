/**
 * CSV of a report table, as spreadsheet programs in Russian locales open it: ";" between fields,
 * UTF-8 with a byte-order mark (so Cyrillic is read right), every field quoted when it needs to be
 * (csv-stringify).
 */
import { stringify } from 'csv-stringify/browser/esm/sync';

export function csvText(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  return `\uFEFF${stringify([header as string[], ...rows.map((r) => r.map((v) => (v === null ? '' : v)))], { delimiter: ';', record_delimiter: 'windows' })}`;
}

/** Offers the table as a file named `name`.csv. */
export function downloadCsv(name: string, header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): void {
  const url = URL.createObjectURL(new Blob([csvText(header, rows)], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `${name}.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
