/**
 * What an application's page offers: only the actions the procedure would take now. Guards are judged
 * on the application as it is, with the engine's clock, so the applicant is not offered a withdrawal
 * the procedure would refuse (3.5 of the sample region, 3.1.5 of Vologda), and reads the reason
 * instead; a guard that reads the task form cannot be judged before it is filled in, so its action is
 * offered.
 *
 * The sample region (test/fixtures/sample) is in Asia/Yekaterinburg; its permit total is 10 working
 * days from registration. Filed Mon 3 Mar 2025 at 10:00 (office hours), registered that day; working
 * days after it (../shared/production-calendar.md: the 8 March holiday fell on a Saturday and was moved
 * to 13 June, so Mon 10 Mar is a working day): 4, 5, 6, 7, 10, 11, 12, 13, 14, 17 March. Due Mon 17 Mar.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { loadRegion } from '../config/loader/loadRegion.ts';
import type { Actor, Clock } from '../engine/api.ts';
import { Engine } from '../engine/Engine.ts';
import { memoryStore } from '../engine/store/memoryStore.ts';
import { approveReview, permitSubmission } from './server/sampleData.ts';

class ManualClock implements Clock {
  at = new Date('2025-03-03T10:00:00+05:00');
  now(): Date {
    return this.at;
  }
}

const applicant: Actor = { userId: 'applicant', region: 'sample', roles: ['applicant'] };
const officer: Actor = { userId: 'officer', region: 'sample', roles: ['officer'] };
const head: Actor = { userId: 'head', region: 'sample', roles: ['head'] };
const petrova: Actor = { userId: 'petrova', region: 'sample', roles: ['officer'] };
// One person who both assigns cases and works them (a head of a small department).
const headOfficer: Actor = { userId: 'chief', region: 'sample', roles: ['officer', 'head'] };

const loaded = await loadRegion('test/fixtures/sample');
if (!loaded.ok) throw new Error('sample does not load');
const sample = loaded.config;

let clock: ManualClock;
let engine: Engine;
beforeEach(async () => {
  const store = memoryStore();
  await store.init();
  clock = new ManualClock();
  engine = new Engine({ regions: [sample], store, clock });
});

const events = (list: readonly { event: string }[]) => list.map((e) => e.event);

describe('actions offered on an application', () => {
  it('offer withdrawal up to the last day of the term and not after, with the reason of 3.5 instead', async () => {
    const filed = await engine.startApplication('sample', 'permit', permitSubmission(), applicant);
    expect(filed.application.serviceDue?.date).toBe('2025-03-17');
    const id = filed.application.id;
    expect(events(filed.allowedEvents)).toEqual(['WITHDRAW']);
    expect(filed.unavailableEvents).toEqual([]);

    clock.at = new Date('2025-03-17T23:30:00+05:00'); // the last day of the term, region time
    expect(events((await engine.view(id, applicant)).allowedEvents)).toEqual(['WITHDRAW']);

    clock.at = new Date('2025-03-18T00:30:00+05:00'); // the day after (still 17 March in UTC)
    const late = await engine.view(id, applicant);
    expect(late.allowedEvents).toEqual([]);
    expect(late.unavailableEvents).toEqual([
      { event: 'WITHDRAW', title: 'Отозвать заявление', reason: 'Отозвать заявление можно только до принятия решения и до истечения срока услуги', clause: '3.5' },
    ]);
    // The view agrees with the procedure: sending it anyway is refused with the same reason.
    await expect(engine.send(id, 'WITHDRAW', undefined, applicant)).rejects.toThrow('до истечения срока услуги (п. 3.5)');
  });

  it('stop offering withdrawal once the decision is taken (a milestone the guard reads)', async () => {
    const id = (await engine.startApplication('sample', 'permit', permitSubmission(), applicant)).application.id;
    await engine.send(id, 'REGISTER', undefined, officer);
    await engine.send(id, 'REVIEW', approveReview, officer);
    expect(events((await engine.view(id, applicant)).allowedEvents)).toEqual(['WITHDRAW']);
    await engine.send(id, 'SIGN', undefined, head); // notifyGrant records the decision
    const decided = await engine.view(id, applicant);
    expect(decided.allowedEvents).toEqual([]);
    expect(events(decided.unavailableEvents)).toEqual(['WITHDRAW']);
  });

  it('offer an action whose guards read its task form, which only the form can decide', async () => {
    const id = (await engine.startApplication('sample', 'permit', permitSubmission(), applicant)).application.id;
    const review = await engine.send(id, 'REGISTER', undefined, officer);
    // REVIEW goes to signing by «approved» or «rejected», both reading payload.result.decision.
    expect(review.allowedEvents).toEqual([
      { event: 'REVIEW', title: expect.any(String), payloadForm: 'review' },
      { event: 'REQUEST_DOCUMENTS', title: 'Запросить документы у заявителя', payloadForm: null },
    ]);
  });
});

describe('a case held by an officer', () => {
  it("is the holder's to act on: another officer is refused with the holder's name and sees why, until it is handed over", async () => {
    const filed = await engine.startApplication('sample', 'permit', permitSubmission(), applicant);
    const id = filed.application.id;
    const taken = await engine.assign(id, officer, 'take', { userId: 'officer', name: 'Иванова И. И.' }, filed.application.version);

    const other = await engine.view(id, petrova);
    expect(other.allowedEvents).toEqual([]);
    expect(other.unavailableEvents).toEqual([{ event: 'REGISTER', title: 'Зарегистрировать', reason: expect.stringContaining('Иванова И. И.'), clause: null }]);
    await expect(engine.send(id, 'REGISTER', undefined, petrova, taken.application.version)).rejects.toThrow(/в работе у сотрудника Иванова И\. И\./);
    expect(events((await engine.view(id, officer)).allowedEvents)).toEqual(['REGISTER']);

    // The head hands it to Petrova: now she acts, and the first officer is the one refused.
    const given = await engine.assign(id, head, 'assign', { userId: 'petrova', name: 'Петрова П. П.' }, taken.application.version);
    await expect(engine.send(id, 'REGISTER', undefined, officer, given.application.version)).rejects.toThrow(/Петрова П\. П\./);
    const registered = await engine.send(id, 'REGISTER', undefined, petrova, given.application.version);
    expect(registered.application.state).toBe('review');

    // Handed back to the queue, it is anyone's of the role again.
    const released = await engine.assign(id, head, 'release', null, registered.application.version);
    expect(events((await engine.view(id, officer)).allowedEvents)).toEqual(['REVIEW', 'REQUEST_DOCUMENTS']);
    expect((await engine.send(id, 'REQUEST_DOCUMENTS', undefined, officer, released.application.version)).application.state).toBe('awaitingDocuments');
  });

  it('does not stop the head, who assigns cases, nor the applicant, nor a role that takes no cases', async () => {
    const filed = await engine.startApplication('sample', 'permit', permitSubmission(), applicant);
    const id = filed.application.id;
    const taken = await engine.assign(id, officer, 'take', { userId: 'officer', name: 'Иванова И. И.' }, filed.application.version);
    // A head who also works cases registers it although the officer holds it.
    expect(events((await engine.view(id, headOfficer)).allowedEvents)).toEqual(['REGISTER']);
    const registered = await engine.send(id, 'REGISTER', undefined, headOfficer, taken.application.version);
    const reviewed = await engine.send(id, 'REVIEW', approveReview, officer, registered.application.version);
    // Signing is the head's (a role that takes no cases): the officer's hold does not concern it.
    expect(events((await engine.view(id, head)).allowedEvents)).toEqual(['SIGN']);
    // The applicant withdraws whoever holds the case.
    expect(events((await engine.view(id, applicant)).allowedEvents)).toEqual(['WITHDRAW']);
    expect((await engine.send(id, 'WITHDRAW', undefined, applicant, reviewed.application.version)).application.outcome).toBe('withdrawn');
  });
});
