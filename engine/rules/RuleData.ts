/**
 * What a rule (rules.yaml, JSON Logic) may read: {"var": "submission.<field path>"},
 * {"var": "payload.<field>"} and {"var": "application.<attribute>"}.
 */
export interface RuleData {
  /** The application form data. */
  readonly submission?: unknown;
  /** The data sent with the current event. */
  readonly payload?: unknown;
  /** The stored application (e.g. application.data: data gathered by earlier events). */
  readonly application?: unknown;
}
