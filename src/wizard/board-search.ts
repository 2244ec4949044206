/**
 * The board question's list: the catalogue's own search (issue 12), by id,
 * name, vendor or chip, popular boards first.
 */
export { POPULAR_BOARD_IDS as POPULAR_BOARDS, searchBoards } from '../catalogue/boards.js';
