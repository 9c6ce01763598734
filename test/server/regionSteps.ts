/**
 * Small HTTP helpers for tests that take an application through its procedure as the region's
 * development users (`<role>@<region>`): file it, and take each next step as the role the step names.
 */
import { expect } from 'vitest';
import type { TestApi } from './harness.ts';

export function regionSteps(api: TestApi, region: string) {
  const bearer = async (login: string) => ({ Authorization: `Bearer ${await api.token(login)}` });

  /**
   * Files an application as `login` (default: the region's applicant), its file(...) placeholders uploaded
   * first; expects 201 and returns the body.
   */
  async function file(service: string, submission: unknown, login = `applicant@${region}`) {
    const withFiles = await api.withUploads(login, region, service, submission);
    const res = await api.http().post(`/api/regions/${region}/services/${service}/applications`).set(await bearer(login)).send({ submission: withFiles });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  }

  /**
   * Takes the next step as the role the current step names (or `as`): reads the application as that
   * user, checks the event is offered, and sends it with the version just read. Expects 200.
   */
  async function step(id: string, event: string, payload?: unknown, as?: string) {
    let login = as;
    if (!login) {
      const staffView = await api.http().get(`/api/applications/${id}`).set(await bearer(`officer@${region}`));
      login = `${staffView.body.step.role as string}@${region}`;
    }
    const view = await api.http().get(`/api/applications/${id}`).set(await bearer(login));
    expect(view.body.allowedEvents.map((e: { event: string }) => e.event), `${event} offered to ${login} at ${view.body.step.id}`).toContain(event);
    const withFiles = payload === undefined ? undefined : await api.withTaskUploads(login, id, event, payload);
    const res = await api.http().post(`/api/applications/${id}/events`).set(await bearer(login)).send({ event, version: view.body.application.version, payload: withFiles });
    expect(res.status, `${event} by ${login}: ${JSON.stringify(res.body)}`).toBe(200);
    return res.body;
  }

  /** GET the application as `login`. */
  async function read(id: string, login: string) {
    return api.http().get(`/api/applications/${id}`).set(await bearer(login));
  }

  return { bearer, file, step, read };
}
