/**
 * The applications the inbox benchmark stores (bench/inbox.ts): the same mix at every size. 85 % are
 * finished, 15 % open at any step of the region's procedures, a third of those overdue, 40 % held by
 * one of two officers; applicant names are unique; MARKER (in the name) and INN_PREFIX (of the ИНН)
 * are each given to exactly ten applications whatever the size.
 */
import type { RegionConfig } from '../config/types/RegionConfig.ts';
import type { ApplicationRecord } from '../engine/api.ts';
import { caseSummary } from '../engine/inbox/caseSummary.ts';

export const MARKER = 'Северметалл';
export const INN_PREFIX = '35259';

/** A deterministic stream of numbers in [0, 1). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = Math.imul(s ^ (s >>> 15), 1 | s);
    x ^= x + Math.imul(x ^ (x >>> 7), 61 | x);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['Альфа', 'Бета', 'Вектор', 'Гранит', 'Двина', 'Ёлка', 'Жесть', 'Заря', 'Исток', 'Кедр', 'Лом', 'Металл', 'Нева', 'Олово', 'Прогресс', 'Рубеж', 'Сталь', 'Тайга', 'Урал', 'Феникс'];
const FORMS = ['ООО', 'АО', 'ИП'];

/** `size` applications of the region, built from one real filing. */
export function population(config: RegionConfig, template: ApplicationRecord, size: number, now: Date): ApplicationRecord[] {
  const rand = random(size);
  const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)];
  const steps = Object.values(config.services).flatMap((service) =>
    Object.entries(config.procedures[service.procedure]!.states).map(([state, s]) => ({ service: service.id, state, final: s?.type === 'final', outcome: s?.outcome ?? null })),
  );
  const open = steps.filter((s) => !s.final);
  const finished = steps.filter((s) => s.final);
  const every = Math.floor(size / 10);
  const officers = [{ userId: 'officer-1', name: 'Сотрудник 1' }, { userId: 'officer-2', name: 'Сотрудник 2' }];
  const apps: ApplicationRecord[] = [];
  for (let i = 0; i < size; i++) {
    const isOpen = rand() < 0.15;
    const step = isOpen ? pick(open) : pick(finished);
    const marked = i % every === 0;
    const name = `${pick(FORMS)} «${pick(WORDS)}${pick(WORDS).toLowerCase()}${marked ? ` ${MARKER}` : ''}-${i}»`;
    const inn = (i % every === 1 ? INN_PREFIX : '77') + String(i).padStart(8, '0');
    const received = new Date(Date.parse('2023-03-16T07:00:00Z') + Math.floor(rand() * 3 * 365) * 86_400_000);
    const day = (offset: number) => new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
    const due = (spread: number) => ({ date: day(Math.floor(rand() * spread) - Math.floor(spread / 3)), provisional: false });
    const submission = { ...template.submission, applicant: { ...(template.submission.applicant as object), name, inn } };
    const app: ApplicationRecord = {
      ...template,
      id: `bench-${String(i).padStart(7, '0')}`,
      number: `${received.getUTCFullYear()}-${String(i + 1).padStart(6, '0')}`,
      service: step.service,
      state: step.state,
      final: step.final,
      outcome: step.outcome,
      submission,
      receivedAt: received.toISOString(),
      stepDue: isOpen ? due(30) : null,
      serviceDue: isOpen ? due(60) : null,
      assignee: isOpen && rand() < 0.4 ? officers[Math.floor(rand() * officers.length)] : null,
      history: [],
    };
    // An open phase with its due date (what the inbox shows as the phase's term).
    apps.push({ ...app, ...(isOpen ? { phases: { review: { startedOn: received.toISOString().slice(0, 10), due: due(45), closedOn: null } } } : {}), summary: caseSummary(config, app) });
  }
  return apps;
}

