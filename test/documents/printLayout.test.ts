/** Documents fit to print: A4 margins, the authority's header, the number and date, page numbers in the footer. */
import { describe, expect, it } from 'vitest';
import { htmlPage } from '../../engine/documents/htmlPage.ts';

describe('a document page', () => {
  const page = htmlPage('Уведомление', '<p>Текст</p>', { authority: 'Департамент «Природа» & Ко', number: 'A-7/2', date: '2025-03-14' });

  it('is A4 with the office margins and numbers its pages in the footer', () => {
    expect(page).toContain('size: A4');
    expect(page).toContain('margin: 20mm 15mm 20mm 25mm');
    expect(page).toMatch(/@bottom-right \{ content: "Страница " counter\(page\) " из " counter\(pages\)/);
    expect(page).toContain('@bottom-left { content: "№ A-7/2 от 14.03.2025"');
  });

  it('heads the first page with the authority, the date and the number, escaped', () => {
    expect(page).toContain('<div class="document-authority">Департамент «Природа» &amp; Ко</div>');
    expect(page).toContain('<span>14.03.2025</span><span>№ A-7/2</span>');
  });

  it('keeps a hostile number inside its CSS string and out of the markup', () => {
    const hostile = htmlPage('x', '', { authority: 'A', number: '"}</style><script>alert(1)</script>', date: '2025-03-14' });
    expect(hostile).not.toContain('<script>');
    expect(hostile.match(/<\/style>/g)).toHaveLength(1);
    expect(hostile).toContain('№ &quot;}&lt;/style&gt;&lt;script&gt;');
  });

  it('has no number line when the document has no number', () => {
    const extract = htmlPage('Выписка', '<p>x</p>', { authority: 'A', number: null, date: '2025-03-14' });
    expect(extract).not.toContain('@bottom-left');
    expect(extract).toContain('<span>14.03.2025</span></div>');
  });
});
