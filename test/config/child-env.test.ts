import { describe, expect, it } from 'vitest';
import { withoutSecrets } from '../../src/child-env.js';

describe('withoutSecrets', () => {
  it('keeps everything but the secret variables, and leaves the original alone', () => {
    const env = { PATH: '/bin', HOME: '/root', HARBOR_API_KEY: 'k', WIFI_PASSWORD: 'p', HARBOR_OTHER: 'x' };
    expect(withoutSecrets(env)).toEqual({ PATH: '/bin', HOME: '/root', HARBOR_OTHER: 'x' });
    expect(env.HARBOR_API_KEY).toBe('k');
  });
});
