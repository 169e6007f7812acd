import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type DrillResult, runFaultDrill } from '../support/fault-drill.ts';
import { expectInvariants } from '../support/invariants.ts';

let dataDirectory: string | undefined;
let drill: DrillResult | undefined;

afterAll(async () => {
  await drill?.portal.stop();
  if (dataDirectory) await rm(dataDirectory, { recursive: true, force: true });
});

describe('database fault drill: DynamoDB Local paused, then killed, under registration load', () => {
  it('answers every request with 201 or a quick 503, and loses or invents nothing', async () => {
    dataDirectory = await mkdtemp(join(tmpdir(), 'portal-drill-'));
    drill = await runFaultDrill({
      dataDirectory,
      concurrency: 12,
      beforePauseMs: 2000,
      pauseMs: 3000,
      beforeKillMs: 2000,
      hangAfterMs: 5000,
      smallCapacity: 5,
    });
    const { requests, figures, registrationItems } = drill;
    console.log('database fault drill:', JSON.stringify(figures));

    // Every answer during the load is 201 or 503 with retry-after, within about a second.
    const answers = requests
      .flatMap((request) => request.attempts)
      .filter((a) => typeof a.status === 'number');
    expect(figures.hangs).toBe(0);
    expect(answers.filter((a) => a.phase === 'load' && a.status !== 201 && a.status !== 503)).toEqual([]);
    expect(answers.filter((a) => a.status === 503 && a.retryAfter === null)).toEqual([]);
    // About a second: one 900 ms database attempt, plus up to 600 ms queued at the local gateway's
    // concurrency cap; the margin is for a 2-core machine running the JVM, the portal and this test.
    expect(figures.maxLatencyMs).toBeLessThan(2500);
    expect(figures.loadAnswered201).toBeGreaterThan(0);
    expect(figures.loadAnswered503).toBeGreaterThan(0);

    // After the restart every request got its final answer, on retry with the same key.
    expect(requests.filter((request) => !request.answer).map((request) => request.key)).toEqual([]);

    // The table: invariants, and exactly the registrations clients were told about.
    expectInvariants(registrationItems);
    const stored = registrationItems.filter((item) => String(item.pk).startsWith('REGISTRATION#'));
    const storedIds = stored.map((item) => String(item.id));
    expect(new Set(storedIds).size).toBe(storedIds.length);
    const answeredIds = requests.map((request) => request.answer?.id).filter((id) => id !== undefined);
    expect(new Set(answeredIds).size, 'one registration per request').toBe(answeredIds.length);
    // DynamoDB Local answers a write a few milliseconds before it is on disk: without the portal in
    // between, a write it acknowledged up to 8 ms before a SIGKILL was gone after the restart in about
    // half of 17 trials (one write at most). DynamoDB acknowledges only durable writes. So a
    // registration answered at the moment of the kill may be missing, wholly (the invariants above
    // hold); any other answered registration must be there, and nothing unanswered may be. The
    // client hears the 201 after the portal and an HTTP hop, which a loaded machine stretches, so
    // "at the moment" is within 250 ms of the kill.
    const { killedAt } = drill.faults;
    const lostByDynamoDbLocal = requests.filter(
      (request) => request.answer && !storedIds.includes(request.answer.id),
    );
    for (const request of lostByDynamoDbLocal) {
      const answeredAt = request.attempts.find((attempt) => attempt.status === 201)?.endedAt ?? 0;
      expect(
        Math.abs(answeredAt - killedAt),
        `${request.answer?.id} answered away from the kill`,
      ).toBeLessThan(250);
    }
    const lostIds = new Set(lostByDynamoDbLocal.map((request) => request.answer?.id));
    expect([...storedIds].sort()).toEqual(answeredIds.filter((id) => !lostIds.has(id)).sort());
    expect(figures.waitlisted).toBeGreaterThan(0);

    // Invariant 6: no personal data in the portal's output.
    const logs = drill.logs;
    for (const request of requests) {
      for (const value of [request.body.email, request.body.name, request.body.organization])
        expect(logs.includes(String(value)), `log holds ${value}`).toBe(false);
      if (request.answer) expect(logs.includes(request.answer.manageToken)).toBe(false);
    }
  }, 170_000);
});
