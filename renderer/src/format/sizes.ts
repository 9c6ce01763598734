/** "512 Б", "34 КБ", "5,0 МБ": file sizes in Russian. */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} Б`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} КБ`;
  return `${(bytes / 1024 / 1024).toLocaleString('ru-RU', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} МБ`;
}

/** "1 файл", "2 файла", "5 файлов". */
export function filesText(n: number): string {
  const tens = n % 100;
  const ones = n % 10;
  const word = tens >= 11 && tens <= 14 ? 'файлов' : ones === 1 ? 'файл' : ones >= 2 && ones <= 4 ? 'файла' : 'файлов';
  return `${n} ${word}`;
}
