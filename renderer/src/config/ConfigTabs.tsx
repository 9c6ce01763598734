/** The parts of the coordinator view, as links that keep the choice in the address. */
import { Link } from '../routing/Link.tsx';

export const CONFIG_TABS = [
  ['services', 'Услуги'],
  ['procedures', 'Процедуры'],
  ['forms', 'Формы'],
  ['fees', 'Пошлины'],
  ['deadlines', 'Сроки'],
  ['rules', 'Условия'],
  ['other', 'Роли, основания, реестр'],
] as const;

export type ConfigTab = (typeof CONFIG_TABS)[number][0];

export function ConfigTabs({ current, hrefOf }: { current: ConfigTab; hrefOf: (tab: ConfigTab) => string }) {
  return (
    <nav className="tabs" aria-label="Разделы конфигурации">
      <ul>
        {CONFIG_TABS.map(([id, title]) => (
          <li key={id}>
            <Link to={hrefOf(id)} aria-current={id === current ? 'page' : undefined}>
              {title}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
