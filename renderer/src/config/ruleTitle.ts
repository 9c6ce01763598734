/** The title of a rule (rules.yaml) by id, in lower case to follow "если: "; the id when unknown. */
import type { RegionConfigView } from '../api/types.ts';

export function ruleTitleOf(config: RegionConfigView): (id: string) => string {
  const titles = new Map(config.rules.map((r) => [r.id, r.title]));
  return (id) => {
    const title = titles.get(id);
    return title ? title.charAt(0).toLowerCase() + title.slice(1) : id;
  };
}
