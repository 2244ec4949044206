/**
 * The command line: parses arguments into each command's options, runs it,
 * and is the one place that turns errors into messages and exit codes.
 *
 * Only commander and the command definitions load up front: each action
 * imports its own code when it runs (zod and Handlebars for init, inquirer for
 * the wizard, execa for PlatformIO, the receiver for receiver and simulate),
 * so `--version` or `boards` does not pay for them. test/cli/startup.test.ts
 * checks which packages each command loads.
 */
import { precomputedBoardsListing } from './catalogue/precomputed-listing.js';
import { Command, CommanderError, Option } from './commander.js';
import { collectRepeated } from './commands/cli-helpers.js';
import type { InitFlags } from './commands/init.js';
import { registerPlatformIOCommands } from './commands/platformio-cli.js';
import { registerReceiverCommands } from './commands/receiver-cli.js';
import { registerSimulateCommand } from './commands/simulate-cli.js';
import { didYouMean } from './did-you-mean.js';
import { EXIT_CODES, HarborError, usageError } from './errors.js';
import { packageVersion } from './package-root.js';
import { terminalUi, type Ui } from './ui.js';

/** What every command module gets: the UI (built once the flags are known) and the environment. */
export interface CommandContext {
  ui: () => Ui;
  env: NodeJS.ProcessEnv;
}

function buildProgram(ui: () => Ui, env: NodeJS.ProcessEnv): Command {
  const version = packageVersion();
  const program = new Command('harbor-connect')
    .description('Generate, build and flash firmware that sends a board\'s sensor data to a Harbor.')
    .version(version)
    .option('--verbose', 'show full logs and stack traces')
    .showHelpAfterError('(run with --help for usage)');

  program
    .command('init')
    .description('generate a PlatformIO project (asks for anything not given as a flag)')
    .option('--config <file>', 'answers file (harbor-connect.json); flags override it')
    .addOption(new Option('--format <format>', 'project (PlatformIO), sketch (Arduino IDE), library (.zip), or snippet (lines to paste)').choices(['project', 'sketch', 'library', 'snippet']))
    .option('--out <dir>', 'project or sketch folder, library .zip, or snippet file (default: harbor-<board>; a snippet goes to stdout)')
    .option('--print-secrets', 'snippet: print the secrets file too (it is written to its own file otherwise)')
    .option('-y, --yes', 'never prompt: fail listing every missing answer')
    .option('--dry-run', 'print what would be written, write nothing')
    .option('--force', 'overwrite generated files you have edited')
    .option('--board <id>', 'PlatformIO board id (see harbor-connect boards)')
    .addOption(new Option('--framework <name>', 'firmware framework').choices(['arduino', 'espidf']))
    .option('--ship-id <id>', "device id, or 'auto' to derive it from the chip's MAC")
    .option('--metric <kind[:key=value,...]>', 'a built-in metric to send, repeatable (see harbor-connect sensors)', collectRepeated)
    .option('--sensor <kind[:key=value,...]>', 'a sensor wired to the board, repeatable (see harbor-connect sensors)', collectRepeated)
    .option('--endpoint <endpoint>', 'cloud, enterprise:<tenant> or a base URL ending in /api/v2/ingest')
    .option('--harbor-id <id>', "your Harbor's id (not for self-hosted servers)")
    .option('--api-key <key>', 'API key (or HARBOR_API_KEY, which stays out of shell history)')
    .option('--wifi-ssid <ssid>', 'Wi-Fi network name')
    .option('--wifi-password <password>', 'Wi-Fi password, empty for an open network (or WIFI_PASSWORD)')
    .option('--batch-records <n>', 'most readings per request (default 50)')
    .option('--batch-bytes <n>', 'largest request body in bytes (default 12288)')
    .option('--batch-seconds <s>', 'longest a reading waits before it is sent (default 30)')
    .addOption(new Option('--tls <mode>', 'verify the server certificate, or not').choices(['verify', 'insecure']))
    .option('--power <mode>', 'always-on (default), or deep-sleep:interval=<s>[,send-every=<n>] for a battery')
    .option('--battery <battery>', 'what powers it: usb, or <mAh>[:li-ion|lifepo4|alkaline] for the expected battery life')
    .addOption(new Option('--storage <where>', 'keep readings through power cuts (flash, the default where the board has room) or not (ram)').choices(['ram', 'flash']))
    .option('--ca-file <pem>', 'root CA certificate(s) to trust instead of the built-in set')
    .option('--build', 'build with PlatformIO after generating')
    .option('--flash', 'build and flash with PlatformIO after generating')
    .option('--port <port>', 'serial port for --flash')
    .action(async (flags: InitFlags) => {
      const { runInit } = await import('./commands/init.js');
      const interactive = !flags.yes && Boolean(process.stdin.isTTY && process.stdout.isTTY);
      const wizard = interactive ? (await import('./wizard/run-wizard.js')).interactiveWizard : undefined;
      const nextSteps = interactive
        ? async (projectDir: string): Promise<void> => {
            const { offerNextSteps } = await import('./wizard/next-steps.js');
            const { inquirerPrompts } = await import('./wizard/prompts.js');
            await offerNextSteps(inquirerPrompts(), projectDir, { ui, env });
          }
        : undefined;
      const afterWrite = async (projectDir: string, initFlags: InitFlags): Promise<void> => {
        if (!initFlags.build && !initFlags.flash) return;
        const { platformIOAfterInit } = await import('./commands/platformio-commands.js');
        await platformIOAfterInit({ ui, env })(projectDir, initFlags);
      };
      await runInit(flags, { ui: ui(), env, wizard: wizard && ((input) => wizard(input)), nextSteps, afterWrite });
    });

  program
    .command('boards')
    .description('list the boards harbor-connect knows')
    .option('--json', 'machine-readable output')
    .action(async (options: { json?: boolean }) => {
      const listing = precomputedBoardsListing(Boolean(options.json));
      if (listing !== undefined) ui().info(listing);
      else (await import('./commands/catalogue-listing.js')).listBoards(ui(), options);
    });

  program
    .command('sensors')
    .description('list the metrics a project can send')
    .option('--json', 'machine-readable output')
    .action(async (options: { json?: boolean }) => (await import('./commands/sensor-listing.js')).listSensors(ui(), options));

  program
    .command('schema')
    .description('print the JSON Schema of the answers file')
    .action(async () => ui().info((await import('./config/answers-file.js')).publishedAnswersJsonSchema().trimEnd()));

  registerPlatformIOCommands(program, { ui, env });
  registerSimulateCommand(program, { ui, env });
  registerReceiverCommands(program, { ui, env });
  return program;
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const verbose = argv.includes('--verbose');
  const ui = terminalUi({ verbose });
  const program = buildProgram(() => ui, env);
  program.exitOverride();
  for (const command of program.commands) command.exitOverride();
  try {
    await program.parseAsync(withDefaultCommand(argv, program));
    return EXIT_CODES.ok;
  } catch (error) {
    return report(error, ui);
  }
}

/** Options of the program itself, which may come before the command. */
const GLOBAL_OPTIONS = new Set(['--verbose']);
const PROGRAM_ONLY = new Set(['-V', '--version', '-h', '--help']);

/**
 * `harbor-connect` alone, or followed by init's flags, runs init. Anything
 * else in the command's place must be a command: a typo is reported with the
 * nearest one, never handed to init as stray arguments (commander's default
 * command would do that and complain about init instead).
 */
function withDefaultCommand(argv: string[], program: Command): string[] {
  const args = argv.slice(2);
  let at = 0;
  while (at < args.length && GLOBAL_OPTIONS.has(args[at] as string)) at += 1;
  const first = args[at];
  if (first === undefined || (first.startsWith('-') && !PROGRAM_ONLY.has(first))) {
    return [...argv.slice(0, 2), ...args.slice(0, at), 'init', ...args.slice(at)];
  }
  const names = program.commands.flatMap((c) => [c.name(), ...c.aliases()]).concat('help');
  if (!first.startsWith('-') && !names.includes(first)) {
    const commands = program.commands.map((c) => c.name());
    throw usageError(`'${first}' is not a harbor-connect command: ${didYouMean(first, commands, { listAll: true })}`, 'Run harbor-connect --help for what each one does.');
  }
  return argv;
}

function report(error: unknown, ui: Ui): number {
  if (error instanceof CommanderError) {
    // Commander has already printed its message; help and --version are not failures.
    return error.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.usage;
  }
  if (error instanceof HarborError) {
    ui.error(error.message);
    if (error.hint) ui.hint(error.hint);
    if (ui.verbose && error.cause) ui.detail(String((error.cause as Error).stack ?? error.cause));
    return error.exitCode;
  }
  ui.error(`harbor-connect stopped unexpectedly: ${(error as Error)?.message ?? String(error)}`);
  ui.hint(ui.verbose ? String((error as Error)?.stack) : 'Run again with --verbose for the stack trace, and report it if it persists.');
  return EXIT_CODES.failed;
}

