import { INGEST_PATH } from './answers-schema.js';

/** The base URL (ending in /api/v2/ingest) an --endpoint answer stands for. */
export function resolveBaseUrl(endpoint: string): string {
  if (endpoint === 'cloud') return `https://harborscale.com${INGEST_PATH}`;
  if (endpoint.startsWith('enterprise:')) {
    return `https://${endpoint.slice('enterprise:'.length)}.harbor.harborscale.com${INGEST_PATH}`;
  }
  return endpoint.replace(/\/+$/, '');
}

export function usesTls(baseUrl: string): boolean {
  return baseUrl.startsWith('https://');
}
