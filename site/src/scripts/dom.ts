/** An element the page's own markup is known to have. */
export const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

/** The language switch keeps the same query (a search, a filter) in the other language. */
export function updateLanguageLinks(search: string): void {
  for (const link of document.querySelectorAll<HTMLAnchorElement>('.language-switch a[href]')) {
    const url = new URL(link.href);
    url.search = search;
    link.href = `${url.pathname}${url.search}`;
  }
}

/** Hands a file to the browser to save, as a download link clicked would. */
export function saveFile(file: Blob, filename: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(file);
  link.download = filename;
  link.click();
  URL.revokeObjectURL(link.href);
}
