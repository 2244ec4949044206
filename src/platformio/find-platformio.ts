import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';

import { failedError, type HarborError } from '../errors.js';

const EXECUTABLE_NAMES = ['pio', 'platformio'] as const;

/** Reads an environment variable the way the platform does: case-insensitively on Windows. */
function envValue(env: NodeJS.ProcessEnv, name: string, platform: NodeJS.Platform): string | undefined {
  if (platform !== 'win32') return env[name];
  const key = Object.keys(env).find((k) => k.toUpperCase() === name.toUpperCase());
  return key === undefined ? undefined : env[key];
}

/**
 * Every path where a PlatformIO executable may live, in the order we try them:
 * `pio` then `platformio` in each PATH folder, then the folder PlatformIO's own
 * installer and the VS Code extension use (~/.platformio/penv, or
 * $PLATFORMIO_CORE_DIR/penv when that is set). They do not put it on PATH, so
 * users who installed it that way would otherwise be told it is missing.
 */
export function platformIOCandidates(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string[] {
  const p = platform === 'win32' ? path.win32 : path.posix;
  const extensions =
    platform === 'win32'
      ? (envValue(env, 'PATHEXT', platform) ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean).map((e) => e.toLowerCase())
      : [''];
  const candidates: string[] = [];
  for (const dir of (envValue(env, 'PATH', platform) ?? '').split(p.delimiter)) {
    if (dir === '') continue;
    for (const name of EXECUTABLE_NAMES) {
      for (const ext of extensions) candidates.push(p.join(dir, name + ext));
    }
  }

  const home = platform === 'win32' ? envValue(env, 'USERPROFILE', platform) : envValue(env, 'HOME', platform);
  const coreDirs = [envValue(env, 'PLATFORMIO_CORE_DIR', platform), home && p.join(home, '.platformio')];
  for (const core of coreDirs) {
    if (!core) continue;
    candidates.push(
      platform === 'win32' ? p.join(core, 'penv', 'Scripts', 'pio.exe') : p.join(core, 'penv', 'bin', 'pio'),
    );
  }
  return [...new Set(candidates)];
}

async function isExecutableFile(file: string, platform: NodeJS.Platform): Promise<boolean> {
  try {
    if (!(await stat(file)).isFile()) return false;
    // Windows has no execute bit; the extension (from PATHEXT) is what counts.
    await access(file, platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The PlatformIO executable to run, or null when it is not installed anywhere we know. */
export async function findPlatformIO(env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  for (const candidate of platformIOCandidates(env, process.platform)) {
    if (await isExecutableFile(candidate, process.platform)) return candidate;
  }
  return null;
}

/** projectDir is left out only where no project is involved (listing serial ports). */
export function platformIOMissingError(projectDir?: string): HarborError {
  const then =
    projectDir === undefined
      ? 'then run this command again.'
      : `the generated project is still in ${projectDir}, so run this command again once it is installed.`;
  return failedError(
    'PlatformIO is not installed: there is no pio or platformio on your PATH or in ~/.platformio/penv.',
    'Install it with the official installer script (https://docs.platformio.org/en/latest/core/installation/methods/installer-script.html), ' +
      `with "pipx install platformio", or by adding the PlatformIO IDE extension to VS Code; ${then}`,
  );
}
