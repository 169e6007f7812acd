import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signOrganizerToken } from '../../local/organizer-tokens.ts';
import { waitForEml, waitForEmls } from '../support/outbox-files.ts';
import { type RunningPortal, startPortal } from '../support/portal-process.ts';
import { fetchSolution } from '../support/proof-of-work.ts';
import { portalConsents } from '../support/registration-consents.ts';

let dataDirectory: string;
let portal: RunningPortal;

beforeAll(async () => {
  dataDirectory = await mkdtemp(join(tmpdir(), 'portal-registration-'));
  portal = await startPortal({ DATA_DIR: dataDirectory });
});

afterAll(async () => {
  await portal?.stop();
  await rm(dataDirectory, { recursive: true, force: true });
});

const api = (path: string, init: RequestInit = {}) => fetch(new URL(path, portal.url), init);

describe('registering through the running portal', () => {
  it('answers 201 and writes the confirmation as an .eml file with the manage link', async () => {
    const response = await api('/api/registrations', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify({
        category: 'speaker',
        name: '王芳',
        email: 'wang.fang@example.org',
        country: 'CN',
        language: 'zh',
        ...portalConsents,
        altcha: await fetchSolution(portal.url, 'registration', 'wang.fang@example.org'),
      }),
    });
    expect(response.status).toBe(201);
    const created = await response.json();
    expect(created.manageUrl).toMatch(new RegExp(`^${portal.url}zh/registration/#${created.id}\\.`));

    const message = await simpleParser(await waitForEml(dataDirectory, created.id));
    expect(message.to).toMatchObject({ value: [{ address: 'wang.fang@example.org', name: '王芳' }] });
    expect(message.subject).toMatch(/[\u4e00-\u9fff]/);
    expect(message.text).toContain(created.manageUrl);

    // Registering the address again is refused, and its holder hears of the attempt.
    const again = await api('/api/registrations', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        category: 'speaker',
        name: 'Somebody Else',
        email: 'WANG.FANG@example.org',
        country: 'DE',
        language: 'en',
        ...portalConsents,
        altcha: await fetchSolution(portal.url, 'registration', 'WANG.FANG@example.org'),
      }),
    });
    expect(again.status).toBe(409);
    expect((await again.json()).type).toBe('tag:wuzhen-portal,2026:problems/already-registered');
    const messages = await Promise.all(
      (await waitForEmls(dataDirectory, 'wang.fang@example.org', 2)).map((raw) => simpleParser(raw)),
    );
    const notice = messages.find((parsed) => parsed.subject?.includes('再次报名'));
    expect(notice?.to).toMatchObject({ value: [{ address: 'wang.fang@example.org', name: '王芳' }] });
    expect(notice?.text).not.toContain('Somebody Else');
    expect(notice?.text).not.toContain(created.manageUrl);
  });
});

describe('organizer tokens at the local gateway', () => {
  it('refuses a missing, forged or expired token with 401 and a token without the role with 403', async () => {
    expect((await api('/api/admin/stats')).status).toBe(401);
    expect((await api('/api/admin/stats', { headers: { authorization: 'Bearer not.a.jwt' } })).status).toBe(
      401,
    );
    const otherIssuer = await signOrganizerToken(await mkdtemp(join(tmpdir(), 'other-key-')), 'organizer');
    expect(
      (await api('/api/admin/stats', { headers: { authorization: `Bearer ${otherIssuer}` } })).status,
    ).toBe(401);
    const expired = await signOrganizerToken(dataDirectory, 'organizer', {
      expiresIn: Math.floor(Date.now() / 1000) - 60,
    });
    expect((await api('/api/admin/stats', { headers: { authorization: `Bearer ${expired}` } })).status).toBe(
      401,
    );

    const checkin = await signOrganizerToken(dataDirectory, 'checkin');
    expect((await api('/api/admin/stats', { headers: { authorization: `Bearer ${checkin}` } })).status).toBe(
      403,
    );
    const organizer = await signOrganizerToken(dataDirectory, 'organizer');
    const stats = await api('/api/admin/stats', { headers: { authorization: `Bearer ${organizer}` } });
    expect(stats.status).toBe(200);
    expect(stats.headers.get('cache-control')).toBe('no-store');
  });

  it('accepts the token `npm run token` prints', async () => {
    const token = execFileSync(process.execPath, ['local/token.ts', '--role', 'checkin'], {
      cwd: join(import.meta.dirname, '../..'),
      env: { ...process.env, DATA_DIR: dataDirectory },
      encoding: 'utf8',
    }).trim();
    const response = await api('/api/admin/checkins', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ code: '222222222' }),
    });
    expect(response.status).toBe(404);
  });
});
