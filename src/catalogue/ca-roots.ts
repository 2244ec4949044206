/**
 * Root certificates for the Arduino TLS stacks (mbedTLS on arduino-esp32,
 * BearSSL on the ESP8266 and Pico W), which carry no bundle of their own.
 *
 * The default set is picked by subject from the Mozilla store Node.js ships
 * (tls.rootCertificates), so it is as current as the Node that generates the
 * project and needs no network. It is deliberately small, because every root
 * costs RAM on the device (BearSSL copies each into RAM, 1-2 KB apiece, on an
 * 80 KB ESP8266), and a dozen roots cover the CAs that sign HTTPS APIs:
 *  - ISRG Root X1/X2: Let's Encrypt, RSA and ECDSA chains (most hosted APIs, Vercel, Fly, Render).
 *  - GTS Root R1-R4: Google Trust Services, which Google Cloud and much of Cloudflare use.
 *  - DigiCert Global Root G2 and Global Root CA: Azure and most commercial DigiCert certificates.
 *  - Amazon Root CA 1 and 3: ACM's RSA 2048 and ECDSA P-256 chains (AWS load balancers, CloudFront).
 *    Roots 2 and 4 sign only RSA 4096 and P-384 certificates, which ACM rarely issues.
 *  - USERTrust RSA/ECC: Sectigo, the other large commercial CA (ZeroSSL, many resellers).
 *  - GlobalSign Root CA - R3: GlobalSign's TLS issuing CAs (AlphaSSL, Atlas R3).
 * A server whose chain ends elsewhere needs --ca-file.
 */
import { X509Certificate, createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';

import { usageError } from '../errors.js';
import { PACKAGE_ROOT } from '../package-root.js';

export interface CaRoot {
  /** The certificate's common name, or its whole subject when it has none. */
  subject: string;
  /** One PEM certificate block ending in a newline. */
  pem: string;
}

/**
 * The default roots, in this order, by exact subject (Node's "KEY=value" lines):
 * several GlobalSign roots share the common name "GlobalSign", so the name alone
 * is not enough.
 */
export const DEFAULT_ROOT_SUBJECTS: readonly string[] = [
  'C=US\nO=Internet Security Research Group\nCN=ISRG Root X1',
  'C=US\nO=Internet Security Research Group\nCN=ISRG Root X2',
  'C=US\nO=Google Trust Services LLC\nCN=GTS Root R1',
  'C=US\nO=Google Trust Services LLC\nCN=GTS Root R2',
  'C=US\nO=Google Trust Services LLC\nCN=GTS Root R3',
  'C=US\nO=Google Trust Services LLC\nCN=GTS Root R4',
  'C=US\nO=DigiCert Inc\nOU=www.digicert.com\nCN=DigiCert Global Root G2',
  'C=US\nO=DigiCert Inc\nOU=www.digicert.com\nCN=DigiCert Global Root CA',
  'C=US\nO=Amazon\nCN=Amazon Root CA 1',
  'C=US\nO=Amazon\nCN=Amazon Root CA 3',
  'C=US\nST=New Jersey\nL=Jersey City\nO=The USERTRUST Network\nCN=USERTrust RSA Certification Authority',
  'C=US\nST=New Jersey\nL=Jersey City\nO=The USERTRUST Network\nCN=USERTrust ECC Certification Authority',
  'OU=GlobalSign Root CA - R3\nO=GlobalSign\nCN=GlobalSign',
];

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;

function displaySubject(cert: X509Certificate): string {
  const lines = cert.subject.split('\n');
  const cn = lines.find((line) => line.startsWith('CN='));
  if (!cn) return lines.join(', ');
  const ou = lines.find((line) => line.startsWith('OU='));
  // "GlobalSign" alone would not tell the user which of its roots this is.
  return cn === 'CN=GlobalSign' && ou ? ou.slice(3) : cn.slice(3);
}

function normalizePem(pem: string): string {
  return pem.replace(/\r\n/g, '\n').trim() + '\n';
}

/**
 * The default trust set, deterministic for a given Node.js. Roots the running
 * Node no longer ships (Mozilla removed them) are left out rather than
 * invented; the list is checked against the store by the tests.
 */
export function defaultCaRoots(store: readonly string[] = rootCertificates): CaRoot[] {
  const cached = cachedDefaultRoots();
  const key = storeKey(store);
  return cached?.store === key ? cached.roots : pickDefaultRoots(store);
}

/**
 * Written by the build (src/tools/precompute.ts): the roots picked from the
 * store of the Node that built the package. OpenSSL's first certificate parse
 * alone costs ~8 ms of every init, so a Node with the same store reuses them.
 */
export const CA_ROOTS_CACHE = join(PACKAGE_ROOT, 'dist', 'default-ca-roots.json');

export interface CaRootsCache {
  /** storeKey of the store the roots were picked from. */
  store: string;
  roots: CaRoot[];
}

export const storeKey = (store: readonly string[]): string => createHash('sha256').update(store.join('\n')).digest('hex');

function cachedDefaultRoots(): CaRootsCache | undefined {
  try {
    return JSON.parse(readFileSync(CA_ROOTS_CACHE, 'utf8')) as CaRootsCache;
  } catch {
    return undefined;
  }
}

/** What defaultCaRoots returns, computed. */
export function pickDefaultRoots(store: readonly string[]): CaRoot[] {
  const bySubject = new Map<string, { pem: string; cert: X509Certificate }>();
  // Parsing all ~140 certificates costs 20 ms of every init; only those whose DER holds a wanted
  // common name (plain bytes in a subject) can match, so only they are parsed.
  const names = DEFAULT_ROOT_SUBJECTS.map((subject) => Buffer.from(subject.slice(subject.lastIndexOf('CN=') + 3)));
  for (const pem of store) {
    // Between the BEGIN and END lines; Node's base64 decoder skips the line breaks (a regex to strip them took 7 ms).
    const der = Buffer.from(pem.slice(pem.indexOf('\n'), pem.lastIndexOf('-----END')), 'base64');
    if (!names.some((name) => der.includes(name))) continue;
    const cert = new X509Certificate(pem);
    if (!bySubject.has(cert.subject)) bySubject.set(cert.subject, { pem, cert });
  }
  const roots: CaRoot[] = [];
  for (const subject of DEFAULT_ROOT_SUBJECTS) {
    const found = bySubject.get(subject);
    if (found === undefined) continue;
    roots.push({ subject: displaySubject(found.cert), pem: normalizePem(found.pem) });
  }
  return roots;
}

/**
 * A user's CA file (--ca-file): one or more PEM certificates, each a CA that
 * is valid today. A server's own (leaf) certificate is refused: it changes at
 * every renewal, so pinning it would break the device within months.
 */
export function readCaFile(path: string, now: Date = new Date()): CaRoot[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a directory' : 'cannot be read';
    throw usageError(`The CA file ${path} ${why}.`, 'Pass --ca-file the path of a PEM file holding the root CA certificate.');
  }

  const blocks = [...text.matchAll(PEM_BLOCK)];
  if (blocks.some((block) => /PRIVATE KEY/.test(block[1] ?? ''))) {
    throw usageError(
      `The CA file ${path} contains a private key.`,
      'Give only the CA certificate: a private key must never be compiled into firmware.',
    );
  }
  const certBlocks = blocks.filter((block) => block[1] === 'CERTIFICATE');
  if (certBlocks.length === 0) {
    throw usageError(
      `The CA file ${path} holds no PEM certificate.`,
      'Export the root CA as PEM (a block starting with -----BEGIN CERTIFICATE-----), for example with: openssl x509 -in ca.der -inform der -out ca.pem',
    );
  }

  return certBlocks.map((block, index) => {
    const where = certBlocks.length > 1 ? `Certificate ${index + 1} in ${path}` : `The certificate in ${path}`;
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(block[0]);
    } catch {
      throw usageError(`${where} is not a valid X.509 certificate.`, 'Check that the file was copied completely, or export the root CA again as PEM.');
    }
    if (!cert.ca) {
      throw usageError(
        `${where} (${displaySubject(cert)}) is a server (leaf) certificate, not a CA (CA:FALSE).`,
        'Pin the root CA that issued it, not the server certificate: a leaf changes at every renewal and would lock the device out.',
      );
    }
    if (new Date(cert.validTo).getTime() < now.getTime()) {
      throw usageError(`${where} (${displaySubject(cert)}) expired on ${cert.validTo}.`, 'Use the CA\'s current root certificate.');
    }
    if (new Date(cert.validFrom).getTime() > now.getTime()) {
      throw usageError(`${where} (${displaySubject(cert)}) is not valid before ${cert.validFrom}.`, 'Check the certificate, or the clock of this computer.');
    }
    return { subject: displaySubject(cert), pem: normalizePem(block[0]) };
  });
}
