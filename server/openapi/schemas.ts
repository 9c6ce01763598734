/**
 * Shared schemas of the API's bodies, used by the route table (request checks, response docs) and
 * placed under components/schemas of the OpenAPI document.
 */
import type { JsonSchema, ResponseSpec } from '../routes/types.ts';

const str = { type: 'string' } as const;
const date = { type: 'string', format: 'date' } as const;
const instant = { type: 'string', format: 'date-time' } as const;
const nullable = (schema: JsonSchema): JsonSchema => ({ anyOf: [schema, { type: 'null' }] });

export const ref = (name: keyof typeof components): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

export const components = {
  FieldError: {
    type: 'object',
    required: ['path', 'message', 'keyword'],
    properties: {
      path: { type: 'string', description: 'Dotted path into the data, e.g. "applicant.inn"' },
      message: { type: 'string', description: 'What is wrong, in Russian' },
      keyword: { type: 'string' },
    },
  },
  Error: {
    type: 'object',
    required: ['error', 'requestId'],
    properties: {
      error: { type: 'string', description: 'What went wrong, in Russian' },
      errors: { type: 'array', items: { $ref: '#/components/schemas/FieldError' } },
      currentVersion: { type: 'integer', description: 'On 409 version conflicts: the version now stored' },
      current: { description: 'On 409 version conflicts of an application: the application as the caller sees it now (ApplicationView)' },
      requestId: { type: 'string', description: 'Also in the x-request-id header; quote it when reporting a problem' },
    },
  },
  User: {
    type: 'object',
    required: ['login', 'name', 'region', 'roles'],
    properties: { login: str, name: str, region: { type: 'string', description: '"*" for platform staff' }, roles: { type: 'array', items: str } },
  },
  DueDate: { type: 'object', required: ['date', 'provisional'], properties: { date, provisional: { type: 'boolean' } } },
  FeeDue: {
    type: 'object',
    required: ['feeId', 'title', 'amount', 'clause', 'exemption'],
    properties: {
      feeId: nullable(str),
      title: nullable(str),
      amount: { type: 'number', description: 'Roubles; 0 when free or exempt' },
      clause: nullable(str),
      exemption: nullable({ type: 'object', properties: { id: str, title: str, clause: str } }),
    },
  },
  Quote: {
    type: 'object',
    required: ['receivedOn', 'registeredOn', 'fee', 'serviceDue', 'serviceDueFrom'],
    properties: {
      receivedOn: { ...date, description: 'The day the application arrives (region time)' },
      registeredOn: date,
      fee: { $ref: '#/components/schemas/FeeDue' },
      serviceDue: { oneOf: [{ $ref: '#/components/schemas/DueDate' }, { type: 'null' }], description: 'null when the regulation sets no total' },
      serviceDueFrom: { ...nullable(str), description: 'What the total counts from: "receipt", "registration" or a date field of the form' },
    },
  },
  CompiledForm: {
    type: 'object',
    required: ['schema', 'uiSchema', 'rules', 'conditions'],
    properties: {
      id: str,
      title: str,
      schema: { type: 'object', description: 'JSON Schema 2020-12 of the data' },
      uiSchema: { type: 'object', description: 'react-jsonschema-form uiSchema' },
      rules: { type: 'object', description: 'Rule id -> JSON Logic' },
      conditions: { type: 'object', additionalProperties: str, description: 'Section/field path -> rule id that shows it' },
    },
  },
  HistoryEntry: {
    type: 'object',
    properties: {
      seq: { type: 'integer' },
      at: instant,
      actor: { type: 'object', properties: { userId: { type: 'string', description: 'Empty in an applicant\'s view of a step someone else took' }, roles: { type: 'array', items: str } } },
      event: str,
      from: nullable(str),
      to: str,
      payloadHash: str,
      clocks: {
        type: 'object',
        description: 'Deadlines whose clocks this step stopped or restarted',
        properties: { stopped: { type: 'array', items: str }, restarted: { type: 'array', items: str } },
      },
    },
  },
  Phase: {
    type: 'object',
    required: ['startedOn', 'due', 'closedOn'],
    properties: { startedOn: date, due: nullable({ $ref: '#/components/schemas/DueDate' }), closedOn: nullable(date) },
  },
  Suspension: {
    type: 'object',
    required: ['deadlines', 'since', 'until', 'resumedOn', 'by', 'clause'],
    properties: {
      deadlines: { type: 'array', items: str, description: 'Deadlines whose clocks stood' },
      since: date,
      until: { ...nullable(date), description: 'The latest day they stand' },
      resumedOn: nullable(date),
      by: { type: 'string', description: '"state:<id>" or "event:<EVENT>"' },
      clause: str,
    },
  },
  PhaseView: {
    type: 'object',
    required: ['id', 'title', 'clause', 'startedOn', 'due', 'overdue', 'suspendedSince'],
    properties: {
      id: str,
      title: str,
      clause: str,
      startedOn: date,
      due: nullable({ $ref: '#/components/schemas/DueDate' }),
      overdue: { type: 'boolean' },
      suspendedSince: { ...nullable(date), description: 'The day its clock stopped, while it stands' },
    },
  },
  DocumentRef: { type: 'object', properties: { id: str, template: str, title: str, createdAt: instant } },
  Application: {
    type: 'object',
    description: 'An application as stored (without the internal workflow snapshot).',
    properties: {
      id: { type: 'string', description: 'The API id (UUID)' },
      number: { type: 'string', description: "The number people read, from the region's applicationNumbering (e.g. 2026-0042); gap-free per region and year of receipt" },
      region: str,
      service: str,
      configVersion: str,
      applicantId: str,
      receivedAt: instant,
      registeredOn: date,
      submission: { type: 'object' },
      fee: { $ref: '#/components/schemas/FeeDue' },
      state: str,
      final: { type: 'boolean' },
      outcome: nullable(str),
      stepStartedOn: date,
      stepDue: nullable({ $ref: '#/components/schemas/DueDate' }),
      serviceDue: { oneOf: [{ $ref: '#/components/schemas/DueDate' }, { type: 'null' }], description: 'null when the regulation sets no total' },
      serviceDeadline: { ...nullable(str), description: 'The deadline the total counts by' },
      phases: { type: 'object', additionalProperties: { $ref: '#/components/schemas/Phase' }, description: 'Phase id -> the phase as this application went through it' },
      suspensions: { type: 'array', items: { $ref: '#/components/schemas/Suspension' } },
      milestones: { type: 'object', additionalProperties: date },
      data: { type: 'object', description: "Event -> payload sent with it; to the applicant, without the steps and fields the region marks internal" },
      references: { type: 'object', description: 'The applications the application form names (fields of type application), as at filing, at the fields\' paths: id, number, service, registeredOn, outcome and earlier (filings of the same service by the same filer naming the same one)' },
      version: { type: 'integer', description: 'Send it back with the next event (optimistic locking)' },
      history: { type: 'array', items: { $ref: '#/components/schemas/HistoryEntry' } },
      documents: { type: 'array', items: { $ref: '#/components/schemas/DocumentRef' } },
      licence: nullable(str),
      updatedAt: instant,
    },
  },
  ApplicationView: {
    type: 'object',
    required: ['application', 'step', 'phases', 'suspended', 'allowedEvents', 'unavailableEvents'],
    properties: {
      application: { $ref: '#/components/schemas/Application' },
      step: {
        type: 'object',
        properties: { id: str, title: str, role: nullable(str), overdue: { type: 'boolean' }, due: nullable({ $ref: '#/components/schemas/DueDate' }) },
      },
      phases: { type: 'array', items: { $ref: '#/components/schemas/PhaseView' }, description: 'The phases open now, each with its due date and overdue flag' },
      suspended: {
        ...nullable({
          type: 'object',
          required: ['since', 'until', 'deadlines', 'clause'],
          properties: { since: date, until: nullable(date), deadlines: { type: 'array', items: { type: 'object', properties: { id: str, title: str } } }, clause: str },
        }),
        description: 'The clocks that stand now («срок приостановлен с …»), or null',
      },
      allowedEvents: {
        type: 'array',
        description: 'Events the caller may send now: the step accepts them, a role of the caller may send them, and the procedure would take them (guards that do not read the task form judged now)',
        items: { type: 'object', properties: { event: str, title: str, payloadForm: nullable(str) } },
      },
      unavailableEvents: {
        type: 'array',
        description: "Events a role of the caller has at this step that would be refused now, with the reason to show: the procedure's `otherwise` (e.g. withdrawal after the decision, 3.1.5), or another official holding the case",
        items: { type: 'object', required: ['event', 'title', 'reason', 'clause'], properties: { event: str, title: str, reason: str, clause: nullable(str) } },
      },
    },
  },
  ApplicationPage: {
    type: 'object',
    required: ['items', 'total'],
    properties: { items: { type: 'array', items: { $ref: '#/components/schemas/ApplicationView' } }, total: { type: 'integer' } },
  },
  DueState: {
    type: 'object',
    description: 'A due date judged today: overdue once the day after it has begun, by how many working days',
    properties: { date, provisional: { type: 'boolean' }, overdue: { type: 'boolean' }, daysLate: { type: 'integer' } },
  },
  InboxRow: {
    type: 'object',
    description: 'One case in the inbox: what identifies it and its due dates, never the submission or the history',
    properties: {
      id: str,
      number: nullable(str),
      service: str,
      serviceTitle: str,
      state: str,
      stepTitle: str,
      stepRole: nullable(str),
      final: { type: 'boolean' },
      outcome: nullable(str),
      applicantName: nullable(str),
      applicantIds: { type: 'array', items: { type: 'object', properties: { title: str, value: str } } },
      licences: { type: 'array', items: str },
      assignee: nullable({ type: 'object', properties: { userId: str, name: str } }),
      receivedAt: instant,
      version: { type: 'integer' },
      due: {
        type: 'object',
        properties: {
          step: nullable({ $ref: '#/components/schemas/DueState' }),
          phase: nullable({ $ref: '#/components/schemas/DueState' }),
          service: nullable({ $ref: '#/components/schemas/DueState' }),
        },
      },
    },
  },
  InboxPage: {
    type: 'object',
    required: ['items', 'total', 'totalExact'],
    properties: {
      items: { type: 'array', items: { $ref: '#/components/schemas/InboxRow' } },
      total: { type: 'integer', description: 'Matches, counted up to 1000 (see totalExact)' },
      totalExact: { type: 'boolean', description: 'false: there are more than `total` matches' },
    },
  },
  Reports: {
    type: 'object',
    description: 'Open and overdue cases by step and holder, time spent in each step (working days: median, 90th percentile) against its limit, filings and decisions per month',
    properties: {
      region: str,
      today: date,
      openByStep: { type: 'array', items: { type: 'object' } },
      overdueByStep: { type: 'array', items: { type: 'object' } },
      overdueByOfficer: { type: 'array', items: { type: 'object' } },
      stepTimes: { type: 'array', items: { type: 'object' } },
      perMonth: { type: 'array', items: { type: 'object', properties: { month: str, filed: { type: 'integer' }, decided: { type: 'integer' } } } },
    },
  },
  Licence: {
    type: 'object',
    properties: {
      number: str,
      region: str,
      status: { enum: ['active', 'terminated'] },
      issuedOn: date,
      terminatedOn: nullable(date),
      attributes: { type: 'object', description: 'Registry attribute id -> value (public attributes only)' },
      applications: { type: 'array', items: str },
      version: { type: 'integer' },
      updatedAt: instant,
    },
  },
  LicencePage: {
    type: 'object',
    required: ['items', 'total'],
    properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Licence' } }, total: { type: 'integer' } },
  },
} satisfies Record<string, JsonSchema>;

const ERROR_TEXT: Record<number, string> = {
  400: 'Malformed request: bad JSON, wrong field types, bad query parameters',
  401: 'No token, or the token is invalid or expired',
  403: "The caller's role may not do this",
  404: 'Not found, or not visible to the caller',
  409: 'Version conflict, or the event is not accepted in the current state',
  413: 'Body larger than 1 MB',
  415: 'Body is not application/json',
  422: 'The data does not pass the form: every field error with its path',
  429: 'Too many failed logins from this address; see Retry-After',
  503: 'Too many logins being checked at once; retry after Retry-After seconds',
};

/** Error responses of the given statuses, all with the Error body. */
export function errors(...statuses: number[]): Record<number, ResponseSpec> {
  return Object.fromEntries(statuses.map((s) => [s, { description: ERROR_TEXT[s] ?? 'Error', schema: ref('Error') }]));
}
