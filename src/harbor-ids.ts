/**
 * The Harbor API's rule for ship_id and cargo_id (shared/reference/harbor-api.md):
 * 1 to 100 characters. Both the generator's schema and the local receiver
 * enforce it, so it lives here once. Characters are code points, so an emoji
 * counts once, not as two UTF-16 units.
 */
export const ID_MAX_CHARS = 100;

export function idLength(value: string): number {
  return [...value].length;
}

export function isValidId(value: string): boolean {
  const length = idLength(value);
  return length >= 1 && length <= ID_MAX_CHARS;
}
