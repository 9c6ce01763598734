import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRegion, loadRegionFromFiles } from '../../config/loader/loadRegion.ts';
import { pathsToFinal } from '../../tools/check/procedureGraph.ts';
import { runPath, runRegionPaths } from '../helpers/pathDriver.ts';

/**
 * Every simple path from the initial state to a final state of every procedure, in every region under
 * regions/ and every fixture region that loads, driven through the real engine with data chosen so the
 * path's guards hold. A path whose guards contradict each other (proven) cannot be taken and is counted
 * apart; every other path must reach its final state with due dates, registry changes and complete documents.
 */
const folders = [
  ...readdirSync('regions', { withFileTypes: true }).filter((d) => d.isDirectory() && !d.name.startsWith('_')).map((d) => path.join('regions', d.name)),
  ...readdirSync('test/fixtures', { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => path.join('test/fixtures', d.name)),
].filter((dir) => existsSync(path.join(dir, 'region.yaml')));

describe('generated paths through the engine', () => {
  for (const dir of folders) {
    it(`${dir}: every feasible path reaches its final state`, { timeout: 600_000 }, async () => {
      const loaded = await loadRegion(dir);
      if (!loaded.ok) return; // a fixture that does not load is the loader tests' business
      const runs = await runRegionPaths(loaded.config);
      const count = (s: string) => runs.filter((r) => r.status === s).length;
      console.log(`${dir}: ${runs.length} paths: ${count('final')} driven to their final state, ${count('infeasible')} infeasible (contradicting guards), ${count('undecided')} undecided, ${count('failed')} failed`);
      const failed = runs.filter((r) => r.status === 'failed' || r.status === 'undecided').map((r) => `${r.service}: ${r.states.join(' → ')}: ${r.status} ${r.problems.join('; ')}`);
      expect(failed).toEqual([]);
      expect(count('final')).toBeGreaterThan(0);
    });
  }
});

describe('the path driver catches what it should', () => {
  async function sampleWith(change: (files: Record<string, string>) => void) {
    const loaded = await loadRegion('test/fixtures/sample');
    if (!loaded.ok) throw new Error('sample does not load');
    const files = { ...loaded.config.files };
    change(files);
    const changed = loadRegionFromFiles(loaded.config.dir, files);
    if (!changed.ok) throw new Error(changed.errors.map((e) => e.message).join('\n'));
    return changed.config;
  }

  it('a document printing a value the application does not have fails its paths', async () => {
    const config = await sampleWith((f) => (f['templates/notice-grant.hbs'] += '\n<p>{{application.submission.applicant.middleName}}</p>\n'));
    const runs = await runRegionPaths(config);
    const granted = runs.filter((r) => r.states.includes('granted'));
    expect(granted.length).toBeGreaterThan(0);
    for (const r of granted) {
      expect(r.status).toBe('failed');
      expect(r.problems).toEqual(['notifyGrant --NOTIFY--> document noticeGrant prints nothing for application.submission.applicant.middleName (templates/notice-grant.hbs:6)']);
    }
    // The others still reach their final state (or cannot be taken at all, like a withdrawal after the decision).
    expect(runs.filter((r) => !r.states.includes('granted')).map((r) => r.status).filter((s) => s !== 'final' && s !== 'infeasible')).toEqual([]);
  });

  it('a guard reading a field no form has makes its paths infeasible rather than passing', async () => {
    const config = await sampleWith((f) => (f['rules.yaml'] = f['rules.yaml'].replace('payload.result.decision }, approve', 'payload.result.verdict }, approve')));
    const runs = await runRegionPaths(config);
    const viaGrant = runs.filter((r) => r.states.includes('signingGrant'));
    expect(viaGrant.length).toBeGreaterThan(0);
    expect(viaGrant.map((r) => r.status)).toEqual(viaGrant.map(() => 'infeasible'));
  });

  it('a step that does not go where the path says is reported', async () => {
    // The refusal is signed into the grant notice: the path to "refused" now ends elsewhere.
    const config = await sampleWith((f) => (f['procedures/permit.yaml'] = f['procedures/permit.yaml'].replace('SIGN: { target: notifyRefusal }', 'SIGN: { target: notifyGrant }')));
    // The path is taken from the unchanged sample: the changed engine must be caught leaving it.
    const original = await loadRegion('test/fixtures/sample');
    if (!original.ok) throw new Error('sample does not load');
    const refusal = pathsToFinal(original.config.procedures.permit!).paths.find((p) => p.states.includes('notifyRefusal'))!;
    const run = await runPath(config, config.services.permit!, refusal);
    expect(run.status).toBe('failed');
    expect(run.problems).toContain('signingRefusal --SIGN--> went to notifyGrant, not notifyRefusal');
  });
});
