/**
 * The kinds of page the site search finds; each is named in the results (search.type.*). `page` is
 * any other page a reader looks for by name (the registration form).
 */
export type SearchType = 'session' | 'speaker' | 'venue' | 'story' | 'program' | 'page';
