/** What to call an application: its readable number once it has one, else its id. */
export function applicationNumber(app: { readonly id: string }): string {
  const number = (app as { readonly number?: unknown }).number;
  return typeof number === 'string' && number !== '' ? number : app.id;
}
