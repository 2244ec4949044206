/**
 * Secrets live only in the generated, git-ignored include/harbor_secrets.h.
 * Regenerating from the answers file reads them back from there, so the user
 * need not type them again and the header keeps its bytes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCppString } from '../render/cpp-literal.js';

export const SECRETS_HEADER = 'include/harbor_secrets.h';
/** An Arduino sketch's secrets tab (generate/formats/sketch.ts). */
export const SKETCH_SECRETS_HEADER = 'secrets.h';

export function readSecretsHeader(projectDir: string): { apiKey?: string; wifiPassword?: string } {
  let text: string | undefined;
  for (const file of [SECRETS_HEADER, SKETCH_SECRETS_HEADER]) {
    try {
      text = readFileSync(join(projectDir, file), 'utf8');
      break;
    } catch {
      // not this layout
    }
  }
  if (text === undefined) return {};
  const header = text;
  const read = (name: string): string | undefined => {
    const match = new RegExp(`^#define ${name} (".*")$`, 'm').exec(header);
    if (!match?.[1]) return undefined;
    try {
      return parseCppString(match[1]);
    } catch {
      return undefined;
    }
  };
  const secrets: { apiKey?: string; wifiPassword?: string } = {};
  const apiKey = read('HARBOR_API_KEY');
  const wifiPassword = read('HARBOR_WIFI_PASSWORD');
  if (apiKey !== undefined) secrets.apiKey = apiKey;
  if (wifiPassword !== undefined) secrets.wifiPassword = wifiPassword;
  return secrets;
}
