import Handlebars from 'handlebars';

/** What every printed page of a document carries besides its body. */
export interface PageFrame {
  /** The authority that issues the document (region.yaml authority.title), printed at the head of the first page. */
  readonly authority: string;
  /** The document's number, null for a document without one (e.g. an extract given on request). */
  readonly number: string | null;
  /** The document's date, "YYYY-MM-DD". */
  readonly date: string;
}

/**
 * Print layout: A4 with the margins of Russian office documents (ГОСТ Р 7.0.97: left 25 mm), a serif
 * body, tables with visible borders; the page number (and the document's number) in the bottom
 * margin of every page, which the browser's print and "save as PDF" fill in. A template's block of
 * class `e-signature` prints as the framed stamp of an electronic signature.
 */
function style(frame: PageFrame | undefined): string {
  const footer = frame?.number ? `@bottom-left { content: ${cssString(`№ ${frame.number} от ${russianDate(frame.date)}`)}; font: 10pt "Times New Roman", Times, serif; }` : '';
  return `
  @page {
    size: A4;
    margin: 20mm 15mm 20mm 25mm;
    @bottom-right { content: "Страница " counter(page) " из " counter(pages); font: 10pt "Times New Roman", Times, serif; }
    ${footer}
  }
  body { font-family: "Times New Roman", Times, serif; font-size: 14pt; line-height: 1.4; color: #000; max-width: 180mm; margin: 0 auto; }
  h1, h2, h3 { text-align: center; font-size: 14pt; }
  table { border-collapse: collapse; width: 100%; }
  th, td { border: 1px solid #000; padding: 2pt 4pt; text-align: left; vertical-align: top; }
  tr, li { break-inside: avoid; }
  .document-authority { text-align: center; font-weight: bold; text-transform: uppercase; font-size: 12pt; border-bottom: 1.5pt solid #000; padding-bottom: 4pt; margin-bottom: 6pt; }
  .document-number { display: flex; justify-content: space-between; font-size: 12pt; margin-bottom: 12pt; }
  .signature { break-inside: avoid; margin-top: 18pt; }
  .e-signature { border: 1.5pt solid #000; border-radius: 4pt; padding: 4pt 8pt; margin: 6pt 0; max-width: 95mm; font-size: 10pt; line-height: 1.25; break-inside: avoid; }
  .e-signature p { margin: 0; }
  @media screen { body { padding: 12mm 0; } }
  @media print { body { max-width: none; } }
`;
}

/**
 * Wraps a rendered template body into a complete HTML document with its (escaped) title and, given a
 * frame, the authority's header, the document's number and date, and page numbers in the footer.
 */
export function htmlPage(title: string, body: string, frame?: PageFrame): string {
  const e = Handlebars.escapeExpression;
  const head = frame
    ? `<header class="document-head">
<div class="document-authority">${e(frame.authority)}</div>
<div class="document-number"><span>${e(russianDate(frame.date))}</span>${frame.number ? `<span>№ ${e(frame.number)}</span>` : ''}</div>
</header>
`
    : '';
  return `<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<title>${e(title)}</title>
<style>${style(frame)}</style>
</head>
<body>
${head}${body}
</body>
</html>
`;
}

/** A CSS string literal of any text: quotes, backslashes and "<" (which could end the style element) escaped. */
function cssString(text: string): string {
  return `"${text.replace(/[\\"<>]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `).replace(/[\r\n\f]/g, ' ')}"`;
}

/** "2025-03-14" -> "14.03.2025". */
function russianDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}
