/**
 * The HarborErrors a failed PlatformIO run turns into: one sentence naming the
 * problem (with the compiler's own lines when there are some) and a hint with
 * what to do next and where the full log is.
 */
import { failedError, type HarborError } from '../errors.js';
import type { CompilerErrors, UploadFailure } from './pio-output.js';

function seeLog(logPath: string): string {
  return `PlatformIO's full output is in ${logPath}.`;
}

function indented(lines: readonly string[]): string {
  return lines.map((l) => `\n  ${l}`).join('');
}

/**
 * The compiler's file:line errors, for a PlatformIO build or (with `host`) the
 * simulate build, which runs g++ itself.
 */
export function compileFailedError(errors: CompilerErrors, logPath: string, host = false): HarborError {
  const more = errors.total > errors.lines.length ? [`…and ${errors.total - errors.lines.length} more`] : [];
  return failedError(
    `The firmware failed to compile${host ? ' for the host' : ''}:${indented([...errors.lines, ...more])}`,
    `Fix the code at the lines above. ${host ? `The compiler's full output is in ${logPath}.` : seeLog(logPath)}`,
  );
}

/** A failure we have no name for: PlatformIO's own error lines are the best we can show. */
export function pioFailedError(what: string, exitCode: number, toolErrors: readonly string[], logPath: string): HarborError {
  return failedError(`${what} failed (PlatformIO exit code ${exitCode}).${indented(toolErrors)}`, seeLog(logPath));
}

const NO_PORT_HINT =
  'Plug the board in with a USB data cable (charge-only cables have no data wires), ' +
  'install the CP210x or CH34x USB-serial driver if your computer lacks it, ' +
  'or pass --port with the board\'s port (see "pio device list").';

const DIALOUT_HINT =
  'On Linux add yourself to the dialout group ("sudo usermod -a -G dialout $USER"; on Arch the group is uucp), ' +
  'then log out and back in';

/** What a port error's hint ends with: how to try again, and the log when there is one. */
export interface PortErrorContext {
  /** "flash again" or "start the monitor again". */
  retry: string;
  logPath: string | null;
}

export function uploadFailedError(
  failure: UploadFailure,
  exitCode: number,
  toolErrors: readonly string[],
  context: PortErrorContext,
): HarborError {
  const log = context.logPath === null ? '' : ` ${seeLog(context.logPath)}`;
  const retry = context.retry;
  const port = (failure.kind !== 'unknown' && failure.kind !== 'wrong-chip' && failure.port) || null;
  const thePort = port ? `The serial port ${port}` : 'The serial port';
  switch (failure.kind) {
    case 'port-busy':
      return failedError(
        `${thePort} is busy: another program has it open.`,
        `Close the serial monitor or any other program using the port ("pio device monitor" in another terminal, the Arduino IDE, screen), then ${retry}.${log}`,
      );
    case 'permission-denied':
      return failedError(
        `You do not have permission to open ${port ? `the serial port ${port}` : 'the serial port'}.`,
        `${DIALOUT_HINT}, and ${retry}.${log}`,
      );
    case 'no-port': {
      const message =
        failure.reason === 'no-port-given'
          ? 'No board was found on any serial port.'
          : failure.reason === 'missing'
            ? `${thePort} does not exist.`
            : `The board on ${port ?? 'the serial port'} did not answer.`;
      const bootTip = failure.reason === 'no-answer' ? ' If it still does not answer, hold the BOOT button while flashing starts.' : '';
      return failedError(message, `${NO_PORT_HINT}${bootTip}${log}`);
    }
    case 'port-unavailable':
      return failedError(
        `${thePort} could not be opened: it is busy, you lack permission to use it, or it does not exist.`,
        `Close any serial monitor using it; ${DIALOUT_HINT.replace(/^On/, 'on')}; check the board is plugged in with a data cable, or pass --port.${log}`,
      );
    case 'wrong-chip':
      return failedError(
        `The board has an ${failure.actual} chip but the project was built for ${failure.expected}.`,
        `The board id does not match the chip: regenerate the project with the right --board (one with an ${failure.actual}), then ${retry}.${log}`,
      );
    case 'unknown':
      return context.logPath === null
        ? failedError(`The serial port failed (PlatformIO exit code ${exitCode}).${indented(toolErrors)}`, `Pass --port to choose the port, then ${retry}.`)
        : pioFailedError('Flashing the board', exitCode, toolErrors, context.logPath);
  }
}
