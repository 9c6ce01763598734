/** A stale action's 409 carries the application as it is now, so the page can show it without another request. */
import type { Actor, ApplicationView } from '../../engine/api.ts';
import { VersionConflictError } from '../../engine/errors.ts';
import type { AppDeps } from '../context.ts';
import { HttpError } from '../http/HttpError.ts';
import { presentView } from '../present/applicationView.ts';

export async function conflictWithFreshState(deps: AppDeps, id: string, actor: Actor, act: () => Promise<ApplicationView>): Promise<ApplicationView> {
  try {
    return await act();
  } catch (error) {
    if (!(error instanceof VersionConflictError) || error.id !== id) throw error;
    const current = await deps.engine.view(id, actor);
    throw new HttpError(409, 'Заявление уже изменил другой сотрудник: ниже его текущее состояние; проверьте его и повторите действие, если оно ещё нужно', {
      body: { currentVersion: current.application.version, current: presentView(current) },
    });
  }
}
