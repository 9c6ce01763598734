import { describe, expect, it } from 'vitest';
import { hostileInputErrors } from '../engine/forms/hostileInputErrors.ts';

describe('text that is not well-formed', () => {
  it('is refused field by field: lone surrogates and control characters, not emoji or line breaks', () => {
    const data = { applicant: { name: 'ООО «Лом»\r\n', note: 'a\u0000b', tags: ['ok', '\uD800'], smile: '😀', tab: 'a\tb' } };
    expect(hostileInputErrors(data).map((e) => e.path).sort()).toEqual(['applicant.note', 'applicant.tags.1']);
  });
});
