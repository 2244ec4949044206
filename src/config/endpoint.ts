import { INGEST_PATH } from './answers-schema.js';

/** The base URL (ending in /api/v2/ingest) an --endpoint answer stands for. */
export function resolveBaseUrl(endpoint: string): string {
  if (endpoint === 'cloud') return `https://harborscale.com${INGEST_PATH}`;
  if (endpoint.startsWith('enterprise:')) {
    return `https://${endpoint.slice('enterprise:'.length)}.harbor.harborscale.com${INGEST_PATH}`;
  }
  return endpoint.replace(/\/+$/, '');
}

/** The batch URL the firmware posts to: the harbor id, when there is one, sits before /batch. */
export function batchUrl(baseUrl: string, harborId: string | undefined): string {
  return harborId ? `${baseUrl}/${harborId}/batch` : `${baseUrl}/batch`;
}

export function usesTls(baseUrl: string): boolean {
  return baseUrl.startsWith('https://');
}
