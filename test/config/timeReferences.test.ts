/**
 * The loader refuses, with file:line, the time a region cannot mean: a deadline in two units or none, a
 * calendar-day term without its counting rule, an anchor that is not known when the deadline is needed,
 * phases and suspensions naming what does not exist, and rules that read time where there is no moment.
 */
import { describe, expect, it } from 'vitest';
import { formatLoadError } from '../../config/loader/LoadError.ts';
import { loadRegion, loadRegionFromFiles } from '../../config/loader/loadRegion.ts';

const sample = await loadRegion('test/fixtures/sample');
if (!sample.ok) throw new Error('the sample must load');

/** The sample with `file`'s text edited; the loader's errors, each as `file:line path message` without the folder. */
function errorsAfter(...edits: [file: string, from: string | RegExp, to: string][]): string[] {
  if (!sample.ok) return [];
  const files = { ...sample.config.files };
  for (const [file, from, to] of edits) {
    const before = files[file]!;
    files[file] = before.replace(from, to);
    if (files[file] === before) throw new Error(`${file}: nothing to replace for ${from}`);
  }
  const result = loadRegionFromFiles(sample.config.dir, files);
  return result.ok ? [] : result.errors.map((e) => formatLoadError(e).replace(/^.*?test\/fixtures\/sample\//, ''));
}

describe('time in the config language, refused with file:line', () => {
  it('a deadline needs exactly one unit', () => {
    expect(errorsAfter(['deadlines.yaml', 'workingDays: 5, from: stepStart', 'workingDays: 5, calendarDays: 7, from: stepStart'])).toEqual([
      'deadlines.yaml:7:5 deadlines[4] needs exactly one of "workingDays" and "calendarDays" (both are given)',
      expect.stringMatching(/^deadlines\.yaml:7:5 deadlines\[4\] counts calendar days and needs "counting"/),
    ]);
    expect(errorsAfter(['deadlines.yaml', 'workingDays: 5, from: stepStart', 'from: stepStart'])).toEqual([
      'deadlines.yaml:7:5 deadlines[4] needs exactly one of "workingDays" and "calendarDays" (neither is given)',
    ]);
  });

  it('a calendar-day term says which rule ends it, and a working-day term cannot take a calendar rule', () => {
    expect(errorsAfter(['deadlines.yaml', '    counting: { rule: civilCode, clause: "ГК РФ, ст. 191, 193" }\n', ''])).toEqual([
      expect.stringMatching(/^deadlines\.yaml:11:5 deadlines\[8\] counts calendar days and needs "counting": \{ rule: civilCode/),
    ]);
    expect(errorsAfter(['deadlines.yaml', 'workingDays: 8, from: phaseStart,', 'workingDays: 8, counting: { rule: civilCode, clause: "ГК" }, from: phaseStart,'])).toEqual([
      expect.stringMatching(/^deadlines\.yaml:10:\d+ deadlines\[7\]\.counting\.rule counts working days, so its rule is workingDays, not civilCode$/),
    ]);
  });

  it('a service total counts from what is known when the application arrives', () => {
    // The permit form's date fields are optional: a total cannot count from one.
    expect(errorsAfter(['deadlines.yaml', 'workingDays: 10, from: registration', 'workingDays: 10, from: submission.extra.visitDate'], ['forms/permit-application.yaml', /(\n\s+- \{ id: consent)/, '\n      - { id: visitDate, type: date, title: Желаемая дата выезда }$1'])).toEqual([
      expect.stringMatching(/^services\/permit\.yaml:9:\d+ deadline\[1\]\.use the service total "permitTotal" counts from "submission\.extra\.visitDate", a field of the application form that may be left empty/),
    ]);
    expect(errorsAfter(['deadlines.yaml', 'workingDays: 10, from: registration', 'workingDays: 10, from: submission.extra.nothing'])).toEqual([
      expect.stringMatching(/^deadlines\.yaml:3:\d+ deadlines\[0\]\.from counts from submission\.extra\.nothing, but form "permit-application" has no such field$/),
    ]);
  });

  it('a step counts from stepStart and a phase from phaseStart, not the other way round', () => {
    expect(errorsAfter(['deadlines.yaml', 'workingDays: 5, from: stepStart', 'workingDays: 5, from: phaseStart'])).toEqual([
      expect.stringMatching(/^deadlines\.yaml:7:\d+ deadlines\[4\]\.from counts from phaseStart but is the limit of a step in procedure "permit"; a step counts from stepStart$/),
    ]);
    expect(errorsAfter(['deadlines.yaml', 'workingDays: 8, from: phaseStart', 'workingDays: 8, from: stepStart'])).toEqual([
      expect.stringMatching(/^deadlines\.yaml:10:\d+ deadlines\[7\]\.from counts from stepStart but is the limit of a phase in procedure "permit"; a phase counts from phaseStart$/),
    ]);
  });

  it('a phase names steps, a milestone and a deadline that exist', () => {
    expect(errorsAfter(['procedures/permit.yaml', 'from: review, until: decision', 'from: reveiw, until: decided'])).toEqual([
      expect.stringMatching(/^procedures\/permit\.yaml:20:\d+ phases\[0\]\.from names state "reveiw", which does not exist$/),
      expect.stringMatching(/^procedures\/permit\.yaml:20:\d+ phases\[0\]\.until names milestone "decided", which no state of procedure "permit" records \(decision\)$/),
    ]);
  });

  it('a suspension stops deadlines that exist, for at most a term counted from the day it begins', () => {
    expect(errorsAfter(['procedures/permit.yaml', 'deadlines: [permitTotal, permitSiteTotal, considerationTerm], atMost: documentsWait', 'deadlines: [permitTotl], atMost: considerationTerm'])).toEqual([
      expect.stringMatching(/^procedures\/permit\.yaml:46:\d+ states\.awaitingDocuments\.suspends\.deadlines\[0\] refers to deadline "permitTotl", which does not exist in deadlines\.yaml$/),
      expect.stringMatching(/^procedures\/permit\.yaml:46:\d+ states\.awaitingDocuments\.suspends\.atMost "considerationTerm" counts from "phaseStart"; a suspension's limit counts from the day the clocks stop: give it from: stepStart$/),
    ]);
  });

  it('a rule that reads time is a guard, never a condition shown in the browser or a fee choice', () => {
    const errors = errorsAfter(['services/permit.yaml', '{ use: permitSite, when: needsSite }', '{ use: permitSite, when: beforeDecision }']);
    expect(errors).toEqual([expect.stringMatching(/^services\/permit\.yaml:11:\d+ fee\[0\]\.when uses rule "beforeDecision", which reads application\.milestones\.decision; only a procedure's guards read time \(a fee choice is evaluated without a moment\)$/)]);
  });

  it('refuses otherwise for a procedure-wide event that has an unguarded transition', () => {
    expect(errorsAfter(['procedures/permit.yaml', 'WITHDRAW: { target: withdrawn, guard: beforeDecision, clause: "3.5" }', 'WITHDRAW: { target: withdrawn, clause: "3.5" }'])).toEqual([
      expect.stringMatching(/^procedures\/permit\.yaml:17:3 otherwise\.WITHDRAW only a procedure-wide event \(root "on"\) handled with guarded transitions can be refused otherwise \(WITHDRAW has an unguarded transition\)$/),
    ]);
  });
});
