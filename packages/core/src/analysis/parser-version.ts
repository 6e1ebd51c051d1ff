/**
 * Bump whenever a change to the parser or the analyzer changes what it reports for the same bytes:
 * stored logs analysed by an older version are then fetched and analysed again.
 */
export const PARSER_VERSION = 1;
