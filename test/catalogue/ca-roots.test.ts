import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { rootCertificates } from 'node:tls';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CA_ROOTS_CACHE, DEFAULT_ROOT_SUBJECTS, defaultCaRoots, pickDefaultRoots, readCaFile, storeKey } from '../../src/catalogue/ca-roots.js';
import { HarborError } from '../../src/errors.js';

// Made with `openssl ca -selfsign`: a CA valid 2024-2124, a CA:FALSE server
// certificate valid 2024-2124, and a CA that expired on 2021-01-01.
const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/catalogue/ca');
const fixture = (name: string): string => path.join(FIXTURES, name);
const fixtureText = (name: string): string => readFileSync(fixture(name), 'utf8');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'harbor-ca-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function writeTemp(name: string, content: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

function usageErrorOf(fn: () => unknown): HarborError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(HarborError);
    expect((error as HarborError).kind).toBe('usage');
    return error as HarborError;
  }
  throw new Error('expected a usage error');
}

describe('defaultCaRoots', () => {
  it('finds every chosen root in the Node.js store, in the listed order', () => {
    const roots = defaultCaRoots();
    expect(roots.map((root) => new X509Certificate(root.pem).subject)).toEqual([...DEFAULT_ROOT_SUBJECTS]);
    expect(roots.map((root) => root.subject)).toEqual([
      'ISRG Root X1',
      'ISRG Root X2',
      'GTS Root R1',
      'GTS Root R2',
      'GTS Root R3',
      'GTS Root R4',
      'DigiCert Global Root G2',
      'DigiCert Global Root CA',
      'Amazon Root CA 1',
      'Amazon Root CA 3',
      'USERTrust RSA Certification Authority',
      'USERTrust ECC Certification Authority',
      'GlobalSign Root CA - R3',
    ]);
  });

  it('returns self-signed CA certificates taken verbatim from the store', () => {
    const store = new Set(rootCertificates.map((pem) => pem.trim()));
    for (const root of defaultCaRoots()) {
      const cert = new X509Certificate(root.pem);
      expect(cert.ca, root.subject).toBe(true);
      expect(cert.issuer, root.subject).toBe(cert.subject);
      expect(cert.verify(cert.publicKey), root.subject).toBe(true);
      expect(store.has(root.pem.trim()), root.subject).toBe(true);
      expect(root.pem.endsWith('-----END CERTIFICATE-----\n')).toBe(true);
    }
  });

  it("reuses the build's pick for the store it was picked from, and picks anew for any other", () => {
    // The build (src/tools/precompute.ts) wrote the cache from this Node's store.
    const cache = JSON.parse(readFileSync(CA_ROOTS_CACHE, 'utf8')) as { store: string; roots: unknown };
    expect(cache.store).toBe(storeKey(rootCertificates));
    expect(defaultCaRoots()).toEqual(pickDefaultRoots(rootCertificates));
    const withoutFirst = rootCertificates.filter((pem) => pem.trim() !== defaultCaRoots()[0]?.pem.trim());
    expect(defaultCaRoots(withoutFirst)).toEqual(pickDefaultRoots(withoutFirst));
    expect(defaultCaRoots(withoutFirst)).toHaveLength(DEFAULT_ROOT_SUBJECTS.length - 1);
  });

  it('is deterministic', () => {
    expect(defaultCaRoots()).toEqual(defaultCaRoots());
  });

  it('matches by whole subject, so same-named roots are not confused', () => {
    // Three GlobalSign roots are all called CN=GlobalSign; only R3 is chosen.
    const globalSigns = rootCertificates.filter((pem) => new X509Certificate(pem).subject.endsWith('\nCN=GlobalSign'));
    expect(globalSigns.length).toBeGreaterThan(1);
    const chosen = defaultCaRoots().filter((root) => globalSigns.some((pem) => pem.trim() === root.pem.trim()));
    expect(chosen.map((root) => root.subject)).toEqual(['GlobalSign Root CA - R3']);
  });

  it('leaves out roots a store no longer has instead of failing', () => {
    const withoutIsrg = rootCertificates.filter((pem) => !new X509Certificate(pem).subject.includes('ISRG Root'));
    const subjects = defaultCaRoots(withoutIsrg).map((root) => root.subject);
    expect(subjects).not.toContain('ISRG Root X1');
    expect(subjects).not.toContain('ISRG Root X2');
    expect(subjects).toHaveLength(DEFAULT_ROOT_SUBJECTS.length - 2);
  });
});

describe('readCaFile', () => {
  const now = new Date('2026-06-01T00:00:00Z');

  it('reads a root CA', () => {
    const roots = readCaFile(fixture('private-root.pem'), now);
    expect(roots).toEqual([{ subject: 'Harbor Test Private Root', pem: fixtureText('private-root.pem') }]);
  });

  it('reads every certificate of a bundle, normalising line ends', () => {
    const isrg = defaultCaRoots()[0]?.pem ?? '';
    const file = writeTemp('bundle.pem', `# my roots\r\n${fixtureText('private-root.pem').replace(/\n/g, '\r\n')}\r\n${isrg}`);
    const roots = readCaFile(file, now);
    expect(roots.map((root) => root.subject)).toEqual(['Harbor Test Private Root', 'ISRG Root X1']);
    expect(roots[0]?.pem).toBe(fixtureText('private-root.pem'));
    expect(roots.every((root) => !root.pem.includes('\r'))).toBe(true);
  });

  it('refuses a server (leaf) certificate and says to pin a root CA', () => {
    const error = usageErrorOf(() => readCaFile(fixture('leaf.pem'), now));
    expect(error.message).toContain('device-api.example.test');
    expect(error.message).toContain('leaf');
    expect(error.message).toContain('CA:FALSE');
    expect(error.hint).toContain('root CA');
  });

  it('refuses a leaf hidden among CAs and names its position', () => {
    const file = writeTemp('mixed.pem', fixtureText('private-root.pem') + fixtureText('leaf.pem'));
    const error = usageErrorOf(() => readCaFile(file, now));
    expect(error.message).toMatch(/^Certificate 2 in /);
  });

  it('refuses an expired CA', () => {
    const error = usageErrorOf(() => readCaFile(fixture('expired-root.pem'), now));
    expect(error.message).toContain('expired');
  });

  it('refuses a CA that is not valid yet', () => {
    const error = usageErrorOf(() => readCaFile(fixture('private-root.pem'), new Date('2023-06-01T00:00:00Z')));
    expect(error.message).toContain('not valid before');
  });

  it('refuses text that is not PEM', () => {
    const file = writeTemp('garbage.pem', 'this is not a certificate\n');
    const error = usageErrorOf(() => readCaFile(file, now));
    expect(error.message).toContain('holds no PEM certificate');
  });

  it('refuses a damaged certificate', () => {
    const good = fixtureText('private-root.pem').split('\n');
    good[3] = 'AAAA' + (good[3] ?? '').slice(4).split('').reverse().join('');
    const file = writeTemp('damaged.pem', good.join('\n'));
    const error = usageErrorOf(() => readCaFile(file, now));
    expect(error.message).toContain('is not a valid X.509 certificate');
  });

  it('refuses a file with a private key in it', () => {
    const key = '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n-----END PRIVATE KEY-----\n';
    const file = writeTemp('with-key.pem', fixtureText('private-root.pem') + key);
    const error = usageErrorOf(() => readCaFile(file, now));
    expect(error.message).toContain('private key');
  });

  it('reports a missing file as a usage error', () => {
    const error = usageErrorOf(() => readCaFile(path.join(dir, 'nope.pem'), now));
    expect(error.message).toContain('does not exist');
  });
});
