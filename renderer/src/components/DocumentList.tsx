/** The documents the procedure produced (notices, orders), each opening in a printable view. */
import type { ApplicationBody } from '../api/types.ts';
import { Instant } from '../format/RegionTime.tsx';
import { Link } from '../routing/Link.tsx';
import { paths } from '../routing/paths.ts';

export function DocumentList({ documents }: { documents: ApplicationBody['application']['documents'] }) {
  if (documents.length === 0) return <p className="muted">Документов пока нет.</p>;
  return (
    <ul className="plain documents">
      {documents.map((doc) => (
        <li key={doc.id}>
          <Link to={paths.document(doc.id)}>{doc.title}</Link> <span className="muted">от <Instant at={doc.createdAt} /></span>
        </li>
      ))}
    </ul>
  );
}
