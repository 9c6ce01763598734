import Handlebars from 'handlebars';

/** Print-friendly defaults: A4 margins, a serif body and tables with visible borders. */
const STYLE = `
  @page { size: A4; margin: 20mm 15mm 20mm 25mm; }
  body { font-family: "Times New Roman", Times, serif; font-size: 14pt; line-height: 1.4; color: #000; max-width: 180mm; margin: 0 auto; }
  h1, h2, h3 { text-align: center; font-size: 14pt; }
  table { border-collapse: collapse; width: 100%; }
  th, td { border: 1px solid #000; padding: 2pt 4pt; text-align: left; vertical-align: top; }
  @media print { body { max-width: none; } }
`;

/** Wraps a rendered template body into a complete HTML document with its (escaped) title. */
export function htmlPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<title>${Handlebars.escapeExpression(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
