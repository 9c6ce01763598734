import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { templateMisses } from '../../tools/check/checkTemplates.ts';
import { emptyPrints } from '../../tools/check/templatePrints.ts';
import { arr, obj, VALUE } from '../../tools/check/dataShape.ts';
import { timePath } from '../../tools/check/deadlineBudget.ts';
import { span } from '../../tools/timeline/workingDayAxis.ts';
import { pathsToFinal, simplePaths, transitionsOf } from '../../tools/check/procedureGraph.ts';
import { parseClauseValue, parseRegulationText } from '../../tools/check/regulationText.ts';
import { RuleProblem, localRename } from '../../tools/check/ruleProblem.ts';
import { renameReads, ruleReads } from '../../tools/check/ruleVars.ts';
import { satisfy } from '../../tools/check/satisfy.ts';
import { sampleInn, sampleOgrn, sampleOgrnip, samplePhone, sampleSnils } from '../../tools/check/sampleIdentifiers.ts';
import { isValidInn, isValidOgrn, isValidOgrnip, isValidPhone, isValidSnils } from '../../engine/forms/identifiers.ts';
import fc from 'fast-check';
import type { Deadline } from '../../config/types/RegionConfig.ts';
import type { FormFile, ProcedureFile } from '../../config/types/generated.ts';
import { makeRegion } from '../helpers/regionFactory.ts';

const deadline = (id: string, workingDays: number, from: string, sameDay = false): Deadline => ({ id, title: id, workingDays, from, clause: '1.1', sameDay });

const procedure: ProcedureFile = {
  id: 'proc',
  title: 'Процедура',
  initial: 'a',
  events: { GO: { title: 'Далее', roles: ['officer'] }, BACK: { title: 'Назад', roles: ['officer'] }, QUIT: { title: 'Отозвать', roles: ['applicant'] } },
  on: { QUIT: { target: 'quit' } },
  states: {
    a: { deadline: 'reg', on: { GO: { target: 'b' } } },
    b: { deadline: 'work', milestone: 'started', on: { GO: [{ target: 'c', guard: 'g' }, { target: 'done' }], BACK: { target: 'a' } } },
    c: { deadline: 'notice', on: { GO: { target: 'done' }, QUIT: { target: 'done' } } },
    done: { type: 'final' },
    quit: { type: 'final' },
  },
};

describe('procedure graph', () => {
  it('tries a state\'s own transitions first, then the root ones; a transition behind an unguarded one is dropped', () => {
    const b = transitionsOf(procedure, 'b');
    expect(b.get('GO')!.map((e) => [e.target, e.guard, e.before])).toEqual([['c', 'g', []], ['done', undefined, ['g']]]);
    expect(b.get('QUIT')!.map((e) => [e.target, e.root])).toEqual([['quit', true]]);
    // c handles QUIT itself without a guard: the root QUIT never applies there.
    expect(transitionsOf(procedure, 'c').get('QUIT')!.map((e) => e.target)).toEqual(['done']);
    expect(transitionsOf(procedure, 'done').size).toBe(0);
  });

  it('enumerates simple paths to final states, never revisiting a state, and stops at the cap', () => {
    const all = pathsToFinal(procedure);
    expect(all.paths.map((p) => p.states.join(' '))).toEqual(['a b c done', 'a b c done', 'a b done', 'a b quit', 'a quit']);
    expect(all.capped).toBe(false);
    const capped = simplePaths(procedure, 'a', (s) => s === 'done' || s === 'quit', 2);
    expect(capped).toMatchObject({ capped: true });
    expect(capped.paths).toHaveLength(2);
  });
});

describe('deadline budget', () => {
  it('counts working days after registration: sameDay ends on the anchor, stepStart follows the previous due day, milestones anchor later steps', () => {
    const region = makeRegion({
      deadlines: [deadline('reg', 1, 'registration', true), deadline('work', 5, 'stepStart'), deadline('notice', 1, 'started')],
      procedures: { proc: procedure },
    });
    expect(span(deadline('x', 1, 'registration', true))).toBe(0);
    expect(span(deadline('x', 0, 'registration', true))).toBe(0);
    expect(span(deadline('x', 3, 'stepStart'))).toBe(3);
    const path = pathsToFinal(procedure).paths.find((p) => p.states.join(' ') === 'a b c done')!;
    const t = timePath(region, procedure, path);
    // a: due day 0 (same day); b starts day 0, due day 5; c counts 1 day from the milestone recorded on entering b (day 0): due day 1, before c can start.
    expect(t.walk.steps.filter((s) => s.state !== 'done').map((s) => [s.state, s.start, s.due])).toEqual([['a', 0, 0], ['b', 0, 5], ['c', 5, 1]]);
    expect(t.total).toBe(5);
    expect(t.issues).toEqual([{ kind: 'due-before-start', state: 'c', start: 5, due: 1 }]);
  });

  it('a step without a deadline, or counting from a milestone not yet recorded, is an issue and adds no days', () => {
    const region = makeRegion({ deadlines: [deadline('reg', 2, 'registration'), deadline('notice', 1, 'never')], procedures: { proc: procedure } });
    const path = pathsToFinal(procedure).paths.find((p) => p.states.join(' ') === 'a b c done')!;
    const t = timePath(region, procedure, path);
    expect(t.issues).toEqual([{ kind: 'no-deadline', state: 'b' }, { kind: 'anchor-unreached', state: 'c', anchor: 'never' }]);
    expect(t.total).toBe(2);
  });
});

describe('rule reads', () => {
  it('reads inside some/all are paths into the array\'s items, not top-level names', () => {
    const logic = { or: [{ '!': { var: 'submission.a.file' } }, { some: [{ var: 'submission.b.list' }, { '!': { var: 'doc' } }] }, { missing: ['payload.x'] }] };
    expect(ruleReads(logic).map((r) => r.segments.join('.'))).toEqual(['submission.a.file', 'submission.b.list', 'submission.b.list.[].doc', 'payload.x']);
    const renamed = renameReads(logic, (n) => `ns.${n}`);
    expect(JSON.stringify(renamed)).toContain('"ns.submission.b.list"');
    expect(JSON.stringify(renamed)).toContain('{"var":"doc"}');
  });
});

describe('satisfy', () => {
  const v = (name: string, domain: unknown[], exhaustive = true) => ({ name, domain, exhaustive });
  const eq = (name: string, value: unknown) => ({ reads: [name], label: `${name}=${value}`, test: (d: Record<string, unknown>) => name.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], d) === value });

  it('finds data that meets every constraint', () => {
    const r = satisfy([v('p.x', ['a', 'b']), v('p.y', [true, false])], [eq('p.x', 'b'), eq('p.y', false)]);
    expect(r).toEqual({ status: 'sat', assignment: { 'p.x': 'b', 'p.y': false } });
  });

  it('proves a contradiction over exhaustive domains, even beside an unrelated sampled one', () => {
    const r = satisfy([v('x', ['a', 'b']), v('free', ['text'], false)], [eq('x', 'a'), { ...eq('x', 'b'), label: 'x=b' }, eq('free', 'text')]);
    expect(r).toEqual({ status: 'unsat', proven: true });
    const unproven = satisfy([v('free', ['text'], false)], [eq('free', 'other')]);
    expect(unproven).toEqual({ status: 'unsat', proven: false });
  });

  it('guards over an enum are proven complete, or a gap is shown', () => {
    const form: FormFile = {
      id: 'f', title: 'Ф',
      sections: [{ id: 's', title: 'С', fields: [{ id: 'd', type: 'enum', title: 'Д', required: true, options: [{ value: 'yes', title: 'Да' }, { value: 'no', title: 'Нет' }, { value: 'later', title: 'Позже' }] }] }],
    };
    const region = makeRegion({
      forms: [form],
      rules: [
        { id: 'yes', when: { '==': [{ var: 'payload.s.d' }, 'yes'] } },
        { id: 'notYes', when: { '!=': [{ var: 'payload.s.d' }, 'yes'] } },
        { id: 'no', when: { '==': [{ var: 'payload.s.d' }, 'no'] } },
      ],
    });
    const problem = (guards: string[]) => {
      const p = new RuleProblem(region, undefined);
      p.namespace('payload', form, localRename);
      guards.forEach((g) => p.rule(g, false, localRename));
      return p.solve();
    };
    expect(problem(['yes', 'notYes'])).toEqual({ status: 'unsat', proven: true });
    expect(problem(['yes', 'no'])).toEqual({ status: 'sat', assignment: { 'payload.s.d': 'later' } });
  });
});

describe('regulation text', () => {
  const text = parseRegulationText(
    ['### **2.4. Срок предоставления услуги**', '2.4.1. Срок составляет 10 рабочих дней.', 'Текст 3.3 в середине строки не пункт.', '3.2.2.11. Максимальный срок.', '**Приложение 2** к регламенту', '1. Сведения о заявителе.', '5. Сведения о правах.'].join('\n'),
  );

  it('lists numbered clauses (headings too) and appendix points', () => {
    expect([...text.clauses.keys()]).toEqual(['2.4', '2.4.1', '3.2.2.11']);
    expect(text.clauses.get('2.4.1')).toEqual({ number: '2.4.1', line: 2, text: 'Срок составляет 10 рабочих дней.' });
    expect([...text.appendices.get('2')!.items]).toEqual(['1', '5']);
  });

  it('reads the references of a clause value', () => {
    expect(parseClauseValue('2.4.1; 3.2.2.4')).toEqual([{ kind: 'clause', number: '2.4.1' }, { kind: 'clause', number: '3.2.2.4' }]);
    expect(parseClauseValue('2.6.1.1, подп. 2')).toEqual([{ kind: 'clause', number: '2.6.1.1' }]);
    expect(parseClauseValue('3.2.2.3, 3.2.2.4')).toEqual([{ kind: 'clause', number: '3.2.2.3' }, { kind: 'clause', number: '3.2.2.4' }]);
    expect(parseClauseValue('Приложение 2, пп. 5–7')).toEqual([{ kind: 'appendix', number: '2', items: ['5', '6', '7'] }]);
    expect(parseClauseValue('3')).toEqual([]);
  });
});

describe('template paths', () => {
  const root = obj({ application: obj({ submission: obj({ applicant: obj({ name: VALUE }) }) }), list: arr(obj({ title: VALUE })), today: VALUE });
  const misses = (source: string) => templateMisses(Handlebars.parse(source), root).map((m) => `${m.kind} ${m.path} ${m.line}:${m.column}`);

  it('follows #each and #with scopes, ../ and @root, block params and helper arguments', () => {
    expect(misses('{{#each list}}{{title}}{{../today}}{{@root.today}}{{@index}}{{/each}}')).toEqual([]);
    expect(misses('{{#with application.submission}}{{applicant.name}}{{/with}}{{#each list as |item|}}{{item.title}}{{/each}}')).toEqual([]);
    expect(misses('{{date today}} {{#if (eq today "x")}}{{today}}{{else}}{{application.id}}{{/if}}')).toEqual(['field application.id 1:57']);
    expect(misses('{{#each list}}{{name}}{{/each}}\n{{application.submission.applicant.nam}} {{shout today}}')).toEqual([
      'field name 1:17',
      'field application.submission.applicant.nam 2:3',
      'helper shout 2:44',
    ]);
  });
});

describe('sample identifiers', () => {
  it('always carry correct control digits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        let x = seed;
        const r = { int: (min: number, max: number) => min + ((x = (x * 48271) % 2147483647) % (max - min + 1)) };
        return isValidInn(sampleInn(r)) && isValidOgrn(sampleOgrn(r)) && isValidOgrnip(sampleOgrnip(r)) && isValidSnils(sampleSnils(r)) && isValidPhone(samplePhone(r));
      }),
      { numRuns: 500 },
    );
  });
});

describe('empty prints in a rendered document', () => {
  const context = { a: { name: 'ООО «Ромашка»', empty: '' }, list: [{ t: 'x' }, { t: '' }], on: '2025-03-03' };

  it('reports printed values that are missing or empty, on the branches the data takes only', () => {
    expect(emptyPrints('{{a.name}} {{a.empty}} {{a.missing}} {{date on}} {{date a.missing}}', context).map((p) => `${p.path} ${p.line}:${p.column}`)).toEqual([
      'a.empty 1:12',
      'a.missing 1:24',
      'date a.missing 1:50',
    ]);
    expect(emptyPrints('{{#if a.missing}}{{a.missing}}{{else}}{{a.name}}{{/if}}{{#unless a.empty}}{{a.gone}}{{/unless}}', context).map((p) => p.path)).toEqual(['a.gone']);
    expect(emptyPrints('{{#each list}}{{t}}{{/each}}{{#with a}}{{name}}{{../on}}{{/with}}', context).map((p) => p.path)).toEqual(['t']);
  });
});
