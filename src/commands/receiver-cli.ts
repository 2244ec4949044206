/**
 * The `receiver` and `ping` commands' flags. Their code (and the receiver
 * with it) is loaded only when one of them runs, so other commands start
 * without it.
 */
import { Option, type Command } from '../commander.js';
import type { CommandContext } from '../main.js';
import { collectRepeated } from './cli-helpers.js';
import type { PingFlags, ReceiverFlags } from './receiver-commands.js';

export const DEFAULT_PORT = 8787;
export const DEFAULT_DATA_FILE = 'harbor-data.jsonl';
export const API_KEY_ENV = 'HARBOR_API_KEY';

export function registerReceiverCommands(program: Command, context: CommandContext): void {
  program
    .command('receiver')
    .description('run a local Harbor that stores what devices send and prints every request')
    .option('--port <n>', `port to listen on, 0 for a free one (default ${DEFAULT_PORT})`)
    .option('--host <address>', 'address to listen on; 0.0.0.0 lets devices on your network reach it (default 127.0.0.1)')
    .option('--api-key <key>', `key the X-API-Key header must match (or ${API_KEY_ENV}); without one any key is accepted`)
    .option('--harbor-id <id>', 'serve the cloud-style paths /api/v2/ingest/<id>, repeatable', collectRepeated)
    .option('--data <file>', `JSON Lines file the points are appended to (default ./${DEFAULT_DATA_FILE})`)
    .option('--max-batch <n>', 'most points in one batch before it is refused with 400 (default 1000)')
    .option('--rate-single <n>', 'single-point requests allowed per second (default unlimited)')
    .option('--rate-batch <n>', 'batch requests allowed per second (default unlimited)')
    .option('--fail-rate <fraction>', 'fraction of requests answered with a --fail-with status, 0 to 1')
    .option('--fail-with <statuses>', 'statuses for --fail-rate, comma-separated (default 500,503)')
    .option('--latency <duration>', 'delay before every answer, e.g. 200ms')
    .option('--drop-connections <fraction>', 'fraction of requests whose connection is cut instead of answered, 0 to 1')
    .option('--outage <from:to>', 'answer 503 in this window since start, e.g. 2m:4m, repeatable', collectRepeated)
    .addOption(new Option('--retry-after <form>', 'Retry-After form on 429 (default alternate)').choices(['seconds', 'date', 'alternate']))
    .addOption(new Option('--clock <clock>', "'sim' takes the time from the X-Harbor-Sim-Time header (default wall)").choices(['wall', 'sim']))
    .option('--seed <n>', 'seed for the injected faults, so a run can be replayed (default 1)')
    .action(async (flags: ReceiverFlags) => {
      const { runReceiver } = await import('./receiver-commands.js');
      await runReceiver(flags, { ui: context.ui(), env: context.env });
    });

  program
    .command('ping')
    .description('send one test point to check the endpoint, harbor id and API key')
    .argument('[dir]', 'a generated project: its harbor-connect.json and include/harbor_secrets.h are read (default: the project in this folder)')
    .option('--endpoint <endpoint>', 'cloud, enterprise:<tenant> or a base URL ending in /api/v2/ingest')
    .option('--harbor-id <id>', "your Harbor's id (not for self-hosted servers)")
    .option('--api-key <key>', `API key (or ${API_KEY_ENV}, which stays out of shell history)`)
    .option('--config <file>', 'answers file (harbor-connect.json); flags override it')
    .action(async (dir: string | undefined, flags: PingFlags) => {
      const { runPing } = await import('./receiver-commands.js');
      await runPing(dir, flags, { ui: context.ui(), env: context.env });
    });
}
