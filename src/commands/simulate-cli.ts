/** The `simulate` command's flags; its code, the host build and the receiver load only when it runs. */
import type { Command } from 'commander';
import type { CommandContext } from '../main.js';
import type { SimulateFlags } from './simulate.js';

export function registerSimulateCommand(program: Command, context: CommandContext): void {
  program
    .command('simulate [dir]')
    .description('build the project for this computer and run it against a Harbor')
    .option('--duration <time>', 'how long to sample, in firmware time (e.g. 90s, 10m, 1h)', '2m')
    .option('--speed <n|max>', "firmware time per real time: 1 is real time, 'max' as fast as possible", '1')
    .option('--endpoint <base-url>', 'send to this Harbor instead (a URL ending in /api/v2/ingest)')
    .option('--local', 'start a local Harbor on this computer and send to it')
    .option('--drain <time>', 'how long the buffer may take to drain after --duration (default: the duration, from 1 to 10 minutes)')
    .option('--power-cut-every <time>', 'cut the power at a random point of every stretch this long (e.g. 7m), half of the cuts during a flash write; the firmware boots again on the same flash')
    .option('--seed <n>', 'seed of the firmware\'s random numbers (backoff jitter)')
    .action(async (dir: string | undefined, flags: SimulateFlags) => {
      const { runSimulate } = await import('./simulate.js');
      await runSimulate(dir ?? '.', flags, context.ui());
    });
}
