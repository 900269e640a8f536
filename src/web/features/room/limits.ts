/**
 * Same values as in contracts/room.ts, copied: importing that file would pull zod into the room's
 * chunk. The server validates with the originals, so a drift here only changes what the form allows.
 */
export const HARVEST_MAX = 4000;
export const NOTE_MAX = 10000;
export const TURN_SECONDS_MAX = 1800;
export const WORD_MAX = 40;
