/** Applications and task-form data for the Vologda region (regions/vologda), valid as its forms define them. */
import { file } from './harness.ts';

export const COMPANY = {
  kind: 'legalEntity',
  name: 'ООО «Вологдавторчермет»',
  inn: '7707083893',
  ogrn: '1027700132195',
  address: 'г. Вологда, ул. Мира, д. 1',
  phone: '+7 (8172) 72-00-00',
  email: 'info@vtorchermet.example',
};

const SITE = 'г. Вологда, ул. Промышленная, д. 5';

/** Appendix 1: a legal entity asking for ferrous scrap work at one site, without the optional extracts. */
export const grantSubmission = () => ({
  applicant: { ...COMPANY },
  representative: { acting: false },
  works: { kinds: ['ferrous'] },
  addresses: { places: [{ address: SITE }] },
  // Appendix 1, §§5, 6 and 11 may not be filed empty (atLeastOne): rights not registered in ЕГРН, with their documents.
  land: { unregistered: [{ address: SITE, right: 'otherLawful', rightDocuments: file('lease-land.pdf') }] },
  buildings: { unregistered: [{ objectKind: 'building', address: SITE, right: 'otherLawful', rightDocuments: file('lease-building.pdf') }] },
  equipmentFerrous: { items: [{ name: 'Пресс-ножницы', quantity: 1, address: SITE, right: 'ownership', documents: file('press.pdf') }] },
  staff: {
    employees: [{ fullName: 'Иванов Иван Иванович', position: 'Контролер лома', qualification: 'Аттестован в 2024 году', documents: file('attestation.pdf') }],
    controlAppointment: file('order-control.pdf'),
  },
  payment: { number: '1203', date: '2025-02-28', amount: 7500 },
  delivery: { paperCopy: false, extract: true },
});

/** Appendix 2: a new phone number only (no compliance assessment), with the extracts attached. */
export const amendSubmission = (licence: string) => ({
  applicant: { ...COMPANY, phone: '+7 (8172) 72-11-11', egrulExtract: file('egrul.pdf') },
  representative: { acting: false },
  licence: { number: licence },
  reason: { reasons: ['phoneChanged'] },
  payment: { receipt: file('receipt.pdf') },
  delivery: { paperCopy: false },
});

/** Appendix 3: ending the licence. */
export const terminateSubmission = (licence: string) => ({
  applicant: { ...COMPANY },
  representative: { acting: false },
  works: { kinds: ['ferrous'] },
  licence: { number: licence },
  delivery: { paperCopy: false },
});

/** Appendix 4: a private person asking for a registry extract by e-mail. */
export const infoSubmission = (licence: string) => ({
  applicant: { kind: 'person', name: 'Петров Петр Петрович', address: 'г. Череповец, ул. Ленина, д. 2', email: 'petrov@example.ru' },
  representative: { acting: false },
  works: {},
  licence: { number: licence, licenseeName: COMPANY.name },
  request: { infoKind: 'extract', deliveryMethod: 'email', email: 'petrov@example.ru' },
});

/** The head's signing form: the document's number and date, the signer, and the certificate of the signature. */
export const signing = (number: string, acting = false) => ({
  document: { number, date: '2025-03-20' },
  signer: { name: 'А. С. Петрова', acting },
  certificate: { serial: '01DA5F3C004AB1', owner: 'Петрова Анна Сергеевна', issuer: 'Казначейство России', validFrom: '2024-11-01', validTo: '2026-02-01' },
});

/** Every step of granting a licence (3.2) with its task-form data, in order, to the notice of the decision. */
export const GRANT_STEPS: readonly [event: string, payload?: unknown][] = [
  ['REGISTER'],
  ['CHECK_SIGNATURE', { signature: { signatureKind: 'qualified', toolClass: 'KS2', result: 'valid', checkedOn: '2025-03-04' } }],
  ['SUBMIT_REQUESTS', { requests: { items: [{ recipient: 'fnsEgrul', channel: 'smev' }, { recipient: 'treasury', channel: 'smev' }] } }],
  ['SIGN_REQUESTS'],
  ['RECORD_RESPONSES', { responses: { items: [{ recipient: 'fnsEgrul', receivedOn: '2025-03-06', summary: 'Выписка из ЕГРЮЛ получена' }, { recipient: 'treasury', receivedOn: '2025-03-06', summary: 'Пошлина уплачена' }] } }],
  ['CHECK_COMPLETENESS', { completeness: { result: 'complete' } }],
  ['SUBMIT_ASSESSMENT_ORDER', { order: { assessmentForm: 'onSite', startDate: '2025-03-12', endDate: '2025-03-13', places: [{ address: 'г. Вологда, ул. Промышленная, д. 5' }], inspectors: 'Сидоров С. С.' } }],
  ['SIGN_ASSESSMENT_ORDER', signing('45-о')],
  ['NOTIFY_ASSESSMENT'],
  ['RECORD_ASSESSMENT', { act: { actDate: '2025-03-13', assessmentForm: 'onSite', result: 'compliant' } }],
  ['SUBMIT_DECISION', { draft: { decision: 'approve' } }],
  ['SIGN_DECISION', signing('123-л')],
  ['NOTIFY'],
];
