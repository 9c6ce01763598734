/**
 * The applications an applicant filed from this browser, remembered per login in localStorage so the
 * "Мои заявления" page can list them (the API has no list of one's own applications).
 */
export interface FiledApplication {
  readonly id: string;
  readonly region: string;
  readonly serviceTitle: string;
  readonly filedAt: string;
}

const keyFor = (login: string) => `reglament.filed.${login}`;

export function filedApplications(login: string): FiledApplication[] {
  try {
    const raw = localStorage.getItem(keyFor(login));
    return raw ? (JSON.parse(raw) as FiledApplication[]) : [];
  } catch {
    return [];
  }
}

export function rememberFiled(login: string, entry: FiledApplication): void {
  const list = [entry, ...filedApplications(login).filter((a) => a.id !== entry.id)];
  localStorage.setItem(keyFor(login), JSON.stringify(list));
}
