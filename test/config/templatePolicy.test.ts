/**
 * Templates are confined: the loader refuses partials, decorators, `log` and every helper not on the
 * allow-list, each with its file:line:column, and the engine will not compile such a template even
 * when handed one that never went through the loader.
 */
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { formatLoadError } from '../../config/loader/LoadError.ts';
import { loadRegion } from '../../config/loader/loadRegion.ts';
import { TEMPLATE_HELPERS } from '../../config/loader/templatePolicy.ts';
import { compiledTemplates } from '../../engine/documents/compiledTemplates.ts';
import { documentHelpers } from '../../engine/documents/helpers.ts';
import { makeRegion } from '../helpers/regionFactory.ts';
import { copyRegion, REPO, SAMPLE } from '../server/harness.ts';

const copies: string[] = [];
afterAll(async () => {
  for (const dir of copies) await rm(path.dirname(dir), { recursive: true, force: true });
});

const FIRST_LINE = '<h1>Уведомление о выдаче разрешения</h1>\n';
const ALLOWED = TEMPLATE_HELPERS.join(', ');

/** The sample region with its grant notice's second line replaced by `line`: the loader's errors. */
async function errorsWith(line: string): Promise<string[]> {
  const dir = await copyRegion(SAMPLE, 'sample');
  copies.push(dir);
  await writeFile(path.join(dir, 'templates/notice-grant.hbs'), `${FIRST_LINE}${line}\n`);
  const loaded = await loadRegion(dir);
  if (loaded.ok) return [];
  // The copy lives in a temporary folder: show paths from the region folder on.
  return loaded.errors.map((e) => formatLoadError(e).replace(`${dir}/`, '').replace(`${path.relative(process.cwd(), dir)}/`, ''));
}

describe('the template policy', () => {
  const cases: [string, string, string][] = [
    ['a partial', '<p>{{> header}}</p>', 'templates/notice-grant.hbs:2:4 partials ({{> header}}) are not allowed: a document template is one file, with no parts from elsewhere'],
    ['a partial block', '{{#> layout}}текст{{/layout}}', 'templates/notice-grant.hbs:2:1 partials ({{> layout}}) are not allowed: a document template is one file, with no parts from elsewhere'],
    ['an inline partial (a decorator)', '{{#*inline "body"}}{{application.id}}{{/inline}}', 'templates/notice-grant.hbs:2:1 decorators and inline partials ({{* inline}}) are not allowed in document templates'],
    ['log with an argument', '<p>{{log "заявление" application}}</p>', `templates/notice-grant.hbs:2:6 helper "log" is not allowed in document templates (it would print data to the server log); allowed: ${ALLOWED}`],
    ['log alone', '{{log}}', `templates/notice-grant.hbs:2:3 helper "log" is not allowed in document templates (it would print data to the server log); allowed: ${ALLOWED}`],
    ['a helper that does not exist', '<p>{{upper application.id}}</p>', `templates/notice-grant.hbs:2:6 helper "upper" is not allowed in document templates; allowed: ${ALLOWED}`],
    ['an unknown helper in a subexpression', '{{#if (isGranted application)}}да{{/if}}', `templates/notice-grant.hbs:2:8 helper "isGranted" is not allowed in document templates; allowed: ${ALLOWED}`],
    ['helperMissing called by name', '{{helperMissing application}}', `templates/notice-grant.hbs:2:3 helper "helperMissing" is not allowed in document templates; allowed: ${ALLOWED}`],
    ['unescaped output', '<p>{{{application.id}}}</p>', 'templates/notice-grant.hbs:2:4 unescaped output {{{...}}} is not allowed: documents print every value HTML-escaped'],
  ];
  for (const [what, line, error] of cases) {
    it(`refuses ${what} with file:line:column`, async () => {
      expect(await errorsWith(line)).toEqual([error]);
    });
  }

  it('accepts every allowed helper, sections over data and @data variables', async () => {
    const line = '{{#each application.submission.works.kinds}}{{@index}}{{this}}{{/each}}{{#with application}}{{id}}{{/with}}{{#unless licence}}-{{/unless}}{{lookup application "id"}}{{#if (eq application.state "granted")}}{{date today}}{{money application.fee.amount}}{{/if}}{{#region}}{{title}}{{/region}}';
    expect(await errorsWith(line)).toEqual([]);
  });

  it('`reglament validate` exits 1 and names the file and line', async () => {
    const dir = await copyRegion(SAMPLE, 'sample');
    copies.push(dir);
    await writeFile(path.join(dir, 'templates/notice-grant.hbs'), `${FIRST_LINE}{{log application}}\n`);
    const run = spawnSync(process.execPath, [path.join(REPO, 'bin/reglament.mjs'), 'validate', dir], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('templates/notice-grant.hbs:2:3 helper "log" is not allowed');
  });

  it('the engine will not compile a template that breaks the policy, even one the loader never saw', () => {
    const region = (source: string) =>
      makeRegion({ templates: { notice: { id: 'notice', title: 'Уведомление', file: 'notice.hbs', kind: 'notice', source } } });
    expect(() => compiledTemplates(region('{{log application}}'))).toThrow(/templates\/notice\.hbs:1:3\): helper "log" is not allowed/);
    expect(() => compiledTemplates(region('{{> header}}'))).toThrow(/partials/);
    expect(compiledTemplates(region('{{date today}}')).get('notice')!({ today: '2025-03-03' })).toBe('03.03.2025');
  });

  it("the engine's helpers are exactly the allow-list's own (the rest are Handlebars' built-ins)", () => {
    const builtIns = ['if', 'unless', 'each', 'with', 'lookup'];
    expect(Object.keys(documentHelpers).sort()).toEqual(TEMPLATE_HELPERS.filter((h) => !builtIns.includes(h)).sort());
  });
});
