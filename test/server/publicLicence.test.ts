/**
 * One public view of a licence: every attribute of every bundled region's registry (and of the test
 * fixtures, which hide one) is shown by the anonymous routes exactly when registry.yaml leaves it
 * public: the registry search, the entry and the extract; and a document about a licence its
 * application only names (an extract asked for by anyone) shows no more.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { pino } from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import type { LicenceRecord } from '../../engine/api.ts';
import { runEffects } from '../../engine/application/runEffects.ts';
import { documentContext } from '../../engine/documents/documentContext.ts';
import { renderDocument } from '../../engine/documents/renderDocument.ts';
import { Engine } from '../../engine/Engine.ts';
import { memoryStore } from '../../engine/store/memoryStore.ts';
import { UserDirectory } from '../../server/auth/users.ts';
import { createApp } from '../../server/createApp.ts';
import { loadRegions } from '../../server/loadRegions.ts';
import { defaultRegionDirs } from '../../server/regionDirs.ts';
import { applicationRecord, numbered } from '../store/records.ts';
import { REPO, SAMPLE } from './harness.ts';

const FIXTURES = [SAMPLE, path.join(REPO, 'test/fixtures/eastern')];
const NUMBER = 'PUB-0001';
const TODAY = '2025-03-03';

/** A value for each attribute that nothing else in a page could contain. */
const markers = (config: RegionConfig) => Object.fromEntries(config.registry!.attributes.map((a, i) => [a.id, `m${i}q${randomBytes(6).toString('hex')}`]));

async function regionsWithRegistry(): Promise<RegionConfig[]> {
  const dirs = [...(await defaultRegionDirs(path.join(REPO, 'regions'))), ...FIXTURES];
  const loaded = await loadRegions(dirs);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors.slice(0, 3)));
  return loaded.regions.filter((r) => r.registry);
}

describe('the public view of a licence', () => {
  it('shows every attribute of every bundled region anonymously exactly when it is public', async () => {
    const regions = await regionsWithRegistry();
    expect(regions.map((r) => r.id)).toContain('vologda');
    const store = memoryStore();
    await store.init();
    const values = new Map<string, Record<string, string>>();
    for (const config of regions) {
      const attributes = markers(config);
      values.set(config.id, attributes);
      const licence: LicenceRecord = { number: NUMBER, region: config.id, status: 'active', issuedOn: TODAY, terminatedOn: null, attributes, applications: [`app-${config.id}`], version: 1, updatedAt: `${TODAY}T07:00:00.000Z` };
      await store.createApplication(numbered(applicationRecord({ id: `app-${config.id}`, region: config.id }), { documents: [], licences: [licence] }));
    }
    const engine = new Engine({ regions, store, clock: { now: () => new Date(`${TODAY}T10:00:00+03:00`) } });
    const app = createApp({ engine, users: new UserDirectory([]), logger: pino({ level: 'silent' }), tokenSecret: new Uint8Array(32).fill(7) });

    let hiddenChecked = 0;
    let hiddenPrintedByFullExtract = 0;
    for (const config of regions) {
      const attributes = values.get(config.id)!;
      const base = `/api/regions/${config.id}/registry`;
      const search = await request(app).get(base).expect(200);
      const entry = await request(app).get(`${base}/${NUMBER}`).expect(200);
      const extractTemplate = Object.values(config.templates).find((t) => t.kind === 'extract');
      const extract = extractTemplate ? (await request(app).get(`${base}/${NUMBER}/extract`).expect(200)).text : null;
      // What the extract template prints when given the whole record: the public extract prints the same, less the hidden.
      const fullLicence = (await store.getLicence(config.id, NUMBER))!;
      const fullExtract = extractTemplate ? renderDocument(config, extractTemplate.id, documentContext(config, { application: null, licence: fullLicence, today: TODAY })) : null;

      for (const attribute of config.registry!.attributes) {
        const value = attributes[attribute.id];
        const where = `${config.id}: ${attribute.id}`;
        if (attribute.public === false) {
          hiddenChecked++;
          expect(search.body.items[0].attributes, where).not.toHaveProperty(attribute.id);
          expect(entry.body.attributes, where).not.toHaveProperty(attribute.id);
          expect(search.text, where).not.toContain(value);
          expect(entry.text, where).not.toContain(value);
          if (extract !== null) {
            expect(extract, where).not.toContain(value);
            if (fullExtract!.includes(value)) hiddenPrintedByFullExtract++;
          }
          if (attribute.searchable) await request(app).get(base).query({ [attribute.id]: value }).expect(400);
        } else {
          expect(search.body.items[0].attributes[attribute.id], where).toBe(value);
          expect(entry.body.attributes[attribute.id], where).toBe(value);
          if (extract !== null) expect(extract.includes(value), `${where}: printed by the public extract as by the full one`).toBe(fullExtract!.includes(value));
          if (attribute.searchable) {
            const found = await request(app).get(base).query({ [attribute.id]: value }).expect(200);
            expect(found.body.items.map((l: LicenceRecord) => l.number), where).toEqual([NUMBER]);
          }
        }
      }
    }
    // The fixtures hide an attribute their extract template prints: the test can tell a leak.
    expect(hiddenChecked).toBeGreaterThan(0);
    expect(hiddenPrintedByFullExtract).toBeGreaterThan(0);
  });

  it("a document about a licence its application only names shows the public view; the application's own licence is shown whole", async () => {
    const [config] = (await regionsWithRegistry()).filter((r) => r.id === 'sample');
    const attributes = markers(config);
    const hidden = config.registry!.attributes.filter((a) => a.public === false).map((a) => attributes[a.id]);
    expect(hidden.length).toBeGreaterThan(0);
    const licence: LicenceRecord = { number: NUMBER, region: config.id, status: 'active', issuedOn: TODAY, terminatedOn: null, attributes, applications: ['app-licensee'], version: 1, updatedAt: `${TODAY}T07:00:00.000Z` };
    const extract = Object.values(config.templates).find((t) => t.kind === 'extract')!.id;
    const env = {
      region: config,
      store: { nextLicenceSeq: async () => 1, getLicence: async (_r: string, n: string) => (n === NUMBER ? licence : undefined) },
      newId: () => 'doc-1',
      now: new Date(`${TODAY}T10:00:00+03:00`),
      today: TODAY,
    };
    const effects = [{ type: 'renderDocument' as const, params: { template: extract, licence: 'submission.permit.number' } }];
    const asker = applicationRecord({ id: 'app-other', region: config.id, submission: { permit: { number: NUMBER } }, licence: null });
    const forOther = await runEffects(env, asker, effects);
    for (const value of hidden) expect(forOther.documents[0].html).not.toContain(value);
    const licensee = applicationRecord({ id: 'app-licensee', region: config.id, submission: { permit: { number: NUMBER } }, licence: NUMBER });
    const forOwner = await runEffects(env, licensee, effects);
    for (const value of hidden) expect(forOwner.documents[0].html).toContain(value);
  });
});
