import { describe, expect, it } from 'vitest';

import { allBoards, POPULAR_BOARD_IDS, findBoard, popularBoards, searchBoards } from '../../src/catalogue/boards.js';

const ids = (query: string): string[] => searchBoards(query).map((b) => b.id);

describe('searchBoards', () => {
  it('gives every board for an empty query, the popular ones first in their order', () => {
    const all = ids('');
    expect(all).toHaveLength(allBoards().length);
    expect(all.slice(0, POPULAR_BOARD_IDS.length)).toEqual([...POPULAR_BOARD_IDS]);
    expect(popularBoards().map((b) => b.id)).toEqual([...POPULAR_BOARD_IDS]);
  });

  it('every popular board is in the catalogue', () => {
    for (const id of POPULAR_BOARD_IDS) expect(findBoard(id), id).toBeDefined();
  });

  it('matches every word against id, name, vendor and chip, however the chip is spelled', () => {
    expect(ids('xiao c3')).toEqual(['seeed_xiao_esp32c3']);
    expect(ids('XIAO ESP32-C3')).toEqual(['seeed_xiao_esp32c3']);
    expect(ids('feather esp32s3')).toEqual(expect.arrayContaining(['adafruit_feather_esp32s3', 'adafruit_feather_esp32s3_nopsram']));
    expect(ids('feather esp32s3').every((id) => findBoard(id)?.chip === 'esp32s3')).toBe(true);
    expect(ids('wemos').every((id) => findBoard(id)?.vendor.toLowerCase() === 'wemos')).toBe(true);
    expect(ids('rp2040')).toEqual(['rpipicow']);
    expect(ids('no such board anywhere')).toEqual([]);
  });

  it('puts the exact id first, then popular and verified boards', () => {
    expect(ids('lolin_d32')[0]).toBe('lolin_d32');
    expect(ids('lolin d32')).toEqual(['lolin_d32', 'lolin_d32_pro']);
    const s3 = ids('esp32-s3');
    expect(s3.slice(0, 5)).toEqual(['esp32-s3-devkitc-1', 'arduino_nano_esp32', 'seeed_xiao_esp32s3', 'adafruit_feather_esp32s3', 'lolin_s3']);
    // What the wizard's search prompt shows.
    expect(ids('').slice(0, 2)).toEqual(['esp32dev', 'esp32-s3-devkitc-1']);
    expect(s3).toHaveLength(allBoards().filter((b) => b.chip === 'esp32s3').length);
  });
});
