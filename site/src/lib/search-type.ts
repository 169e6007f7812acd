/** The kinds of page the site search finds; each is named in the results (search.type.*). */
export type SearchType = 'session' | 'speaker' | 'venue' | 'story' | 'program';
