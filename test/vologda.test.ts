/**
 * regions/vologda: the scrap-metal licensing regulation of Vologda oblast (order No. 169 of 24.05.2024).
 * The folder is read through the loader, so any change to its YAML shows here; every expected value is
 * a literal taken from the regulation's text, with the clause it comes from.
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatLoadError } from '../config/loader/LoadError.ts';
import { loadRegion } from '../config/loader/loadRegion.ts';
import type { RegionConfig } from '../config/types/RegionConfig.ts';
import { Engine } from '../engine/Engine.ts';
import { feeDue } from '../engine/fees/feeDue.ts';
import { memoryStore } from '../engine/store/memoryStore.ts';
import { evaluateRule } from '../engine/rules/evaluateRule.ts';

const DIR = fileURLToPath(new URL('../regions/vologda', import.meta.url));
/** The date of order No. 169, from which every amount of 2.10.1 applies. */
const ORDER_DATE = '2024-05-24';

let config: RegionConfig;
beforeAll(async () => {
  const result = await loadRegion(DIR);
  if (!result.ok) throw new Error(`regions/vologda does not load:\n${result.errors.map(formatLoadError).join('\n')}`);
  config = result.config;
});

/** The fees a service may charge, in choice order: rule, amounts and their dates. */
function fees(serviceId: string) {
  return (config.services[serviceId].fee ?? []).map((choice) => ({
    when: choice.when ?? null,
    values: config.fees[choice.use].values.map((v) => ({ from: v.from, amount: v.amount })),
  }));
}

/** The service's total deadline choices: rule, working days, anchor. */
function totals(serviceId: string) {
  return config.services[serviceId].deadline!.map((choice) => {
    const d = config.deadlines[choice.use];
    return { when: choice.when ?? null, workingDays: d.workingDays, from: d.from };
  });
}

/** Every non-final step of a procedure: its role and its own time limit ("-" when it has none). */
function steps(procedureId: string) {
  const out: Record<string, string> = {};
  for (const [id, state] of Object.entries(config.procedures[procedureId].states)) {
    if (state!.type === 'final') continue;
    const d = state!.deadline ? config.deadlines[state!.deadline] : undefined;
    out[id] = `${state!.role} ${d ? `${d.workingDays} from ${d.from}${d.sameDay ? ' same day' : ''}` : '-'}`;
  }
  return out;
}

function outcomes(procedureId: string) {
  return Object.values(config.procedures[procedureId].states)
    .filter((s) => s!.type === 'final')
    .map((s) => s!.outcome)
    .sort();
}

/** Grounds an officer may choose from in a service, by group. */
function groundCounts(serviceId: string) {
  return Object.fromEntries((config.services[serviceId].refusalGrounds ?? []).map((g) => [g, config.refusals[g].grounds.length]));
}

function sectionTitles(formId: string) {
  return config.forms[formId].sections.map((s) => s.title);
}

function numberedSections(formId: string) {
  return config.forms[formId].sections.filter((s) => s.clause?.startsWith('Приложение'));
}

// Appendix 1, sections 1-11, verbatim.
const APPENDIX_1 = [
  'Сведения о заявителе',
  'Сведения о представителе заявителя',
  'Сведения о видах выполняемых работ в рамках лицензии',
  'Сведения об адресах мест осуществления лицензируемого вида деятельности',
  'Сведения о правах на земельный участок',
  'Сведения о правах на здание, строение, сооружение и помещение',
  'Сведения об используемом оборудовании для осуществления деятельности по заготовке, хранению, переработке и реализации лома черных металлов',
  'Сведения об используемом оборудовании для осуществления деятельности по заготовке, хранению, переработке и реализации лома цветных металлов',
  'Сведения об используемом оборудовании для осуществления деятельности по заготовке, хранению и реализации лома цветных металлов',
  'Сведения о работниках соискателя лицензии с соответствующей подготовкой и аттестацией',
  'Сведения о документе, подтверждающем уплату пошлины за предоставление лицензии на осуществление деятельности по заготовке, хранению, переработке и реализации лома черных металлов и цветных металлов',
];

describe('region.yaml', () => {
  it('is the Department, on Moscow time, with no office hours (the regulation sets none, 1.3)', () => {
    expect(config.region).toMatchObject({
      id: 'vologda',
      authority: { title: 'Департамент природных ресурсов и охраны окружающей среды Вологодской области', shortTitle: 'Департамент', headTitle: 'Начальник Департамента' },
      timezone: 'Europe/Moscow',
      regulation: { act: { date: ORDER_DATE } },
      // The four services of 2.3, complaints (section V) and the checks of section IV (4.3).
      services: ['grant', 'amend', 'terminate', 'info', 'complaint', 'control-check'],
    });
    expect(config.region.workingHours).toBeUndefined();
    expect(config.region.regulation.text).toBeUndefined();
  });
});

describe('every number cites its clause', () => {
  it('each deadline and each fee amount has a clause', () => {
    for (const d of Object.values(config.deadlines)) expect(d.clause, d.id).toMatch(/^\d/);
    for (const f of Object.values(config.fees)) for (const v of f.values) expect(v.clause, f.id).toMatch(/^2\.10\.1/);
  });
});

describe('totals count from receipt, not registration (2.4.1 «со дня поступления заявления»)', () => {
  const quote = (instant: string) => {
    const engine = new Engine({ regions: [config], store: memoryStore(), clock: { now: () => new Date(instant) } });
    return engine.quote('vologda', 'grant', {}, new Date(instant));
  };

  it('makes a filing received on Saturday due one working day before one received on the Monday after it', () => {
    // Production calendar 2026: 21–23 Feb and 7–9 Mar are non-working.
    // Received Sat 7 Feb 2026 (noon, Moscow): registered Mon 9 Feb (2.12), but 35 working days count from
    // receipt, so day 1 is Mon 9 Feb: 9–13 Feb (5), 16–20 (10), 24–27 (14), 2–6 Mar (19), 10–13 (23),
    // 16–20 (28), 23–27 (33), 30 Mar (34), Tue 31 Mar (35).
    const saturday = quote('2026-02-07T09:00:00Z');
    expect(saturday.registeredOn).toBe('2026-02-09');
    expect(saturday.serviceDue).toEqual({ date: '2026-03-31', provisional: false });
    // Received Mon 9 Feb 2026 (noon): day 1 is Tue 10 Feb, so day 35 is one working day later, Wed 1 Apr.
    // Between Saturday and Monday lies one working day (Monday itself): the Saturday filing is due 1 day earlier.
    const monday = quote('2026-02-09T09:00:00Z');
    expect(monday.registeredOn).toBe('2026-02-09');
    expect(monday.serviceDue).toEqual({ date: '2026-04-01', provisional: false });
  });
});

describe('grant: предоставление лицензии (2.3 подп. 1-2, 3.2)', () => {
  it('charges 7500 roubles from the date of the order', () => {
    // 2.10.1, subpara. 1
    expect(fees('grant')).toEqual([{ when: null, values: [{ from: ORDER_DATE, amount: 7500 }] }]);
  });

  it('takes at most 35 working days from receipt («со дня поступления»)', () => {
    // 2.4.1
    expect(totals('grant')).toEqual([{ when: null, workingDays: 35, from: 'receipt' }]);
  });

  it('gives every step its role and its own limit', () => {
    expect(steps('grant')).toEqual({
      registration: 'officer 1 from registration same day', // 3.2.1.2 («в день поступления»), 3.2.1.4
      signatureCheck: 'officer 1 from registration', // 3.2.2.2
      acceptRefusalDraft: 'officer 1 from signatureChecked', // 3.2.2.3
      acceptRefusalSigning: 'head 1 from signatureChecked', // 3.2.2.3
      interagencyDraft: 'officer 2 from registration', // 3.2.2.4
      interagencySigning: 'head 2 from registration', // 3.2.2.4 (signed by the head)
      interagencyResponses: 'officer -', // 3.2.2.4 sets no time for the answers
      completeness: 'officer 1 from stepStart', // 3.2.2.5
      assessmentOrderDraft: 'officer 1 from stepStart', // 3.2.2.5
      assessmentOrderSigning: 'head 1 from stepStart', // 3.2.2.5
      assessmentNotice: 'officer 1 from assessmentOrderSigned', // 3.2.2.6
      assessment: 'officer 24 from stepStart', // 3.2.2.6
      decisionDraft: 'officer 1 from stepStart', // 3.2.2.8
      decisionSigning: 'head 1 from stepStart', // 3.2.2.8
      notifyGranted: 'officer 1 from decision', // 3.2.2.9, 2.4.2
      notifyRefused: 'officer 1 from decision', // 3.2.2.9, 2.4.2
    });
    expect(outcomes('grant')).toEqual(['granted', 'notAccepted', 'refused', 'withdrawn']); // 2.3 subparas. 1-2, 2.9.1, 3.1.5
  });

  it('offers 1 ground to refuse acceptance and 5 grounds to refuse the licence', () => {
    expect(groundCounts('grant')).toEqual({ notAccepted: 1, refuse: 5 }); // 2.9.1; 2.9.3 subparas. 1-5
  });

  it('asks for the sections of Appendix 1 in order', () => {
    expect(sectionTitles('grant-application').slice(0, 11)).toEqual(APPENDIX_1);
    expect(numberedSections('grant-application').map((s) => s.clause)).toEqual(APPENDIX_1.map((_, i) => `Приложение 1, п. ${i + 1}`));
    // The one extra section holds the check-boxes of 2.6.3.
    expect(config.forms['grant-application'].sections.slice(11).map((s) => s.clause)).toEqual(['2.6.3']);
  });
});

describe('amend: внесение изменений в реестр лицензий (2.3 подп. 3-4, 3.3)', () => {
  it('charges 3500 roubles for a change that needs an assessment, 750 for phone or e-mail, nothing to fix the Department’s error', () => {
    // 2.10.1, subparas. 2 and 3
    expect(fees('amend')).toEqual([
      { when: 'needsAssessment', values: [{ from: ORDER_DATE, amount: 3500 }] },
      { when: null, values: [{ from: ORDER_DATE, amount: 750 }] },
    ]);
    // 2.10.3
    expect(config.services.amend.exemptions).toEqual(['authorityError']);
    expect(config.exemptions.authorityError).toMatchObject({ clause: '2.10.3', when: 'authorityErrorCorrection' });
  });

  it('works out the fee from the reasons given in the application', () => {
    const base = { reason: { reasons: ['newAddress'] } };
    expect(feeDue(config, 'amend', base, '2024-06-03').amount).toBe(3500); // 2.10.1, subpara. 2
    expect(feeDue(config, 'amend', { reason: { reasons: ['worksChanged'] } }, '2024-06-03').amount).toBe(3500); // 2.10.1, subpara. 2
    expect(feeDue(config, 'amend', { reason: { reasons: ['emailChanged'] } }, '2024-06-03').amount).toBe(750); // 2.10.1, subpara. 3
    // 2.10.3 is the Department's finding at registration, not the applicant's: a tick in the application is no field at all.
    expect(feeDue(config, 'amend', { reason: { reasons: ['phoneChanged'], authorityError: true } }, '2024-06-03').amount).toBe(750);
    const corrected = feeDue(config, 'amend', { reason: { reasons: ['phoneChanged'] } }, '2024-06-03', { REGISTER: { fee: { authorityError: true } } });
    expect(corrected).toMatchObject({ amount: 0, exemption: { id: 'authorityError', clause: '2.10.3' } }); // 2.10.3
  });

  it('takes at most 10 working days with an assessment, 7 for phone or e-mail', () => {
    // 2.4.1
    expect(totals('amend')).toEqual([
      { when: 'needsAssessment', workingDays: 10, from: 'receipt' },
      { when: null, workingDays: 7, from: 'receipt' },
    ]);
  });

  it('gives every step its role and its own limit', () => {
    expect(steps('amend')).toEqual({
      registration: 'officer 1 from registration same day', // 3.3.1.2, 3.3.1.4
      signatureCheck: 'officer 1 from registration', // 3.3.2.2
      acceptRefusalDraft: 'officer 1 from signatureChecked', // 3.3.2.3
      acceptRefusalSigning: 'head 1 from signatureChecked', // 3.3.2.3
      interagencyDraft: 'officer 1 from signatureChecked same day', // 3.3.2.4 «в день проведения проверки»
      interagencySigning: 'head 1 from signatureChecked same day', // 3.3.2.4
      interagencyResponses: 'officer -', // 3.3.2.4 sets no time for the answers
      completeness: 'officer 1 from stepStart', // 3.3.2.5
      assessmentOrderDraft: 'officer 1 from stepStart', // 3.3.2.5
      assessmentOrderSigning: 'head 1 from stepStart', // 3.3.2.5
      assessmentNotice: 'officer 1 from assessmentOrderSigned', // 3.3.2.6
      assessment: 'officer 1 from stepStart', // 3.3.2.6
      decisionDraft: 'officer 1 from stepStart', // 3.3.2.8
      decisionSigning: 'head 1 from stepStart', // 3.3.2.8
      notifyAmended: 'officer 1 from decision', // 3.3.2.9, 2.4.2
      notifyRefused: 'officer 1 from decision', // 3.3.2.9, 2.4.2
    });
    expect(outcomes('amend')).toEqual(['amended', 'notAccepted', 'refused', 'withdrawn']); // 2.3 subparas. 3-4, 2.9.1, 3.1.5
  });

  it('skips the assessment when only the phone or e-mail changes', () => {
    // 2.4.1, 2.6.1.2, Appendix 2 sections 5-12
    const after = config.procedures.amend.states.completeness!.on!.CHECK_COMPLETENESS;
    expect(after).toEqual([
      expect.objectContaining({ guard: 'completenessGroundsFound', target: 'decisionDraft' }),
      expect.objectContaining({ guard: 'needsAssessment', target: 'assessmentOrderDraft' }),
      expect.objectContaining({ target: 'decisionDraft' }),
    ]);
    const needs = (reasons: string[]) => evaluateRule(config, 'needsAssessment', { submission: { reason: { reasons } } });
    expect(needs(['newAddress'])).toBe(true);
    expect(needs(['worksChanged', 'phoneChanged'])).toBe(true);
    expect(needs(['phoneChanged', 'emailChanged'])).toBe(false);
  });

  it('offers 1 ground to refuse acceptance and 5 grounds to refuse the change', () => {
    expect(groundCounts('amend')).toEqual({ notAccepted: 1, refuse: 5 }); // 2.9.1; 2.9.3
  });

  it('asks for the sections of Appendix 2 in order, 5-12 only when the change needs an assessment', () => {
    expect(sectionTitles('amend-application').slice(0, 13)).toEqual([
      APPENDIX_1[0],
      APPENDIX_1[1],
      'Сведения о лицензии',
      'Сведения о причине внесения изменений в реестр лицензий',
      ...APPENDIX_1.slice(2, 10),
      'Сведения о документе, подтверждающем уплату пошлины за внесение изменений в реестр лицензий',
    ]);
    const numbered = numberedSections('amend-application');
    expect(numbered.map((s) => s.clause)).toEqual(numbered.map((_, i) => `Приложение 2, п. ${i + 1}`));
    expect(numbered.length).toBe(13);
    expect(numbered.slice(4, 12).every((s) => s.visibleWhen?.startsWith('needsAssessment'))).toBe(true);
    expect(numbered.filter((s, i) => (i < 4 || i > 11) && s.visibleWhen)).toEqual([]);
  });
});

describe('terminate: прекращение действия лицензии (2.3 подп. 5, 3.4)', () => {
  it('is free: 2.10.1 sets no fee for it', () => {
    expect(fees('terminate')).toEqual([]);
  });

  it('takes at most 5 working days from receipt', () => {
    // 2.4.1 (= 1 day of 3.4.1.4 + 4 days of 3.4.2.6)
    expect(totals('terminate')).toEqual([{ when: null, workingDays: 5, from: 'receipt' }]);
  });

  it('gives every step its role and its own limit', () => {
    expect(steps('terminate')).toEqual({
      registration: 'officer 1 from registration same day', // 3.4.1.2, 3.4.1.4
      orderDraft: 'officer 1 from registration', // 3.4.2.3
      // Requests for ЕГРЮЛ/ЕГРИП (3.2.2.4-style; Appendix 3 asks the licensee for none) fit in the draft's day; answers have no limit.
      interagencySigning: 'head 1 from registration',
      interagencyResponses: 'officer -',
      orderSigning: 'head 1 from stepStart', // 3.4.2.3
      noticeDraft: 'officer 1 from decision', // 3.4.2.5
      noticeSigning: 'head 1 from decision', // 3.4.2.5 («за подписью начальника»)
      noticeSending: 'officer 1 from stepStart', // 3.4.2.5
    });
    expect(outcomes('terminate')).toEqual(['terminated', 'withdrawn']); // 2.3 subpara. 5, 3.1.5
  });

  it('ends the licence on the order’s day or on the date asked for', () => {
    // 3.4.2.4
    expect(config.procedures.terminate.states.orderSigning!.on!.SIGN_TERMINATION_ORDER).toMatchObject({
      actions: [{ type: 'terminateLicence', params: { licence: 'submission.licence.number', effectiveDate: 'submission.licence.terminationDate' } }, { type: 'renderDocument' }],
    });
  });

  it('has no refusal grounds (2.3 lists no refusal to terminate)', () => {
    expect(groundCounts('terminate')).toEqual({});
  });

  it('asks for the sections of Appendix 3 in order', () => {
    expect(sectionTitles('terminate-application').slice(0, 4)).toEqual([
      'Сведения о заявителе',
      'Сведения о представителе заявителя',
      'Сведения о видах выполняемых работ в рамках полученной лицензии',
      'Сведения о лицензии',
    ]);
    expect(numberedSections('terminate-application').length).toBe(4);
  });
});

describe('info: сведения о конкретной лицензии (2.3 подп. 6-7, 3.5)', () => {
  it('is free of charge', () => {
    // 2.10.1, subpara. 4
    expect(fees('info')).toEqual([{ when: null, values: [{ from: ORDER_DATE, amount: 0 }] }]);
  });

  it('takes at most 3 working days from receipt', () => {
    // 2.4.1, 3.5.1.5
    expect(totals('info')).toEqual([{ when: null, workingDays: 3, from: 'receipt' }]);
  });

  it('gives every step its role and its own limit', () => {
    expect(steps('info')).toEqual({
      registration: 'officer 0 from registration same day', // 3.5.1.2 «в день поступления»
      review: 'officer 3 from receipt', // 3.5.1.5: the whole procedure, which begins on receipt (3.5.1.1)
    });
    // 3.5.1.4 а-в, 2.3 subpara. 7, 3.1.5
    expect(outcomes('info')).toEqual(['absenceCertified', 'extractSent', 'orderCopySent', 'refused', 'withdrawn']);
  });

  it('offers the 5 grounds of 2.9.3 for a refusal', () => {
    expect(groundCounts('info')).toEqual({ refuse: 5 });
  });

  it('asks for the sections of Appendix 4 in order', () => {
    expect(sectionTitles('info-application').slice(0, 4)).toEqual([
      'Сведения о заявителе',
      'Сведения о представителе заявителя',
      'Сведения о видах выполняемых работ в рамках лицензии',
      'Сведения о лицензии',
    ]);
    expect(numberedSections('info-application').length).toBe(4);
  });
});

describe('phase limits («максимальный срок выполнения административной процедуры»)', () => {
  const phase = (procedureId: string) =>
    (config.procedures[procedureId].phases ?? []).map((p) => {
      const d = config.deadlines[p.deadline]!;
      return { from: p.from, to: p.to ?? null, until: p.until ?? null, workingDays: d.workingDays, anchor: d.from, clause: p.clause };
    });
  it('3.2.2 takes at most 34 working days, from the signature check to the end (3.2.2.11)', () => {
    expect(phase('grant')).toEqual([{ from: 'signatureCheck', to: null, until: null, workingDays: 34, anchor: 'phaseStart', clause: '3.2.2.11' }]);
  });
  it('3.3.2 takes at most 9 working days (3.3.2.11)', () => {
    expect(phase('amend')).toEqual([{ from: 'signatureCheck', to: null, until: null, workingDays: 9, anchor: 'phaseStart', clause: '3.3.2.11' }]);
  });
  it('3.4.2 takes at most 4 working days, from the draft order to the end (3.4.2.6)', () => {
    expect(phase('terminate')).toEqual([{ from: 'orderDraft', to: null, until: null, workingDays: 4, anchor: 'phaseStart', clause: '3.4.2.6' }]);
  });
});

describe('every procedure', () => {
  it('lets only the head sign, and the applicant withdraw before the term runs out and the decision is taken (3.1.5)', () => {
    // The licensing services of 2.3; a complaint (V) and a control check (IV) have their own rules.
    for (const procedure of ['grant', 'amend', 'terminate', 'info'].map((id) => config.procedures[id]!)) {
      for (const [name, event] of Object.entries(procedure.events)) {
        if (name.startsWith('SIGN_')) expect(event!.roles, `${procedure.id} ${name}`).toEqual(['head']);
        else expect(event!.roles, `${procedure.id} ${name}`).not.toContain('head');
      }
      expect(procedure.events.WITHDRAW!.roles).toEqual(['applicant']);
      expect(procedure.on?.WITHDRAW).toMatchObject({ target: 'withdrawn', guard: 'withdrawalAllowed' });
      expect(procedure.otherwise?.WITHDRAW).toMatchObject({ clause: '3.1.5' });
      expect(procedure.states.withdrawn).toMatchObject({ type: 'final', outcome: 'withdrawn' });
    }
  });

  it('sends interagency requests only when the applicant did not supply the 2.7.1 documents', () => {
    const missing = (submission: unknown) => evaluateRule(config, 'documentsMissing', { submission });
    const pdf = [{ id: '00000000-0000-4000-8000-000000000001', name: 'a.pdf' }];
    const all = { applicant: { kind: 'legalEntity', egrulExtract: pdf }, payment: { receipt: pdf }, buildings: { registered: [{ egrnExtract: pdf }] } };
    expect(missing(all)).toBe(false);
    expect(missing({ ...all, payment: {} })).toBe(true);
    expect(missing({ ...all, payment: { receipt: [] } })).toBe(true);
    expect(missing({ ...all, buildings: { registered: [{ egrnExtract: pdf }, {}] } })).toBe(true);
    expect(missing({ ...all, applicant: { kind: 'entrepreneur', egrulExtract: pdf } })).toBe(true);
  });
});
