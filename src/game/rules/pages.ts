/**
 * Splits lines into pages whose measured height stays within `maxHeight`, breaking at the
 * last blank line of a page when there is one (so sections stay together); blank lines never
 * start a page. A single line taller than a page gets a page of its own.
 */
export function paginate(lines: readonly string[], measure: (page: readonly string[]) => number, maxHeight: number): string[][] {
  const pages: string[][] = [];
  let page: string[] = [];
  for (const line of lines) {
    if (page.length > 0 && measure([...page, line]) > maxHeight) {
      const cut = page.lastIndexOf('');
      const carry = cut > 0 ? page.splice(cut).slice(1) : [];
      pages.push(page);
      page = carry;
    }
    if (page.length === 0 && line === '') continue;
    page.push(line);
  }
  // Only the input's own trailing blank lines can end a page: pages otherwise end where a line no longer fit.
  while (page.at(-1) === '') page.pop();
  if (page.length > 0 || pages.length === 0) pages.push(page);
  return pages;
}
