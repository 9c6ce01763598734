/**
 * Editor support, proven with the real `yaml-language-server` (the server behind the Red Hat YAML
 * extension for VS Code, and the YAML support of Neovim, Helix, Emacs lsp-mode, Sublime LSP...), driven
 * over stdio with the Language Server Protocol: every bundled region file resolves its schema from its
 * `# yaml-language-server: $schema=` line and gets no diagnostic; a file with a mistake gets one; and
 * completion at a key position offers the schema's keys with their descriptions.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Diagnostic {
  readonly message: string;
  readonly range: { readonly start: { readonly line: number } };
}
interface CompletionItem {
  readonly label: string;
  readonly documentation?: string | { readonly value: string };
}

const SERVER = path.resolve('node_modules/yaml-language-server/bin/yaml-language-server');
const SETTINGS = { validate: true, completion: true, hover: true, schemaStore: { enable: false } };

let server: ChildProcess;
let connection: MessageConnection;
/** Diagnostics by document URI, and who waits for them. */
const published = new Map<string, Diagnostic[]>();
const waiting = new Map<string, (d: Diagnostic[]) => void>();

/** Opens a document and resolves with the first diagnostics the server publishes for it. */
function open(file: string, text = readFileSync(file, 'utf8'), uri = pathToFileURL(path.resolve(file)).href): Promise<Diagnostic[]> {
  published.delete(uri);
  const result = new Promise<Diagnostic[]>((resolve) => waiting.set(uri, resolve));
  connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  return result;
}

beforeAll(async () => {
  server = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  connection = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
  connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => {
    published.set(p.uri, p.diagnostics);
    waiting.get(p.uri)?.(p.diagnostics);
    waiting.delete(p.uri);
  });
  connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => SETTINGS));
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(process.cwd()).href,
    capabilities: {
      textDocument: { completion: { completionItem: { documentationFormat: ['markdown', 'plaintext'] } }, publishDiagnostics: {} },
      workspace: { configuration: true },
    },
  });
  connection.sendNotification('initialized', {});
  connection.sendNotification('workspace/didChangeConfiguration', { settings: { yaml: SETTINGS } });
});

afterAll(async () => {
  if (!connection) return;
  await connection.sendRequest('shutdown').catch(() => undefined);
  connection.sendNotification('exit');
  connection.dispose();
  server.kill();
});

/** Every YAML file of the bundled regions (regions/ and its shared calendar, test cases included). */
const regionFiles = readdirSync('regions', { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith('.yaml'))
  .map((e) => path.relative(process.cwd(), path.join(e.parentPath, e.name)))
  .sort();

describe('yaml-language-server over the bundled regions', () => {
  it('names its schema in the first line of every region file', () => {
    expect(regionFiles.length).toBeGreaterThan(50);
    const without = regionFiles.filter((f) => !/^# yaml-language-server: \$schema=\S+\.schema\.json$/.test(readFileSync(f, 'utf8').split('\n')[0]!));
    expect(without).toEqual([]);
  });

  it('reports no diagnostic in any of them', { timeout: 120_000 }, async () => {
    const results = await Promise.all(regionFiles.map(async (f) => [f, await open(f)] as const));
    const problems = results.flatMap(([f, diagnostics]) => diagnostics.map((d) => `${f}:${d.range.start.line + 1} ${d.message}`));
    expect(problems).toEqual([]);
  });

  it('reports a mistake: a deadline whose term is text and a key the schema does not know', { timeout: 60_000 }, async () => {
    const file = 'regions/vologda/deadlines.yaml';
    const text = readFileSync(file, 'utf8').replace('workingDays: 35', 'workingDays: "35 days"').replace('    from: receipt\n', '    from: receipt\n    frm: receipt\n');
    // The same folder, so the relative $schema path still resolves.
    const uri = pathToFileURL(path.resolve('regions/vologda/deadlines-with-mistakes.yaml')).href;
    const diagnostics = await open(file, text, uri);
    const messages = diagnostics.map((d) => d.message).join('\n');
    expect(messages).toMatch(/Incorrect type\. Expected "integer"/);
    expect(messages).toMatch(/Property frm is not allowed/);
  });

  it('offers the schema\'s keys with their descriptions where a key is typed', { timeout: 60_000 }, async () => {
    const file = 'regions/vologda/deadlines.yaml';
    const text = readFileSync(file, 'utf8');
    await open(file, text);
    // Inside the first deadline, at the start of its second key.
    const line = text.split('\n').findIndex((l) => l.startsWith('  - id: ')) + 1;
    const result = await connection.sendRequest<{ items: CompletionItem[] } | CompletionItem[]>('textDocument/completion', {
      textDocument: { uri: pathToFileURL(path.resolve(file)).href },
      position: { line, character: 4 },
    });
    const items = Array.isArray(result) ? result : result.items;
    const doc = (label: string) => {
      const d = items.find((i) => i.label === label)?.documentation;
      return typeof d === 'string' ? d : d?.value;
    };
    expect(doc('calendarDays')).toMatch(/^The limit in calendar days/);
    expect(doc('counting')).toMatch(/^Which rule counts the term/);
    expect(doc('sameDay')).toMatch(/the anchor day itself is the first day of the term/);
  });

  it('completes a procedure\'s time constructs too: phases at the top, suspends in a step', { timeout: 60_000 }, async () => {
    // The information procedure has no phases: on an empty line before its steps, the schema offers them.
    const file = 'regions/vologda/procedures/info.yaml';
    const text = readFileSync(file, 'utf8').replace('\nstates:\n', '\n\nstates:\n');
    const uri = pathToFileURL(path.resolve('regions/vologda/procedures/info-completion.yaml')).href;
    await open(file, text, uri);
    const complete = async (line: number, character: number) => {
      const r = await connection.sendRequest<{ items: CompletionItem[] } | CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line, character } });
      return Array.isArray(r) ? r : r.items;
    };
    const lines = text.split('\n');
    const top = await complete(lines.indexOf('states:') - 1, 0);
    const phases = top.find((i) => i.label === 'phases')?.documentation;
    expect(typeof phases === 'string' ? phases : phases?.value).toMatch(/^Named spans of steps with a limit of their own/);
    const step = await complete(lines.indexOf('  registration:') + 1, 4);
    expect(step.map((i) => i.label)).toEqual(expect.arrayContaining(['suspends', 'milestone', 'otherwise']));
  });
});
