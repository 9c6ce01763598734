/**
 * Shapes of the API answers the UI reads. Record shapes come from the engine contract (engine/api.ts)
 * and the config types; the rest mirror the server's presenters (server/present/*).
 */
import type { ApplicationRecord, ApplicationView, CompiledForm, DueDate, InboxRow, InboxSort, LicenceRecord, Quote, Reports } from '../../../engine/api.ts';
import type { Deadline, Fee, FeeExemption, RefusalGroup, Role, Rule } from '../../../config/types/RegionConfig.ts';
import type { ProcedureFile, RegionFile, RegistryFile, ServiceFile } from '../../../config/types/generated.ts';
import type { DeadlineSummary, FeeSummary } from '../../../server/present/regionSummary.ts';

export type { CompiledForm, DeadlineSummary, DueDate, FeeSummary, InboxRow, InboxSort, Quote, Reports };

export interface User {
  readonly login: string;
  readonly name: string;
  /** Region the user works in; "*" for platform staff. */
  readonly region: string;
  readonly roles: readonly string[];
}

/** A session's token (sign-in or renewal): valid until expiresAt (15 minutes), renewable until sessionEndsAt (8 hours). */
export interface LoginResult {
  readonly token: string;
  readonly expiresAt: string;
  /** Seconds until the token expires, as the server counted when it answered: the browser's clock may differ from the server's. */
  readonly expiresIn: number;
  readonly sessionEndsAt: string;
  readonly user: User;
}

export interface RegionListItem {
  readonly id: string;
  readonly title: string;
  readonly kind: string;
  readonly authority: string;
  readonly services: readonly { readonly id: string; readonly title: string }[];
}

export interface ServiceSummary {
  readonly id: string;
  readonly title: string;
  readonly description: string | null;
  readonly clause: string | null;
  readonly form: string;
  readonly free: boolean;
  readonly fee: readonly FeeSummary[];
  readonly deadline: readonly DeadlineSummary[];
}

export interface RegionRole {
  readonly id: string;
  readonly title: string;
  readonly applicant: boolean;
  readonly inbox: boolean;
  readonly takesCases: boolean;
  readonly assignsCases: boolean;
  readonly reports: boolean;
}

export interface RegionDetail {
  readonly id: string;
  readonly title: string;
  readonly timezone: string;
  readonly authority: RegionFile['authority'];
  readonly regulation: { readonly title: string; readonly act: RegionFile['regulation']['act'] };
  readonly roles: readonly RegionRole[];
  readonly registry: { readonly title: string; readonly searchable: readonly { readonly id: string; readonly title: string }[] } | null;
  readonly services: readonly ServiceSummary[];
}

/** An application as the API shows it (no workflow snapshot), with the step's due date. */
export interface ApplicationBody {
  readonly application: Omit<ApplicationRecord, 'snapshot'>;
  readonly step: ApplicationView['step'] & { readonly due: DueDate | null };
  /** The phases open now (a procedure's «максимальный срок»), each with its due date. */
  readonly phases: ApplicationView['phases'];
  /** The clocks that stand now, or null. */
  readonly suspended: ApplicationView['suspended'];
  readonly allowedEvents: ApplicationView['allowedEvents'];
}

/** A saved draft of an application form. */
export interface Draft {
  readonly id: string;
  readonly region: string;
  readonly service: string;
  readonly data: Record<string, unknown>;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

/** A message in the user's account: documents delivered about one of their applications. */
export interface Notification {
  readonly id: string;
  readonly applicationId: string;
  readonly number: string;
  readonly title: string;
  readonly text: string;
  readonly documentIds: readonly string[];
  readonly createdAt: string;
  readonly read: boolean;
}

/** An e-mail or paper copy of an application's documents, with where it stands. */
export interface Delivery {
  readonly id: string;
  readonly applicationId: string;
  readonly number: string;
  readonly channel: 'email' | 'paper';
  readonly to: string | null;
  readonly subject: string;
  readonly text: string;
  readonly documentIds: readonly string[];
  readonly createdAt: string;
  readonly status: 'pending' | 'sent' | 'done' | 'failed';
  readonly attempts: number;
  readonly nextAttemptAt: string;
  readonly lastError: string | null;
  readonly finishedAt: string | null;
  readonly finishedBy: string | null;
}

export type DraftSummary = Omit<Draft, 'data' | 'region'>;

export interface PageOf<T> {
  readonly items: readonly T[];
  readonly total: number;
}

/** A page of the inbox: the total is counted up to 1000 (totalExact false: more). */
export interface InboxPage extends PageOf<InboxRow> {
  readonly totalExact: boolean;
}

export type Licence = LicenceRecord;

/** The region's configuration as GET /api/regions/:region/config returns it (coordinator view). */
export interface RegionConfigView {
  readonly id: string;
  readonly title: string;
  readonly version: string;
  readonly authority: RegionFile['authority'];
  readonly regulation: RegionFile['regulation'];
  readonly roles: readonly Role[];
  readonly services: readonly ServiceFile[];
  readonly forms: readonly { readonly id: string; readonly title: string; readonly clause: string | null }[];
  readonly procedures: readonly ProcedureFile[];
  readonly fees: readonly Fee[];
  readonly exemptions: readonly FeeExemption[];
  readonly deadlines: readonly Deadline[];
  readonly rules: readonly Rule[];
  readonly refusals: readonly RefusalGroup[];
  readonly registry: RegistryFile | null;
  readonly templates: readonly { readonly id: string; readonly title: string; readonly clause: string | null }[];
}
