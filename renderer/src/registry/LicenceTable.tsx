/** Licences found in the registry: number (to its page), status, date granted, and the searchable attributes. */
import type { Licence } from '../api/types.ts';
import { formatDate } from '../format/dates.ts';
import { Link } from '../routing/Link.tsx';
import { paths } from '../routing/paths.ts';
import { attributeText } from './attributeText.ts';
import { LicenceStatus } from './LicenceStatus.tsx';

export function LicenceTable({ region, licences, columns }: { region: string; licences: readonly Licence[]; columns: readonly { id: string; title: string }[] }) {
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">Номер</th>
          <th scope="col">Статус</th>
          <th scope="col">Дата предоставления</th>
          {columns.map((a) => (
            <th key={a.id} scope="col">
              {a.title}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {licences.map((l) => (
          <tr key={l.number}>
            <td data-label="Номер">
              <Link to={paths.licence(region, l.number)}>{l.number}</Link>
            </td>
            <td data-label="Статус">
              <LicenceStatus licence={l} />
            </td>
            <td data-label="Дата предоставления">{formatDate(l.issuedOn)}</td>
            {columns.map((a) => (
              <td key={a.id} data-label={a.title}>
                {attributeText(l.attributes[a.id])}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
