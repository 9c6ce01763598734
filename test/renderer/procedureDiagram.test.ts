/** The procedure diagram's mermaid text, generated from the sample region's procedure file. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { ProcedureFile } from '../../config/types/generated.ts';
import { label, procedureDiagram } from '../../renderer/src/diagram/procedureDiagram.ts';

const procedure = parse(await readFile(path.resolve(import.meta.dirname, '../fixtures/sample/procedures/permit.yaml'), 'utf8')) as ProcedureFile;
const titles = { rule: (id: string) => `правило ${id}` };

describe('procedure diagram', () => {
  const text = procedureDiagram(procedure, titles, 'review');

  it('has a box per step, the start, and the ends', () => {
    expect(text.startsWith('stateDiagram-v2\n')).toBe(true);
    expect(text).toContain('state "Рассмотрение заявления" as s_review');
    expect(text).toContain('[*] --> s_registration');
    expect(text).toContain('s_granted --> [*]');
  });

  it('labels each transition with its event and, when guarded, its rule', () => {
    expect(text).toContain('s_registration --> s_review : Зарегистрировать');
    expect(text).toContain('s_review --> s_signingGrant : Внести итог рассмотрения, если#58; правило approved');
  });

  it('draws procedure-wide transitions from one box for every unfinished step', () => {
    expect(text).toContain('s__any --> s_withdrawn : Отозвать заявление');
  });

  it('highlights the current step and marks final steps', () => {
    expect(text).toContain('class s_review current');
    expect(text).toMatch(/class s_granted,s_refused,s_withdrawn final/);
    expect(procedureDiagram(procedure, titles)).not.toMatch(/ current$/m);
  });

  it('writes the characters mermaid reads as entity codes', () => {
    expect(label('a "b"; c: #1 <x>')).toBe('a #34;b#34;#59; c#58; #35;1 #60;x#62;');
  });
});
