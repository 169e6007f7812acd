/** An element the page's own markup is known to have. */
export const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
