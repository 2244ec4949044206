/** The environment variables that may carry secrets, by answer. */
export const SECRET_ENV_NAMES: Record<string, string> = { apiKey: 'HARBOR_API_KEY', wifiPassword: 'WIFI_PASSWORD' };

/**
 * The environment for programs we start (PlatformIO, g++, the host firmware):
 * ours minus the secrets that may sit in it, which none of them needs.
 */
export function withoutSecrets(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  for (const name of Object.values(SECRET_ENV_NAMES)) delete copy[name];
  return copy;
}
