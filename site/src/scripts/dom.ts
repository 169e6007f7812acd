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

/** A link that saves the file when followed; the page revokes its address once it is done with it. */
export function downloadLink(file: Blob, filename: string): HTMLAnchorElement {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(file);
  link.download = filename;
  return link;
}

/** Hands a file to the browser to save, as a download link clicked would. */
export function saveFile(file: Blob, filename: string): void {
  const link = downloadLink(file, filename);
  link.click();
  URL.revokeObjectURL(link.href);
}
