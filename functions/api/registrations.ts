import { type ProofOfWork, redeemSolution, settleSolution } from '../domain/challenges.ts';
import { formatCheckinCode } from '../domain/checkin-code.ts';
import { type CheckinSigningKey, signCheckinCode } from '../domain/checkin-signing-key.ts';
import { eraseRegistration } from '../domain/erasure.ts';
import { idempotencyRecordId, requestHash } from '../domain/idempotency.ts';
import { personalDataExport } from '../domain/personal-data-export.ts';
import { emailDomain } from '../domain/proof-of-work.ts';
import type { RegistrationContext } from '../domain/registration-context.ts';
import type { Registration } from '../domain/registration-model.ts';
import {
  cancelRegistration,
  findOwnRegistration,
  register,
  registrationWindowProblem,
} from '../domain/registrations.ts';
import { seatsLeft } from '../domain/seat-rules.ts';
import { bearerToken, clientAddress } from '../http/request-info.ts';
import { type HttpResult, invalid, json, notFound, problem } from '../http/response.ts';
import type { Routes } from '../http/route-handler.ts';
import {
  countPromotions,
  countRegistration,
  countRegistrationCreated,
} from '../telemetry/business-metrics.ts';
import { challengeRoute, refusedSolution } from './challenge.ts';
import { earlierRequestProblem } from './idempotency-answers.ts';

const personal = { 'cache-control': 'no-store' };
const noSuchRegistration = () => notFound('There is no registration with this id and token.');
const erased = () =>
  problem({ kind: 'erased', detail: "This registration's personal data has been erased; nothing is kept." });

async function registrationView(context: RegistrationContext, registration: Registration) {
  const category = await context.store.getCategory(context.edition.id, registration.category);
  return {
    ...registration,
    categoryName: category?.name ?? { en: registration.category, zh: registration.category },
  };
}

export function registrationRoutes(
  contextFor: () => Promise<RegistrationContext>,
  proofOfWorkFor: () => Promise<ProofOfWork>,
  /** The edition's check-in signing key: the ticket's QR code carries the signed code. */
  signingKey: (edition: string) => Promise<CheckinSigningKey>,
): Routes<'registrations'> {
  return {
    'GET /api/challenge': challengeRoute(proofOfWorkFor),

    'GET /api/categories': async () => {
      const context = await contextFor();
      const now = context.now();
      const categories = await context.store.listCategories(context.edition.id);
      const items = categories.map(
        ({ id, name, capacity, confirmed, waitlisted, needsApproval, opensAt, closesAt }) => ({
          id,
          name,
          capacity,
          confirmed,
          waitlisted,
          seatsLeft: seatsLeft({ capacity, confirmed, waitlisted }),
          needsApproval,
          ...(opensAt ? { opensAt } : {}),
          ...(closesAt ? { closesAt } : {}),
          open: !registrationWindowProblem({ opensAt, closesAt }, now),
        }),
      );
      return json(200, { edition: context.edition, items }, { 'cache-control': 'public, max-age=10' });
    },

    'POST /api/registrations': async ({ headers, body }, event) => {
      const { altcha, website: _empty, ...input } = body;
      const key = headers['idempotency-key'];
      const client = clientAddress(event);
      // What a retry must repeat is the registration, not the solution: a client that lost the
      // answer may solve a new challenge, and still gets the first answer.
      const registration = JSON.stringify(input);
      // A retry that sends the same solution again passes its claim and reaches the replay.
      const retryKey =
        key === undefined ? undefined : `${idempotencyRecordId(key, client)}:${requestHash(registration)}`;
      const proofOfWork = await proofOfWorkFor();
      const proof = await redeemSolution(
        proofOfWork,
        altcha,
        { purpose: 'registration', domain: emailDomain(input.email) },
        client,
        retryKey,
      );
      if (!proof.ok) return refusedSolution(proof.reason);
      const context = await contextFor();
      const outcome = await register(
        context,
        input,
        key === undefined ? undefined : { key, client, body: registration },
      );
      await settleSolution(
        proofOfWork,
        proof.accepted,
        outcome.kind === 'created' || outcome.kind === 'email_taken' ? 'spent' : 'refused',
      );
      if (outcome.kind === 'created') {
        countRegistrationCreated(outcome.response);
        countPromotions(outcome.promoted);
      }
      if (outcome.kind === 'email_taken') countRegistration('duplicate');
      switch (outcome.kind) {
        case 'created':
        case 'replayed':
          return json(201, outcome.response, personal);
        case 'unknown_category':
          return invalid('Some fields are not valid.', [
            { path: 'category', message: 'is not a registration category of this conference' },
          ]);
        case 'stale_notice':
          return invalid('The page showed a privacy notice that is no longer in force.', [
            { path: 'noticeVersion', message: outcome.detail },
          ]);
        case 'closed':
          return problem({ kind: 'registration-closed', detail: outcome.detail });
        case 'email_taken':
          return problem({
            kind: 'already-registered',
            detail: 'This e-mail address already has a registration for this conference.',
            errors: [{ path: 'email', message: 'already has a registration for this conference' }],
          });
        case 'key_reused':
        case 'in_flight':
          return earlierRequestProblem(outcome.kind);
      }
    },

    'GET /api/registrations/{id}': async ({ path: { id } }, event) => {
      const context = await contextFor();
      const registration = await findOwnRegistration(context, id, bearerToken(event));
      if (!registration) return noSuchRegistration();
      if (registration.erasedAt) return erased();
      return json(200, await registrationView(context, registration), personal);
    },

    'GET /api/registrations/{id}/export': async ({ path: { id } }, event) => {
      const context = await contextFor();
      const registration = await findOwnRegistration(context, id, bearerToken(event));
      if (!registration) return noSuchRegistration();
      if (registration.erasedAt) return erased();
      const data = await personalDataExport(context, id);
      if (!data) return noSuchRegistration();
      return json(200, data, {
        ...personal,
        'content-disposition': `attachment; filename="wuzhen-registration-${id}.json"`,
      });
    },

    'POST /api/registrations/{id}/erasure': async ({ path: { id } }, event) => {
      const context = await contextFor();
      const registration = await findOwnRegistration(context, id, bearerToken(event));
      if (!registration) return noSuchRegistration();
      if (registration.erasedAt) return erased();
      const outcome = await eraseRegistration(context, id, { freeSeat: true });
      if (outcome.kind === 'not_found') return noSuchRegistration();
      if (outcome.kind === 'already_erased') return erased();
      countPromotions(outcome.promoted);
      return json(
        200,
        { status: 'erased', erasedAt: outcome.erasedAt, promoted: outcome.promoted },
        personal,
      );
    },

    'DELETE /api/registrations/{id}': async ({ path: { id } }, event) => {
      const outcome = await cancelRegistration(await contextFor(), id, bearerToken(event));
      if (outcome.kind === 'not_found') return noSuchRegistration();
      if (outcome.kind === 'erased') return erased();
      if (outcome.kind === 'not_cancellable') return problem({ kind: 'conflict', detail: outcome.detail });
      countPromotions(outcome.promoted);
      return json(200, { status: 'cancelled' }, personal);
    },

    'GET /api/registrations/{id}/ticket.svg': async ({ path: { id } }, event): Promise<HttpResult> => {
      const context = await contextFor();
      const registration = await findOwnRegistration(context, id, bearerToken(event));
      if (!registration) return noSuchRegistration();
      if (registration.erasedAt) return erased();
      if (registration.status !== 'confirmed') {
        return problem({
          kind: 'no-ticket',
          detail: `This registration is ${registration.status}; a ticket comes with a confirmed seat.`,
        });
      }
      const label = registration.language === 'zh' ? '入场券' : 'Ticket';
      // The encoder is a lazy import: registering, the hot path, never draws a ticket.
      const { qrCodeSvg } = await import('#qr-code');
      const signedCode = signCheckinCode(await signingKey(registration.edition), registration.code);
      const svg = await qrCodeSvg(signedCode, {
        title: `${label} ${formatCheckinCode(registration.code)}`,
      });
      return { statusCode: 200, headers: { 'content-type': 'image/svg+xml', ...personal }, body: svg };
    },
  };
}
