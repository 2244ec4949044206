/**
 * Paths in code-unit order, for every list of generated files: the same on
 * every machine, where localeCompare follows the user's locale (and its first
 * call costs ~10 ms of start-up to load ICU's collation).
 */
export const comparePaths = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
