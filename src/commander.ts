/**
 * Commander, loaded with require(). It is CommonJS: imported as ESM, Node
 * first scans its whole source for export names, which costs more start-up
 * time than running it.
 */
import { createRequire } from 'node:module';
import type * as Commander from 'commander';

export const { Command, CommanderError, Option } = createRequire(import.meta.url)('commander') as typeof Commander;
export type Command = Commander.Command;
