/**
 * The config language's model of time at run time: calendar-day terms (Civil Code art. 191, 193), a term
 * counted from a date the applicant states, a clock that stands while the applicant answers a request
 * (with its limit), phases, guards that read dates, and the registration cut-off. Every date is worked
 * out by hand from ../shared/production-calendar.md, with the reasoning beside it.
 */
import { describe, expect, it } from 'vitest';
import type { Deadline, RegionConfig } from '../config/types/RegionConfig.ts';
import type { Actor } from '../engine/api.ts';
import { createWorkingCalendar } from '../engine/calendar/createWorkingCalendar.ts';
import { dueDate } from '../engine/calendar/dueDate.ts';
import { registrationOf, type RegistrationOptions } from '../engine/calendar/registrationDate.ts';
import type { RegionFile } from '../config/types/generated.ts';
import { Engine } from '../engine/Engine.ts';
import { TransitionError } from '../engine/errors.ts';
import { evaluateLogic } from '../engine/rules/evaluateLogic.ts';
import { CALENDAR } from '../engine/rules/timeOperators.ts';
import { memoryStore } from '../engine/store/memoryStore.ts';
import { loadSharedCalendar } from './helpers/sharedCalendar.ts';
import { makeRegion, makeService } from './helpers/regionFactory.ts';

const sharedCalendar = () => ({ federal: loadSharedCalendar(), overlay: {} });
const calendar = createWorkingCalendar(sharedCalendar());
const term = (over: Partial<Deadline>): Deadline => ({ id: 'd', title: 'Срок', clause: '1', from: 'registration', ...over }) as Deadline;
const anchors = (registration: string) => ({ receipt: registration, registration, milestones: {} });

describe('calendar-day terms', () => {
  it('start the day after the anchor (art. 191) and end on the next working day when the last is not one (art. 193)', () => {
    // From Wed 2 Apr 2025, day 1 is Thu 3 Apr and day 10 Sat 12 Apr, a day off: the term ends Mon 14 Apr.
    const civil = term({ calendarDays: 10, counting: { rule: 'civilCode', clause: 'ГК РФ, ст. 191, 193' } });
    expect(dueDate(civil, anchors('2025-04-02'), calendar)?.date).toBe('2025-04-14');
    // The same term whose end stays on its last day, working or not.
    const stays = term({ calendarDays: 10, counting: { rule: 'calendarEndStays', clause: '5.4' } });
    expect(dueDate(stays, anchors('2025-04-02'), calendar)?.date).toBe('2025-04-12');
  });

  it('move across the New-Year holidays: thirty days from 1 December 2025 end on 12 January 2026', () => {
    // Day 1 is 2 Dec, day 30 is Wed 31 Dec 2025, a non-working day, and so is every day to Sun 11 Jan 2026.
    const civil = term({ calendarDays: 30, counting: { rule: 'civilCode', clause: 'ГК РФ, ст. 191, 193' } });
    expect(dueDate(civil, anchors('2025-12-01'), calendar)?.date).toBe('2026-01-12');
  });

  it('count from a date field of the application, and stay unknown while it is empty', () => {
    const window = term({ calendarDays: 30, counting: { rule: 'civilCode', clause: 'ГК РФ' }, from: 'submission.appeal.learnedOn' });
    const fields = (learnedOn?: string) => ({ ...anchors('2026-02-02'), fields: { submission: { appeal: learnedOn ? { learnedOn } : {} }, data: {} } });
    // From Tue 20 Jan 2026: day 30 is Thu 19 Feb, a working day.
    expect(dueDate(window, fields('2026-01-20'), calendar)?.date).toBe('2026-02-19');
    expect(dueDate(window, fields(), calendar)).toBeNull();
    expect(dueDate(window, fields('вчера'), calendar)).toBeNull();
  });
});

describe('rules that count days', () => {
  const data = { [CALENDAR]: calendar };
  it('count working days and calendar days between two dates', () => {
    // After Wed 4 Feb 2026 up to Wed 11 Feb: Thu 5, Fri 6, Mon 9, Tue 10, Wed 11.
    expect(evaluateLogic({ workingDaysBetween: ['2026-02-04', '2026-02-11'] }, data)).toBe(5);
    // After Fri 20 Feb 2026 up to Tue 24 Feb: 21-23 February are non-working, so only the 24th.
    expect(evaluateLogic({ workingDaysBetween: ['2026-02-20', '2026-02-24'] }, data)).toBe(1);
    expect(evaluateLogic({ workingDaysBetween: ['2026-02-24', '2026-02-20'] }, data)).toBe(-1);
    expect(evaluateLogic({ calendarDaysBetween: ['2026-02-04', '2026-02-11'] }, data)).toBe(7);
  });
  it('give null for anything but two dates, or without a calendar (in the browser)', () => {
    expect(evaluateLogic({ workingDaysBetween: ['2026-02-04', 'завтра'] }, data)).toBeNull();
    expect(evaluateLogic({ workingDaysBetween: ['2026-02-04', '2026-02-11'] }, {})).toBeNull();
    expect(evaluateLogic({ calendarDaysBetween: [1, '2026-02-11'] }, {})).toBeNull();
  });
});

describe('registration: office hours and a cut-off for electronic filings', () => {
  const hours = { periods: [{ days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' }] } as RegionFile['workingHours'];
  const withCutoff: RegistrationOptions = { timeZone: 'Europe/Moscow', workingHours: hours, electronicCutoff: { time: '16:00', clause: '2.12' }, calendar };
  const at = (time: string) => new Date(`2025-03-03T${time}:00+03:00`); // Mon 3 Mar 2025, a working day
  it('registers a filing before the cut-off that day, even before the office opens, and one at or after it the next working day', () => {
    expect(registrationOf(at('15:59'), withCutoff)).toEqual({ date: '2025-03-03', rule: 'beforeCutoff' });
    expect(registrationOf(at('16:00'), withCutoff)).toEqual({ date: '2025-03-04', rule: 'afterCutoff' });
    expect(registrationOf(at('07:30'), withCutoff)).toEqual({ date: '2025-03-03', rule: 'beforeCutoff' });
    // Sat 1 Mar 2025 is a day off: the next working day, Mon 3 Mar.
    expect(registrationOf(new Date('2025-03-01T10:00:00+03:00'), withCutoff)).toEqual({ date: '2025-03-03', rule: 'nonWorkingDay' });
  });
  it('without a cut-off, office hours decide: before opening is outside them', () => {
    const hoursOnly = { ...withCutoff, electronicCutoff: undefined };
    expect(registrationOf(at('07:30'), hoursOnly)).toEqual({ date: '2025-03-04', rule: 'outsideHours' });
    expect(registrationOf(at('17:00'), hoursOnly)).toEqual({ date: '2025-03-03', rule: 'withinHours' });
  });
  it('is counted in the region\'s timezone', () => {
    // 15:30 in Moscow is 22:30 in Vladivostok: after a 16:00 cut-off there, so the next working day.
    expect(registrationOf(at('15:30'), { ...withCutoff, timeZone: 'Asia/Vladivostok' })).toEqual({ date: '2025-03-04', rule: 'afterCutoff' });
  });
});

/**
 * An appeal in the style of section V: filed within 30 calendar days of the day the applicant learned of
 * the decision (5.4, a guard reading the window's due date), considered within 15 working days of
 * registration (5.8, the total and the phase), the clock standing while the applicant answers a request,
 * at most 5 working days (5.10).
 */
function appealRegion(): RegionConfig {
  const base = makeRegion({ calendar: sharedCalendar() });
  return makeRegion({
    calendar: sharedCalendar(),
    region: { ...base.region, services: ['svc'] },
    roles: { applicant: { id: 'applicant', title: 'Заявитель', applicant: true }, officer: { id: 'officer', title: 'Специалист', inbox: true } },
    services: [makeService({ deadline: [{ use: 'consideration' }] })],
    deadlines: [
      { id: 'consideration', title: 'Рассмотрение жалобы', workingDays: 15, from: 'registration', clause: '5.8' },
      { id: 'phaseTerm', title: 'Рассмотрение по существу', workingDays: 15, from: 'phaseStart', clause: '5.8' },
      { id: 'window', title: 'Срок подачи жалобы', calendarDays: 30, counting: { rule: 'civilCode', clause: 'ГК РФ, ст. 191, 193' }, from: 'submission.appeal.learnedOn', clause: '5.4' },
      { id: 'registrationTerm', title: 'Регистрация', workingDays: 1, from: 'registration', sameDay: true, clause: '5.8' },
      { id: 'answer', title: 'Представление сведений', workingDays: 5, from: 'stepStart', clause: '5.10' },
    ],
    rules: [{ id: 'inWindow', when: { '<=': [{ var: 'application.receivedOn' }, { var: 'application.due.deadlines.window' }] } }],
    forms: [
      { id: 'app', title: 'Жалоба', sections: [{ id: 'appeal', title: 'Жалоба', fields: [{ id: 'learnedOn', type: 'date', title: 'Когда узнал', required: true }] }] },
    ],
    procedures: {
      proc: {
        id: 'proc',
        title: 'Рассмотрение жалобы',
        initial: 'registration',
        events: {
          REGISTER: { title: 'Зарегистрировать', roles: ['officer'] },
          REQUEST_INFO: { title: 'Запросить сведения', roles: ['officer'] },
          INFO_RECEIVED: { title: 'Сведения получены', roles: ['officer'] },
          DECIDE: { title: 'Принять решение', roles: ['officer'] },
        },
        phases: [{ id: 'merits', title: 'Рассмотрение по существу', clause: '5.8', from: 'review', deadline: 'phaseTerm' }],
        states: {
          registration: { title: 'Регистрация', role: 'officer', deadline: 'registrationTerm', on: { REGISTER: [{ target: 'review', guard: 'inWindow' }, { target: 'late' }] } },
          review: { title: 'Рассмотрение', role: 'officer', deadline: 'consideration', on: { REQUEST_INFO: { target: 'awaitingInfo' }, DECIDE: { target: 'decided' } } },
          awaitingInfo: {
            title: 'Ожидание сведений от заявителя',
            role: 'officer',
            deadline: 'answer',
            suspends: { deadlines: ['consideration', 'phaseTerm'], atMost: 'answer', clause: '5.10' },
            on: { INFO_RECEIVED: { target: 'review' } },
          },
          decided: { type: 'final', title: 'Решение принято', outcome: 'decided' },
          late: { type: 'final', title: 'Жалоба подана после истечения срока', outcome: 'late' },
        },
      },
    },
  });
}

async function appeal(received: string, learnedOn: string) {
  let now = new Date(received);
  const engine = new Engine({ regions: [appealRegion()], store: memoryStore(), clock: { now: () => now } });
  const applicant: Actor = { userId: 'a', region: 'test', roles: ['applicant'] };
  const officer: Actor = { userId: 'o', region: 'test', roles: ['officer'] };
  let app = (await engine.startApplication('test', 'svc', { appeal: { learnedOn } }, applicant)).application;
  return {
    on(date: string) {
      now = new Date(`${date}T12:00:00+03:00`);
    },
    async send(event: string) {
      app = (await engine.send(app.id, event, undefined, officer, app.version)).application;
      return app;
    },
    view: (actor: Actor = applicant) => engine.view(app.id, actor),
  };
}

describe('a clock that stands while the applicant answers a request (5.10)', () => {
  // Received and registered Mon 2 Feb 2026. 15 working days: Feb 3-6 (4), 9-13 (9), 16-20 (14); 21-23 Feb
  // are non-working; Tue 24 Feb (15).
  it('moves the total, the step and the phase by the working days it stood, and the history records both moments', async () => {
    const a = await appeal('2026-02-02T10:00:00+03:00', '2026-01-20');
    let app = await a.send('REGISTER');
    expect(app.state).toBe('review');
    expect([app.serviceDue?.date, app.stepDue?.date, app.phases?.merits?.due?.date]).toEqual(['2026-02-24', '2026-02-24', '2026-02-24']);

    a.on('2026-02-04'); // Wed: the request goes out
    app = await a.send('REQUEST_INFO');
    // Standing since 4 Feb, at most 5 working days: Feb 5, 6, 9, 10, 11 -> until Wed 11 Feb. Until then
    // the total is as late as it can get: 24 Feb + 5 working days (25, 26, 27 Feb, 2, 3 Mar) = 3 Mar.
    expect(app.suspensions).toEqual([{ deadlines: ['consideration', 'phaseTerm'], since: '2026-02-04', until: '2026-02-11', resumedOn: null, by: 'state:awaitingInfo', clause: '5.10' }]);
    expect(app.serviceDue?.date).toBe('2026-03-03');
    expect(app.history.at(-1)?.clocks).toEqual({ stopped: ['consideration', 'phaseTerm'] });
    a.on('2026-02-05');
    const waiting = await a.view();
    expect(waiting.suspended).toMatchObject({ since: '2026-02-04', until: '2026-02-11', clause: '5.10' });
    expect(waiting.phases).toEqual([expect.objectContaining({ id: 'merits', suspendedSince: '2026-02-04', overdue: false })]);

    a.on('2026-02-09'); // Mon: the answer arrives; the clock stood Feb 5, 6 and 9
    app = await a.send('INFO_RECEIVED');
    expect(app.suspensions?.[0]).toMatchObject({ resumedOn: '2026-02-09' });
    expect(app.history.at(-1)?.clocks).toEqual({ restarted: ['consideration', 'phaseTerm'] });
    // 24 Feb + 3 working days: 25, 26, 27 Feb.
    expect([app.serviceDue?.date, app.stepDue?.date, app.phases?.merits?.due?.date]).toEqual(['2026-02-27', '2026-02-27', '2026-02-27']);
    expect((await a.view()).suspended).toBeNull();
  });

  it('stands at most 5 working days: an answer that comes later moves the terms by those five only', async () => {
    const a = await appeal('2026-02-02T10:00:00+03:00', '2026-01-20');
    await a.send('REGISTER');
    a.on('2026-02-04');
    await a.send('REQUEST_INFO');
    // Thu 12 Feb: the limit (Wed 11 Feb) has passed, the clock runs again, and the waiting step (5 working
    // days from 4 Feb: 11 Feb) is overdue.
    a.on('2026-02-12');
    const view = await a.view({ userId: 'o', region: 'test', roles: ['officer'] });
    expect(view.suspended).toBeNull();
    expect(view.step).toMatchObject({ id: 'awaitingInfo', overdue: true });
    a.on('2026-02-16');
    const app = await a.send('INFO_RECEIVED');
    expect(app.serviceDue?.date).toBe('2026-03-03');
  });
});

describe('a suspension that spans several steps, stopped by one transition and restarted by another', () => {
  it('moves the total by the working days between the two transitions, and records both in the history', async () => {
    const base = appealRegion();
    const proc = base.procedures.proc!;
    const region: RegionConfig = {
      ...base,
      procedures: {
        proc: {
          ...proc,
          events: { ...proc.events, HOLD: { title: 'Приостановить', roles: ['officer'] }, NEXT: { title: 'Далее', roles: ['officer'] }, RESUME: { title: 'Возобновить', roles: ['officer'] } },
          states: {
            ...proc.states,
            review: { ...proc.states.review!, on: { ...proc.states.review!.on, HOLD: { target: 'onHold', suspend: { deadlines: ['consideration'], clause: '5.10' } } } },
            onHold: { title: 'Приостановлено', role: 'officer', on: { NEXT: { target: 'stillOnHold' } } },
            stillOnHold: { title: 'Все еще приостановлено', role: 'officer', on: { RESUME: { target: 'review', resume: ['consideration'] } } },
          },
        },
      },
    };
    let now = new Date('2026-02-02T10:00:00+03:00');
    const engine = new Engine({ regions: [region], store: memoryStore(), clock: { now: () => now } });
    const officer: Actor = { userId: 'o', region: 'test', roles: ['officer'] };
    let app = (await engine.startApplication('test', 'svc', { appeal: { learnedOn: '2026-01-20' } }, { userId: 'a', region: 'test', roles: ['applicant'] })).application;
    const send = async (event: string, day: string) => {
      now = new Date(`${day}T12:00:00+03:00`);
      app = (await engine.send(app.id, event, undefined, officer, app.version)).application;
    };
    await send('REGISTER', '2026-02-02');
    await send('HOLD', '2026-02-04');
    expect(app.history.at(-1)?.clocks).toEqual({ stopped: ['consideration'] });
    await send('NEXT', '2026-02-05');
    expect(app.history.at(-1)?.clocks).toBeUndefined();
    expect((await engine.view(app.id, officer)).suspended).toMatchObject({ since: '2026-02-04', until: null });
    await send('RESUME', '2026-02-09');
    expect(app.history.at(-1)?.clocks).toEqual({ restarted: ['consideration'] });
    // Stood Thu 5, Fri 6 and Mon 9 February: 24 Feb + 3 working days = Fri 27 Feb. The review step
    // counts from registration by the same deadline, so it moves too.
    expect([app.serviceDue?.date, app.stepDue?.date]).toEqual(['2026-02-27', '2026-02-27']);
  });
});

describe('a guard that reads a term counted from a date the applicant states (5.4)', () => {
  it('lets an appeal in within thirty calendar days of the day the applicant learned of the decision', async () => {
    // From Tue 20 Jan 2026 the window ends Thu 19 Feb; received 2 Feb, in time.
    expect((await (await appeal('2026-02-02T10:00:00+03:00', '2026-01-20')).send('REGISTER')).state).toBe('review');
  });
  it('turns away one filed after the window, and counts the window by art. 193 across the holidays', async () => {
    // From Mon 1 Dec 2025 the 30th day is Wed 31 Dec, a holiday; the window ends on the next working day,
    // Mon 12 Jan 2026. Received that day: in time. Received Tue 13 Jan: late.
    expect((await (await appeal('2026-01-12T10:00:00+03:00', '2025-12-01')).send('REGISTER')).state).toBe('review');
    expect((await (await appeal('2026-01-13T10:00:00+03:00', '2025-12-01')).send('REGISTER')).state).toBe('late');
  });
});

describe('a Saturday filing where the text counts from receipt (Vologda, 2.4.1)', () => {
  it('is due earlier than one filed the Monday after, by the working days between them', async () => {
    const { loadRegion } = await import('../config/loader/loadRegion.ts');
    const loaded = await loadRegion('regions/vologda');
    if (!loaded.ok) throw new Error('vologda must load');
    const config = loaded.config;
    const engine = new Engine({ regions: [config], store: memoryStore(), clock: { now: () => new Date('2026-02-07T12:00:00+03:00') } });
    const saturday = new Date('2026-02-07T12:00:00+03:00');
    const monday = new Date('2026-02-09T12:00:00+03:00');
    // Between them: working days after Sat 7 Feb up to Mon 9 Feb: the Monday alone.
    expect(calendar.countWorkingDays('2026-02-07', '2026-02-09')).toBe(1);
    const services = Object.values(config.services).filter((s) => s.deadline?.every((c) => config.deadlines[c.use]?.from === 'receipt'));
    expect(services.map((s) => s.id).sort()).toEqual(['amend', 'grant', 'info', 'terminate']);
    for (const service of services) {
      const early = engine.quote('vologda', service.id, {}, saturday);
      const late = engine.quote('vologda', service.id, {}, monday);
      // Both are registered on Monday 9 February (2.12), but the terms count from receipt.
      expect(early.registeredOn).toBe('2026-02-09');
      expect(late.registeredOn).toBe('2026-02-09');
      expect(calendar.countWorkingDays(early.serviceDue!.date, late.serviceDue!.date), service.id).toBe(1);
    }
    // The licence, by hand: from Saturday, day 1 is Mon 9 Feb and day 35 Tue 31 Mar; from Monday, day 1 is
    // Tue 10 Feb and day 35 Wed 1 Apr (21-23 Feb and 7-9 Mar are non-working).
    expect([engine.quote('vologda', 'grant', {}, saturday).serviceDue?.date, engine.quote('vologda', 'grant', {}, monday).serviceDue?.date]).toEqual(['2026-03-31', '2026-04-01']);
  });
});

describe('withdrawal guarded by time (Vologda, 3.1.5)', () => {
  it('is refused once the term has run out, with the reason of 3.1.5', async () => {
    const { loadRegion } = await import('../config/loader/loadRegion.ts');
    const loaded = await loadRegion('regions/vologda');
    if (!loaded.ok) throw new Error('vologda must load');
    // An extract asked for on Mon 2 Mar 2026 is due in 3 working days: 3, 4, 5 March.
    let now = new Date('2026-03-02T10:00:00+03:00');
    const engine = new Engine({ regions: [loaded.config], store: memoryStore(), clock: { now: () => now } });
    const applicant: Actor = { userId: 'a', region: 'vologda', roles: ['applicant'] };
    const { infoSubmission } = await import('./server/vologdaData.ts');
    const app = (await engine.startApplication('vologda', 'info', infoSubmission('2025-0001'), applicant)).application;
    expect(app.serviceDue?.date).toBe('2026-03-05');
    now = new Date('2026-03-06T10:00:00+03:00');
    const statement = { statement: { text: 'Прошу оставить заявление без рассмотрения' } };
    await expect(engine.send(app.id, 'WITHDRAW', statement, applicant)).rejects.toThrow(TransitionError);
    await expect(engine.send(app.id, 'WITHDRAW', statement, applicant)).rejects.toThrow(/\(п\. 3\.1\.5\)$/);
    now = new Date('2026-03-05T10:00:00+03:00');
    expect((await engine.send(app.id, 'WITHDRAW', statement, applicant)).application.state).toBe('withdrawn');
  });
});
