/**
 * The end of the wizard: the project is written; now do the next thing.
 * With PlatformIO: build, flash (port list and chip detection), monitor, in
 * that order, with the usual progress display. Without it: one sentence on
 * installing it. Either way the firmware can first run on this computer
 * against a local Harbor. Then the commands for later, as this run was started.
 */
import { displayPath } from '../commands/cli-helpers.js';
import { HarborError } from '../errors.js';
import { cliCommand } from '../invocation.js';
import type { CommandContext } from '../main.js';
import { findPlatformIO } from '../platformio/find-platformio.js';
import type { Prompts } from './prompts.js';
import { isCancel } from './run-wizard.js';

type Action = 'build' | 'flash' | 'monitor' | 'simulate' | 'done';

/** What runs each action; tests pass fakes. */
export interface NextStepRunners {
  build(dir: string): Promise<void>;
  flash(dir: string): Promise<void>;
  monitor(dir: string): Promise<void>;
  simulate(dir: string): Promise<void>;
  hasPlatformIO(): Promise<boolean>;
}

export function realRunners(context: CommandContext): NextStepRunners {
  return {
    build: async (dir) => (await import('../commands/platformio-commands.js')).runBuild(dir, context),
    flash: async (dir) => (await import('../commands/platformio-commands.js')).runFlash(dir, context),
    monitor: async (dir) => (await import('../commands/platformio-commands.js')).runMonitor(dir, context),
    simulate: async (dir) => {
      await (await import('../commands/simulate.js')).runSimulate(dir, { duration: '2m', speed: 'max', local: true }, context.ui());
    },
    hasPlatformIO: async () => (await findPlatformIO(context.env)) !== null,
  };
}

export async function offerNextSteps(prompts: Prompts, projectDir: string, context: CommandContext, runners: NextStepRunners = realRunners(context)): Promise<void> {
  const ui = context.ui();
  const shown = displayPath(projectDir);
  const pio = await runners.hasPlatformIO();
  if (!pio) {
    prompts.note(
      `PlatformIO is needed to build and flash the firmware and is not installed: install it with "pipx install platformio" (or the PlatformIO IDE extension for VS Code), then run ${cliCommand(['flash', shown])}.`,
    );
  }
  const done = new Set<Action>();
  try {
    for (;;) {
      const choices: { name: string; value: Action }[] = [
        ...(pio
          ? [
              { name: 'Build the firmware', value: 'build' as const },
              { name: 'Flash it to the board over USB (builds first)', value: 'flash' as const },
              { name: "Watch the board's serial output (Ctrl+C stops)", value: 'monitor' as const },
            ]
          : []),
        { name: 'Run it on this computer against a local Harbor first (simulate --local)', value: 'simulate' as const },
        { name: 'Nothing more for now', value: 'done' as const },
      ];
      // The next thing in build → flash → monitor order.
      const next = pio ? ((['build', 'flash', 'monitor'] as const).find((a) => !done.has(a)) ?? 'done') : done.has('simulate') ? 'done' : 'simulate';
      const action = await prompts.select<Action>({ message: 'What next?', choices, default: next });
      if (action === 'done') break;
      try {
        await runners[action](projectDir);
        done.add(action);
        if (action === 'flash') done.add('build');
      } catch (error) {
        if (!(error instanceof HarborError)) throw error;
        ui.error(error.message);
        if (error.hint) ui.hint(error.hint);
      }
    }
  } catch (error) {
    // The project is written whatever happens now: ctrl+c here only ends the wizard.
    if (!isCancel(error)) throw error;
  }
  ui.info('');
  ui.info(`Your project is in ${shown}. Later, from this folder:`);
  ui.info(`  ${cliCommand(['simulate', shown, '--local'])}   run it on this computer against a local Harbor`);
  ui.info(`  ${cliCommand(['flash', shown])}   build and flash it`);
  ui.info(`  ${cliCommand(['monitor', shown])}   watch it connect`);
  ui.info(`  ${cliCommand(['init', '--config', `${shown}/harbor-connect.json`])}   regenerate it after editing its answers`);
}
