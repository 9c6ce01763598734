/** Types of cliBundle.mjs, for the TypeScript that imports it (its test). */
export function loadMain(): Promise<(argv: readonly string[]) => Promise<number>>;
export function fingerprint(): string;
