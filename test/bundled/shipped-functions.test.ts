/**
 * The portal with the functions as they ship (`npm start -- --bundled`): the esbuild bundles the
 * stack deploys, the content seeded by the seed bundle, the outbox sent by the mailer bundle on
 * stream records, residents' photos on the local photo store. What a bundling mistake would break (a module left external that the runtime
 * lacks, a content folder not copied, a handler that is not exported) fails here.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signOrganizerToken } from '../../local/organizer-tokens.ts';
import { waitForEmls } from '../support/outbox-files.ts';
import { pdfFonts } from '../support/pdf-reading.ts';
import { type RunningPortal, startPortal } from '../support/portal-process.ts';
import { uniqueEmail } from '../support/portal-registration.ts';
import { fetchSolution } from '../support/proof-of-work.ts';
import { portalConsents } from '../support/registration-consents.ts';

let dataDirectory: string;
let portal: RunningPortal;

beforeAll(async () => {
  dataDirectory = await mkdtemp(join(tmpdir(), 'wuzhen-bundled-'));
  portal = await startPortal({ DATA_DIR: dataDirectory });
});

afterAll(async () => {
  await portal?.stop();
  await rm(dataDirectory, { recursive: true, force: true });
});

const api = (path: string, init?: RequestInit) => fetch(new URL(path, portal.url), init);
const json = { 'content-type': 'application/json' };

describe('the portal serving the bundles the stack deploys', () => {
  it('runs the bundles, seeded by the seed bundle, and describes the API', async () => {
    expect(portal.output()).toContain(`functions: the bundles in ${process.env.BUNDLES_DIR}`);
    const health = await api('/api/health');
    expect(await health.json()).toEqual({ status: 'ok', checks: { dynamodb: 'ok' } });
    expect((await api('/api/health', { method: 'HEAD' })).status).toBe(200);
    // The OpenAPI generator is a lazy import of the health bundle: the same document as committed.
    const document = await api('/api/openapi.json');
    const committed = await readFile(join(import.meta.dirname, '..', '..', 'docs', 'openapi.json'), 'utf8');
    expect(await document.json()).toEqual(JSON.parse(committed));
    const categories = await api('/api/categories');
    const { items } = (await categories.json()) as { items: Array<{ id: string }> };
    expect(items.map(({ id }) => id)).toEqual(['delegate', 'speaker', 'exhibitor', 'media']);
  });

  it('finds venues by text, near a point and open years ahead, and publishes a review', async () => {
    const byText = await api('/api/venues?q=hotel');
    expect(byText.status).toBe(200);
    const { items } = (await byText.json()) as { items: Array<{ id: string }> };
    const venue = items[0]?.id;
    expect(venue).toBeDefined();
    const nearby = await api('/api/venues?near=30.745,120.49&radius=5000');
    expect(nearby.status).toBe(200);
    expect(((await nearby.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);
    // Years beyond the seeded schedules: the opening-hours evaluator, a file beside the venues bundle.
    const openLater = await api(
      '/api/venues?category=restaurant&openNow=true&at=2031-06-04T12:30:00%2B08:00',
    );
    expect(openLater.status).toBe(200);
    expect(((await openLater.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);

    const review = { rating: 5, comment: 'Ran from the bundle.', author: 'Bundled test' };
    const posted = await api(`/api/venues/${venue}/reviews`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ ...review, altcha: await fetchSolution(portal.url, 'review') }),
    });
    expect(posted.status).toBe(201);
    const reviews = await api(`/api/venues/${venue}/reviews`);
    expect(JSON.stringify(await reviews.json())).toContain(review.comment);
  });

  it('registers, lets an organizer approve, gives the ticket, checks in, and the mailer sends each message', async () => {
    const email = uniqueEmail('bundled');
    const created = await api('/api/registrations', {
      method: 'POST',
      headers: { ...json, 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify({
        category: 'media',
        name: 'Bundled Reporter',
        email,
        country: 'CN',
        language: 'en',
        ...portalConsents,
        altcha: await fetchSolution(portal.url, 'registration', email),
      }),
    });
    expect(created.status).toBe(201);
    const registration = (await created.json()) as {
      id: string;
      code: string;
      status: string;
      manageToken: string;
    };
    expect(registration.status).toBe('pending_approval');

    const organizer = { authorization: `Bearer ${await signOrganizerToken(dataDirectory, 'organizer')}` };
    const approved = await api(`/api/admin/registrations/${registration.id}/approve`, {
      method: 'POST',
      headers: organizer,
    });
    expect(approved.status).toBe(200);
    expect(((await approved.json()) as { status: string }).status).toBe('confirmed');

    // The ticket's QR encoder is a lazy import: a file of its own beside the registrations bundle.
    const ticket = await api(`/api/registrations/${registration.id}/ticket.svg`, {
      headers: { authorization: `Bearer ${registration.manageToken}` },
    });
    expect(ticket.status).toBe(200);
    expect(ticket.headers.get('content-type')).toBe('image/svg+xml');
    expect(await ticket.text()).toMatch(/^<svg[^>]*viewBox/);

    const checkin = await api('/api/admin/checkins', {
      method: 'POST',
      headers: { ...organizer, ...json },
      body: JSON.stringify({ code: registration.code }),
    });
    expect(checkin.status).toBe(200);
    expect(((await checkin.json()) as { result: string }).result).toBe('checked_in');

    // Badges are a lazy import of the organizer bundle, with the fonts copied beside it.
    const badge = await api(`/api/admin/badges.pdf?layout=a6&ids=${registration.id}`, { headers: organizer });
    expect(badge.status).toBe(200);
    expect(badge.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await badge.arrayBuffer());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(
      pdfFonts(pdf)
        .map(({ name }) => name.replace(/^[A-Z]{6}\+/, ''))
        .sort(),
    ).toEqual(['NotoSansSC-Bold', 'NotoSansSC-Regular']);

    // The message that it awaits approval and the one that it is confirmed, through the SES stand-in.
    const messages = await waitForEmls(dataDirectory, email, 2);
    expect(messages.join('\n')).toMatch(/^Message-ID: </im);
  });

  it('takes a resident’s report with a photo, shows it on the follow link and to staff, and mails the reply', async () => {
    const photo = await readFile(join(import.meta.dirname, '../fixtures/photos/gps-exif.jpg'));
    const upload = await api('/api/resident-affairs/photos', {
      method: 'POST',
      headers: { 'content-type': 'image/jpeg' },
      body: photo,
    });
    expect(upload.status).toBe(201);
    const { upload_id } = (await upload.json()) as { upload_id: string };
    // Form-encoded, as Open311 clients send it.
    const form = new URLSearchParams({
      service_code: 'rubbish',
      description: 'Bags torn open by the bridge.',
      lat: '30.7452',
      long: '120.4871',
      email: 'villager@example.cn',
      'media_ids[]': upload_id,
      altcha: await fetchSolution(portal.url, 'resident-request'),
    });
    const created = await api('/api/open311/v2/requests.json', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    expect(created.status).toBe(201);
    const [{ service_request_id: id, follow_token: token }] = (await created.json()) as [
      { service_request_id: string; follow_token: string },
    ];

    const followed = await api('/api/resident-affairs/follow', {
      headers: { authorization: `Bearer ${token}` },
    });
    const { photos } = (await followed.json()) as { photos: Array<{ url: string }> };
    const shown = await api(photos[0]?.url ?? '');
    expect(shown.status).toBe(200);
    expect(shown.headers.get('content-type')).toBe('image/jpeg');

    const staff = { authorization: `Bearer ${await signOrganizerToken(dataDirectory, 'resident-affairs')}` };
    const queue = await api('/api/admin/affairs/queue', { headers: staff });
    expect(((await queue.json()) as { items: Array<{ id: string }> }).items.map((item) => item.id)).toContain(
      id,
    );
    const noted = await api(`/api/admin/affairs/requests/${id}/notes`, {
      method: 'POST',
      headers: { ...staff, ...json },
      body: JSON.stringify({
        visibility: 'public',
        text: 'Sanitation is on its way.',
        expectedState: 'submitted',
      }),
    });
    expect(noted.status).toBe(200);
    const [reply] = await waitForEmls(dataDirectory, id, 1);
    expect(reply).toContain('villager@example.cn');
  });
});
