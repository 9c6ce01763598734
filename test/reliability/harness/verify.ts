/** Reading back what the load was told was stored. */
import { call } from './api.ts';
import { invalidPath, type ProcedureModel } from './procedureModel.ts';
import { PLAN_CONTENT, type Acknowledged } from './sampleLoad.ts';

/** Runs `work` over `items`, at most `limit` at a time. */
export async function inBatches<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

/**
 * Every acknowledged application, read through the API: it must exist with at least the acknowledged
 * version, and its history must be a valid path with one entry per version. Returns the problems.
 */
export async function lostOrDamaged(url: string, token: string, acknowledged: Acknowledged, model: ProcedureModel): Promise<string[]> {
  const problems: string[] = [];
  await inBatches([...acknowledged.versions], 16, async ([id, version]) => {
    const reply = await call(url, 'GET', `/api/applications/${id}`, { token });
    if (reply.status !== 200) {
      problems.push(`${id}: acknowledged at version ${version}, now answered ${reply.status}`);
      return;
    }
    const app = reply.body.application;
    if (app.version < version) problems.push(`${id}: acknowledged at version ${version}, now at ${app.version}`);
    if (app.history.length !== app.version) problems.push(`${id}: version ${app.version} with ${app.history.length} history entries`);
    const invalid = invalidPath(model, app.history);
    if (invalid) problems.push(`${id}: history is not a path through the procedure: ${invalid}`);
    acknowledged.seen.set(id, { version: app.version, state: app.state });
    const plan = acknowledged.attachments.get(id);
    if (plan) {
      if (app.submission?.site?.plan?.[0]?.id !== plan) problems.push(`${id}: filed with upload ${plan}, which its submission no longer names`);
      const file = await call(url, 'GET', `/api/uploads/${plan}`, { token });
      if (file.status !== 200 || file.body !== PLAN_CONTENT) problems.push(`${id}: its site plan ${plan} answered ${file.status} with ${JSON.stringify(file.body).slice(0, 80)}`);
    }
  });
  return problems;
}
