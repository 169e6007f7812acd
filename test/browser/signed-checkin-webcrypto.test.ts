/**
 * A desk verifies signed check-in codes offline in the browser with WebCrypto's Ed25519: the module
 * the API signs with, bundled as a page would load it, run in Debian's Chromium on codes signed in
 * Node. The page is served from 127.0.0.1 (a secure context, which WebCrypto needs); no portal.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCheckinCode } from '../../functions/domain/checkin-code-generator.ts';
import { checkinSigningKey, signCheckinCode } from '../../functions/domain/checkin-signing-key.ts';
import type { CheckinPublicKey, SignedCodeCheck } from '../../functions/domain/signed-checkin-code.ts';
import { launchChromium } from '../support/browser-session.ts';

const verifierEntry = join(import.meta.dirname, '../../functions/domain/signed-checkin-code.ts');

/** Loads the verifier while online, as the desk page would before the network goes. */
const deskPage =
  '<!doctype html><title>desk</title><script type="module">window.verifier = await import("/verifier.js");</script>';

let server: Server;
let browser: Browser;
let origin = '';

beforeAll(async () => {
  const bundled = await build({ entryPoints: [verifierEntry], bundle: true, format: 'esm', write: false });
  const verifier = bundled.outputFiles[0]?.text ?? '';
  server = createServer((request, response) => {
    if (request.url === '/verifier.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(verifier);
    } else {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(deskPage);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

describe('signed check-in codes in Chromium', () => {
  it('verifies a good code and refuses forged, altered, other-edition and unknown-key codes offline', async () => {
    const key = checkinSigningKey('desk-test'.repeat(8), '2027');
    const code = generateCheckinCode();
    const good = signCheckinCode(key, code);
    const forger = checkinSigningKey('forger'.repeat(8), '2027');
    const cases = {
      good,
      forged: signCheckinCode({ ...forger, keyId: key.keyId }, code),
      altered: good.replace(code, generateCheckinCode()),
      otherEdition: signCheckinCode(checkinSigningKey('desk-test'.repeat(8), '2028'), code),
      unknownKey: signCheckinCode(forger, code),
    };
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(origin);
    await page.waitForFunction(() => 'verifier' in window);
    await context.setOffline(true);
    const verdicts = await page.evaluate(
      async ({ cases, keys }: { cases: Record<string, string>; keys: CheckinPublicKey[] }) => {
        const { verifier } = window as unknown as {
          verifier: {
            verifySignedCode: (
              text: string,
              edition: string,
              keys: CheckinPublicKey[],
            ) => Promise<SignedCodeCheck>;
          };
        };
        const entries = Object.entries(cases);
        const checks = await Promise.all(
          entries.map(([, text]) => verifier.verifySignedCode(text, '2027', keys)),
        );
        return {
          secure: isSecureContext,
          checks: Object.fromEntries(entries.map(([name], i) => [name, checks[i]])),
        };
      },
      { cases, keys: [key.publicKey] },
    );
    await context.close();
    expect(verdicts).toEqual({
      secure: true,
      checks: {
        good: { valid: true, fields: { edition: '2027', keyId: key.keyId, code } },
        forged: { valid: false, reason: 'bad-signature' },
        altered: { valid: false, reason: 'bad-signature' },
        otherEdition: { valid: false, reason: 'other-edition' },
        unknownKey: { valid: false, reason: 'unknown-key' },
      },
    });
  });
});
