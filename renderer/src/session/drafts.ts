/**
 * A form filled in before signing in survives the trip to the sign-in page: it is parked in
 * sessionStorage under the form's address and taken back once when the form opens again.
 */
const keyFor = (address: string) => `reglament.draft.${address}`;

export function parkDraft(address: string, data: unknown): void {
  try {
    sessionStorage.setItem(keyFor(address), JSON.stringify(data));
  } catch {
    // Too large (attachments) for the browser's storage: the form opens empty again.
  }
}

export function takeDraft(address: string): Record<string, unknown> | undefined {
  const raw = sessionStorage.getItem(keyFor(address));
  if (raw === null) return undefined;
  sessionStorage.removeItem(keyFor(address));
  try {
    return JSON.parse(raw) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
