/**
 * Events and roles: every event some user can actually send, every declared event used, every step's
 * responsible role able to act on it.
 *
 * The loader already refuses a role that is not in roles.yaml. What it cannot see is a role that exists
 * but takes no part in applications: a role marked only `configReader` (it reads the configuration in the
 * coordinator view) or `audit` (it reads the read audit)
 * that neither files applications (`applicant`), sees the inbox (`inbox`) nor is
 * responsible for any step. An event only such roles may send can never be sent by anyone working on an
 * application. Likewise an event only applicant roles may send is out of reach in a service whose
 * `applicantRoles` admits none of them.
 */
import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import { edgesOf } from './procedureGraph.ts';
import type { FindingList, RegionSources } from './RegionSources.ts';

export function checkEvents(config: RegionConfig, src: RegionSources, out: FindingList): void {
  const stepRoles = new Set(Object.values(config.procedures).flatMap((p) => Object.values(p.states).flatMap((s) => (s?.role ? [s.role] : []))));
  const acting = (roleId: string): boolean => {
    const role = config.roles[roleId];
    return !!role && (role.applicant === true || role.inbox === true || stepRoles.has(roleId) || (role.configReader !== true && role.audit !== true));
  };
  const applicantRole = (roleId: string) => config.roles[roleId]?.applicant === true;

  for (const procedure of Object.values(config.procedures)) {
    const file = src.procedureFile(procedure.id);
    const edges = edgesOf(procedure);
    const used = new Set([...edges.map((e) => e.event), ...Object.keys(procedure.on ?? {})]);
    const services = Object.values(config.services).filter((s) => s.procedure === procedure.id);

    for (const [name, event] of Object.entries(procedure.events)) {
      if (!event) continue;
      if (!used.has(name)) {
        // Positions only for findings: finding one parses the file.
        out.warning('event-unused', src.where(file, ['events', name], true), `event ${name} is declared but no transition of procedure "${procedure.id}" uses it`, event.clause);
        continue;
      }
      if (!event.roles.some(acting)) {
        out.error(
          'event-no-sender',
          src.where(file, ['events', name, 'roles']),
          `event ${name} can be sent by nobody: its roles (${event.roles.join(', ')}) only read the configuration — none files applications, sees the inbox or is responsible for a step`,
          event.clause,
        );
        continue;
      }
      // An event for the applicant alone must be open to the roles that file this service.
      if (event.roles.every(applicantRole)) {
        for (const service of services) {
          if (!service.applicantRoles) continue;
          if (!event.roles.some((r) => service.applicantRoles!.includes(r))) {
            out.error(
              'event-no-sender',
              src.where(file, ['events', name, 'roles']),
              `event ${name} is for ${event.roles.join(', ')} only, but service "${service.id}" is filed by ${service.applicantRoles.join(', ')}, so its applicants can never send it`,
              event.clause,
            );
          }
        }
      }
    }

    // The role responsible for a step should be able to move it on.
    for (const [id, state] of Object.entries(procedure.states)) {
      if (!state?.role || state.type === 'final') continue;
      const own = Object.keys(state.on ?? {});
      if (own.length === 0) continue;
      if (!own.some((e) => procedure.events[e]?.roles.includes(state.role!))) {
        out.warning(
          'step-role-cannot-act',
          src.where(file, ['states', id, 'role']),
          `step "${id}" is the responsibility of role ${state.role}, who may send none of its events (${own.join(', ')})`,
          state.clause,
        );
      }
    }
  }
}
