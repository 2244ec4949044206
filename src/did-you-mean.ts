/**
 * "Did you mean …" for a mistyped command, board id or metric kind: the
 * nearest candidate by edit distance (leven), only when it is near enough to
 * be the likely intent, a third of the word's length (at least one edit). So
 * 'rssii' finds 'rssi' and 'esp32-dev' 'esp32dev', but 'bogus' is not taken
 * for 'boards'.
 */
import leven from 'leven';

export function closest(word: string, candidates: readonly string[]): string | undefined {
  const max = Math.max(1, Math.floor(word.length / 3));
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = leven(word.toLowerCase(), candidate.toLowerCase(), { maxDistance: max + 1 });
    if (distance <= max && (best === undefined || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}

/** "did you mean esp32dev?", or with `listAll` "did you mean one of a, b, c?" when none is near; else ''. */
export function didYouMean(word: string, candidates: readonly string[], options: { listAll?: boolean } = {}): string {
  const near = closest(word, candidates);
  if (near !== undefined) return `did you mean ${near}?`;
  return options.listAll ? `did you mean one of ${candidates.join(', ')}?` : '';
}
