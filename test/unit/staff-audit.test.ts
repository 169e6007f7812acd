import { describe, expect, it } from 'vitest';
import { loadPrivacyNotice } from '../../content/load.ts';
import { organizerRoutes } from '../../functions/api/organizer.ts';
import { defaultAuditRetentionDays } from '../../functions/domain/audit.ts';
import { json } from '../../functions/http/response.ts';
import { routeHandler } from '../../functions/http/route-handler.ts';
import { contract } from '../../functions/routes.ts';
import { memoryStores } from '../../functions/store/memory/stores.ts';
import { withAuthorizerClaims } from '../../local/gateway-event.ts';
import { apiEvent } from '../support/events.ts';

const stores = memoryStores();
const staffAudit = {
  store: stores.audit,
  addressKey: async () => 'unit-address-key',
  now: () => new Date('2027-11-08T01:00:00Z'),
  retentionDays: 730,
};
const noContext = async () => {
  throw new Error('not reached');
};

const organizerEvent = (method: string, url: string) => {
  const event = apiEvent(method, url);
  withAuthorizerClaims(event, { 'cognito:groups': ['organizer'], sub: 'unit-organizer' });
  return event;
};

describe('the route handler and the audit trail', () => {
  it('refuses to serve staff routes without an audit trail to write to', () => {
    expect(() => routeHandler(contract, organizerRoutes(noContext, stores.audit))).toThrow(/audit/);
  });

  it("answers 500, not the route's answer, when a staff route made no audit entry", async () => {
    const forgetful = routeHandler(
      contract,
      { 'GET /api/admin/stats': async () => json(200, { secret: 'figures' }) },
      staffAudit,
    );
    const answer = await forgetful(organizerEvent('GET', '/api/admin/stats'));
    expect(answer.statusCode).toBe(500);
    expect(String(answer.body)).not.toContain('figures');
  });

  it('gives a staff route the audit of its request: who, from where (hashed), when, kept two years', async () => {
    const recording = routeHandler(
      contract,
      {
        'GET /api/admin/stats': async (_request, _event, audit) => {
          await audit.record({ filter: { edition: '2027', unset: undefined } });
          return json(200, {});
        },
      },
      staffAudit,
    );
    expect((await recording(organizerEvent('GET', '/api/admin/stats'))).statusCode).toBe(200);
    const { items } = await stores.audit.list({ limit: 10 });
    expect(items).toEqual([
      {
        id: expect.any(String),
        at: '2027-11-08T01:00:00.000Z',
        actor: 'unit-organizer',
        groups: ['organizer'],
        action: 'statistics.read',
        outcome: 'succeeded',
        registrationIds: [],
        filter: { edition: '2027' },
        requestId: expect.any(String),
        clientHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        expiresAt: Date.parse('2029-11-07T01:00:00Z') / 1000,
      },
    ]);
  });

  it('keeps entries as long as the privacy notice says', async () => {
    expect(defaultAuditRetentionDays).toBe((await loadPrivacyNotice()).auditRetentionDays);
  });
});
