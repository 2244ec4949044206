/** The `build`, `flash` and `monitor` commands' flags; PlatformIO's layer (execa, the spinner) loads only when one runs. */
import type { Command } from 'commander';
import type { CommandContext } from '../main.js';

export function registerPlatformIOCommands(program: Command, context: CommandContext): void {
  program
    .command('build')
    .description('compile the firmware of a generated project with PlatformIO')
    .argument('[dir]', 'the project folder', '.')
    .action(async (dir: string) => {
      const { runBuild } = await import('./platformio-commands.js');
      await runBuild(dir, context);
    });

  program
    .command('flash')
    .description('build the firmware and write it to the board over USB')
    .argument('[dir]', 'the project folder', '.')
    .option('--port <port>', 'serial port of the board (default: the one with the board\'s USB id)')
    .action(async (dir: string, options: { port?: string }) => {
      const { runFlash } = await import('./platformio-commands.js');
      await runFlash(dir, context, options.port);
    });

  program
    .command('monitor')
    .description('show what the board prints on its serial port (Ctrl+C quits)')
    .argument('[dir]', 'the project folder', '.')
    .option('--port <port>', 'serial port of the board (default: PlatformIO picks one)')
    .option('--baud <n>', 'speed in bits per second (default: monitor_speed in platformio.ini)')
    .action(async (dir: string, options: { port?: string; baud?: string }) => {
      const { runMonitor } = await import('./platformio-commands.js');
      await runMonitor(dir, context, options);
    });
}
