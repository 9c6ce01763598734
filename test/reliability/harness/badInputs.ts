/**
 * Generated bad requests for the API's write endpoints (fast-check arbitraries). Each case carries
 * the family it comes from, so a run can report counts per family and name the case that failed.
 * Families: wrong types, huge strings, deep nesting, prototype keys, invalid Unicode (lone
 * surrogates, invalid UTF-8), malformed JSON and content types, boundary dates, bad checksums,
 * missing fields, bad event/version values, bad tokens and bad path parameters.
 */
import fc from 'fast-check';
import { isValidInn, isValidOgrn, isValidPhone, isValidSnils } from '../../../engine/forms/identifiers.ts';
import { permitSubmission } from '../../server/sampleData.ts';

/** Who sends a case: a signed-in role, nobody, or a token the server must refuse. */
export type Sender = 'applicant' | 'officer' | 'head' | 'none' | 'garbage' | 'unsigned';

export interface BadRequest {
  readonly family: string;
  readonly path: string;
  readonly sender: Sender;
  readonly json?: unknown;
  readonly raw?: string | Uint8Array;
  readonly contentType?: string;
}

/** A write endpoint with a path ready for the region, service and application the fuzz targets. */
export interface Endpoint {
  /** OpenAPI path template, e.g. /api/applications/{id}/events. */
  readonly template: string;
  readonly operationId: string;
}

export interface Targets {
  readonly region: string;
  readonly service: string;
  /** An application the applicant owns, part-way through its procedure. */
  readonly application: string;
}

const DANGEROUS_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'then'];

const anyJson = fc.jsonValue({ maxDepth: 3 });
const wrongTypeValue = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(anyJson, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), anyJson, { maxKeys: 3 }),
);
const oddKey = fc.oneof(fc.constantFrom(...DANGEROUS_KEYS), fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 6 }));

/** Strings that are not valid Unicode: JSON text with a lone-surrogate escape. */
const loneSurrogate = fc.oneof(fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => `\\u${c.toString(16)}`), fc.constant('\\udbff\\u0041'));
/** Byte sequences that are not UTF-8 at all. */
const invalidUtf8 = fc.constantFrom([0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0xfe, 0xfe, 0xff]);

const BOUNDARY_DATES = [
  '0000-01-01', '0001-01-01', '9999-12-31', '10000-01-01', '-000001-01-01', '+275760-09-13', '1969-12-31', '1970-01-01',
  '2024-02-29', '2025-02-29', '2024-02-30', '2025-04-31', '2025-13-01', '2025-00-10', '2025-01-00', '2025-1-1',
  '2025-01-01T00:00:00Z', '2025-01-01 ', ' 2025-01-01', '２０２５-01-01', '2025‐01‐01', '', 'today', '01.01.2025',
];

/** Every path of a plain JSON object's leaves, e.g. ["applicant", "inn"]. */
function leafPaths(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  return entries.flatMap(([k, v]) => leafPaths(v, [...prefix, k]));
}

function setAt(root: unknown, path: readonly string[], value: unknown): unknown {
  const copy = structuredClone(root) as Record<string, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[path[path.length - 1]] = value;
  return copy;
}

function deleteAt(root: unknown, path: readonly string[]): unknown {
  const copy = structuredClone(root) as Record<string, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  delete node[path[path.length - 1]];
  return copy;
}

/** A submission with site details, so dates and lists are in play. */
const siteSubmission = () => ({
  ...permitSubmission(),
  works: { kinds: ['store', 'site'] },
  site: { addresses: [{ address: 'г. Образцов, ул. Заводская, 5', since: '2024-05-01' }] },
});

const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
const badInn = fc.oneof(digits(10), digits(12)).filter((s) => !isValidInn(s));
const badOgrn = digits(13).filter((s) => !isValidOgrn(s));
const badSnils = digits(11).filter((s) => !isValidSnils(s) && Number(s.slice(0, 9)) > 1_001_998);
const badPhone = fc.oneof(digits(11), fc.string({ maxLength: 14 })).filter((s) => !isValidPhone(s));
const badIdentifier = fc.oneof(
  fc.constantFrom('７７０７０８３８９３', '٧٧٠٧٠٨٣٨٩٣', '7707083893\n', '7707083893 ', '+7707083893', '7707O83893', '', '0'.repeat(10_000)),
  fc.string({ maxLength: 15 }),
);

/** Submissions for the sample permit form, each wrong in at least one way a validator must catch. */
const badSubmission: fc.Arbitrary<{ family: string; submission: unknown }> = fc.oneof(
  fc.tuple(fc.constantFrom(...leafPaths(permitSubmission())), wrongTypeValue).map(([path, value]) => ({
    family: 'wrong type in a field',
    submission: setAt(permitSubmission(), path, value),
  })),
  fc.oneof(
    badInn.map((v) => ['applicant', 'inn', v] as const),
    badOgrn.map((v) => ['applicant', 'ogrn', v] as const),
    badSnils.map((v) => ['applicant', 'contact', v] as const),
    badPhone.map((v) => ['applicant', 'phone', v] as const),
    badIdentifier.map((v) => ['applicant', 'inn', v] as const),
  ).map(([section, field, value]) => ({ family: 'bad checksum', submission: setAt(permitSubmission(), [section, field], value) })),
  fc.constantFrom(...BOUNDARY_DATES).map((date) => ({ family: 'boundary date', submission: setAt(siteSubmission(), ['site', 'addresses', '0', 'since'], date) })),
  fc.constantFrom(...leafPaths(permitSubmission())).map((path) => ({ family: 'missing field', submission: deleteAt(permitSubmission(), path) })),
  fc.tuple(fc.integer({ min: 2_000, max: 1_500_000 }), fc.constantFrom(['applicant', 'name'], ['applicant', 'email'], ['site', 'owner', 'name'])).map(([n, path]) => ({
    family: 'huge string',
    submission: setAt(siteSubmission(), path, 'ж'.repeat(n)),
  })),
  fc.tuple(oddKey, anyJson).map(([key, value]) => ({
    family: 'unknown or prototype key',
    submission: { ...permitSubmission(), applicant: Object.fromEntries([...Object.entries(permitSubmission().applicant), [key, value]]) },
  })),
  fc.integer({ min: 21, max: 5_000 }).map((n) => ({
    family: 'too many list items',
    submission: setAt(siteSubmission(), ['site', 'addresses'], Array.from({ length: n }, () => ({ address: 'x' }))),
  })),
  fc
    .constantFrom<unknown>(
      'data:application/pdf;base64,JVBERi0=', // the old inline format: no longer accepted
      'data:text/html;base64,PHNjcmlwdD4=',
      [{ id: '00000000-0000-4000-8000-00000000dead', name: 'never-uploaded.pdf' }],
      [{ id: '../../../etc/passwd', name: 'x.pdf' }],
      [{ id: '00000000-0000-4000-8000-00000000dead' }],
      Array.from({ length: 4 }, (_, i) => ({ id: `00000000-0000-4000-8000-00000000000${i}`, name: `${i}.pdf` })),
      'file:///etc/passwd',
      '',
    )
    .map((plan) => ({
    family: 'bad file',
    submission: setAt(siteSubmission(), ['site', 'plan'], plan),
  })),
);

/** The first free-text value of a body (a name, a login, an event), up to its closing quote: group 1 is the text before it. */
const freeText = (text: string) => (/"name":"/.test(text) ? /("name":"[^"\\]*)"/ : /(:"[^"\\]*)"/);

/** Raw body texts for any endpoint: malformed JSON, deep nesting, prototype keys, invalid Unicode. */
const badRawBody = (validText: string): fc.Arbitrary<{ family: string; raw: string | Uint8Array; contentType?: string }> =>
  fc.oneof(
    fc.constantFrom('', '{', '{"a":}', '[1,]', '{"a":1,}', 'NaN', '{"a":NaN}', '/* c */{}', "{'a':1}", 'null', 'true', '"text"', '123', '\ufeff{}', '{"a":1}{"b":2}', validText.slice(0, -1)).map((raw) => ({
      family: 'malformed JSON',
      raw,
    })),
    fc.tuple(fc.integer({ min: 500, max: 200_000 }), fc.boolean()).map(([depth, objects]) => ({
      family: 'deep nesting',
      raw: objects ? `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}` : `${'['.repeat(depth)}${']'.repeat(depth)}`,
    })),
    fc.integer({ min: 50, max: 2_000 }).map((depth) => ({
      family: 'deep nesting',
      raw: validText.replace(/}$/, `,"deep":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`),
    })),
    fc.tuple(fc.constantFrom(...DANGEROUS_KEYS), fc.constantFrom('{"polluted":true}', 'null', '[]', '"x"', '{"isAdmin":true,"roles":["head"]}')).map(([key, value]) => ({
      family: 'prototype key',
      raw: validText.replace(/^{/, `{"${key}":${value},`).replace(/"applicant":{/, `"applicant":{"${key}":${value},`),
    })),
    fc.tuple(loneSurrogate, fc.boolean()).map(([escape, inKey]) => ({
      family: 'lone surrogate',
      raw: inKey
        ? validText.replace(/"([^"\\]{3,})":/, `"$1${escape}":`)
        : freeText(validText).test(validText)
          ? validText.replace(freeText(validText), `$1${escape}"`)
          : validText.replace(/}$/, `,"note":"${escape}"}`),
    })),
    invalidUtf8.map((bytes) => {
      const text = Buffer.from(validText, 'utf8');
      const match = freeText(validText).exec(validText);
      const at = match ? Buffer.byteLength(validText.slice(0, match.index + match[1].length)) : text.indexOf('"', 3) + 1;
      return { family: 'invalid UTF-8', raw: new Uint8Array(Buffer.concat([text.subarray(0, at), Buffer.from(bytes), text.subarray(at)])) };
    }),
    fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', 'application/json; charset=utf-16', 'application/xml', '').map(
      (contentType) => ({ family: 'wrong content type', raw: validText, contentType }),
    ),
    fc.integer({ min: 1_100_000, max: 2_000_000 }).map((n) => ({ family: 'body over the limit', raw: `{"x":"${'a'.repeat(n)}"}` })),
  );

/** Bodies for the event endpoints: unknown events, bad versions, bad payloads. */
const badEventBody = fc.oneof(
  fc.record({
    event: fc.oneof(fc.constantFrom('REGISTER', 'SIGN', 'NOTIFY', 'SUBMIT', 'register', 'xstate.init', '__proto__', 'constructor', '', 'REVIEW '), fc.string({ maxLength: 70 })),
    version: fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constantFrom(0, 1.5, 2 ** 53, 1e308, '2', null)),
    payload: wrongTypeValue,
  }).map((json) => ({ family: 'bad event', json })),
  fc.record({
    event: fc.constant('REVIEW'),
    version: fc.constantFrom(1, 2, 3, 0, -1, 2 ** 31, '2'),
    payload: fc.oneof(
      wrongTypeValue,
      fc.record({ result: fc.record({ decision: fc.oneof(fc.string({ maxLength: 10 }), wrongTypeValue), note: fc.oneof(fc.string(), fc.constant('ж'.repeat(2_001))) }) }),
    ),
  }).map((json) => ({ family: 'bad event payload', json })),
  wrongTypeValue.map((json) => ({ family: 'wrong type body', json })),
);

const badLoginBody = fc.oneof(
  fc.record({ login: wrongTypeValue, password: wrongTypeValue }),
  fc.record({ login: fc.constantFrom('officer@sample', 'applicant@sample', 'head@sample', "' OR 1=1 --", 'officer@sample\u0000', 'OFFICER@SAMPLE'), password: fc.string({ maxLength: 30 }) }),
  fc.record({ login: fc.string({ maxLength: 10_000 }), password: fc.string({ maxLength: 10_000 }) }),
).map((json) => ({ family: 'bad login', json }));

/** Path parameter values no route should trip over. */
const badParam = fc.oneof(
  fc.constantFrom('..', '.', '%2e%2e%2f', '..%2F..%2Fetc%2Fpasswd', '%00', 'a%00b', '%ED%A0%80', '%FF', '%', '%zz', 'x'.repeat(5_000), '__proto__', 'constructor', '😀', '%20'),
  fc.string({ maxLength: 40 }).map((s) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, ''))),
);

const anySender = fc.constantFrom<Sender>('applicant', 'officer', 'head', 'none', 'garbage', 'unsigned');

/** Who may call the endpoint with a good body: most cases use them, so bad bodies reach the validators. */
function rightfulSender(endpoint: Endpoint): Sender {
  if (endpoint.operationId === 'login' || endpoint.operationId === 'quote') return 'none';
  if (/events$/.test(endpoint.template)) return 'officer';
  return 'applicant';
}

/** Bad requests for one endpoint. */
export function badRequests(endpoint: Endpoint, targets: Targets): fc.Arbitrary<BadRequest> {
  const fill = (template: string, over: Partial<Record<string, string>> = {}) =>
    template.replace(/{(\w+)}/g, (_, name: string) => over[name] ?? ({ region: targets.region, service: targets.service, id: targets.application } as Record<string, string>)[name] ?? name);
  const params = [...endpoint.template.matchAll(/{(\w+)}/g)].map((m) => m[1]);
  const path = fill(endpoint.template);

  const validJson: unknown =
    endpoint.operationId === 'login'
      ? { login: 'applicant@sample', password: 'applicant' }
      : /events$/.test(endpoint.template)
        ? { event: 'REVIEW', version: 2, payload: { result: { decision: 'approve' } } }
        : /withdraw$/.test(endpoint.template)
          ? { version: 2 }
          : { submission: permitSubmission() };
  const validText = JSON.stringify(validJson);

  const specific: fc.Arbitrary<{ family: string; json: unknown }> =
    endpoint.operationId === 'login'
      ? badLoginBody
      : /{id}/.test(endpoint.template)
        ? badEventBody
        : badSubmission.map(({ family, submission }) => ({ family, json: { submission } }));

  const body = fc.oneof(
    { weight: 4, arbitrary: specific },
    { weight: 3, arbitrary: badRawBody(validText) },
    { weight: 1, arbitrary: wrongTypeValue.map((json) => ({ family: 'wrong type body', json })) },
    { weight: 1, arbitrary: fc.dictionary(oddKey, anyJson, { maxKeys: 4 }).map((json) => ({ family: 'unknown keys', json })) },
  );
  const withPath = params.length === 0
    ? fc.constant({ path, family: null as string | null })
    : fc.oneof(
        { weight: 5, arbitrary: fc.constant({ path, family: null as string | null }) },
        { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...params), badParam).map(([name, value]) => ({ path: fill(endpoint.template, { [name]: value }), family: 'bad path parameter' as string | null })) },
      );
  const senders = fc.oneof({ weight: 4, arbitrary: fc.constant(rightfulSender(endpoint)) }, { weight: 1, arbitrary: anySender });
  return fc.tuple(body, withPath, senders).map(([b, p, sender]) => {
    // A bad path parameter is sent with an otherwise valid body, so the parameter is what is tested.
    if (p.family) return { family: p.family, path: p.path, sender, json: validJson };
    return { ...b, path: p.path, sender };
  });
}

/** A short description of a case for failure messages (bodies cut to a readable length). */
export function describeCase(c: BadRequest): string {
  const body = c.raw !== undefined ? (typeof c.raw === 'string' ? c.raw : `<${c.raw.length} bytes>`) : JSON.stringify(c.json);
  return `[${c.family}] POST ${c.path.slice(0, 120)} as ${c.sender}${c.contentType !== undefined ? ` (${c.contentType || 'no content type'})` : ''}: ${(body ?? '').slice(0, 200)}`;
}
