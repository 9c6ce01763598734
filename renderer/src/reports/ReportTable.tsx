/** A report's numbers as a table (the chart's text alternative), with its CSV download. */
import { downloadCsv } from './csv.ts';

export interface ReportTableProps {
  readonly caption: string;
  /** File name of the CSV, without extension. */
  readonly file: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly (string | number | null)[])[];
}

export function ReportTable({ caption, file, header, rows }: ReportTableProps) {
  return (
    <>
      <button type="button" className="secondary no-print" onClick={() => downloadCsv(file, header, rows)}>
        Скачать CSV
      </button>
      {rows.length === 0 ? (
        <p className="notice">Нет данных.</p>
      ) : (
        <table className="table report-table">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {header.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i}>
                {row.map((cell, j) => (
                  <td key={j} data-label={header[j]}>
                    {cell ?? '—'}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
