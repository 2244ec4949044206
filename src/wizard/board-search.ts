/**
 * The board question's list: popular boards first, then the rest of the
 * catalogue, filtered by every word typed (in the id, name or chip). The
 * catalogue's own search (issue 12) can replace `searchBoards` without the
 * question changing.
 */
import type { Board } from '../catalogue/board-types.js';
import { BOARDS } from '../catalogue/boards.js';

/** The boards most people have on the desk, in this order. */
export const POPULAR_BOARDS: readonly string[] = ['esp32dev', 'esp32-s3-devkitc-1', 'esp32-c3-devkitm-1', 'd1_mini', 'nodemcuv2', 'rpipicow'];

export function searchBoards(term: string, boards: readonly Board[] = BOARDS): Board[] {
  const rank = (b: Board): number => {
    const i = POPULAR_BOARDS.indexOf(b.id);
    return i < 0 ? POPULAR_BOARDS.length : i;
  };
  const words = term.toLowerCase().split(/\s+/).filter(Boolean);
  const matches = boards.filter((b) => {
    const text = `${b.id} ${b.name} ${b.chip}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
  // Stable sort: within the same rank the catalogue's order stays.
  return [...matches].sort((a, b) => rank(a) - rank(b));
}
