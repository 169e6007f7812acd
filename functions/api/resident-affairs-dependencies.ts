import type { LocalizedText } from '../../content/schemas/localized.ts';
import type { ProofOfWork } from '../domain/challenges.ts';
import type { LatLon } from '../domain/geo.ts';
import type { AnonymiseDependencies } from '../domain/resident-affairs/anonymise.ts';
import type { SubmitDependencies } from '../domain/resident-affairs/submit-request.ts';
import type { RateLimiter } from '../store/rate-limiter.ts';

/** A town guide venue as a request's landmark needs it. */
export interface Landmark {
  location: LatLon;
  name: LocalizedText;
}

/** What the public resident-affairs routes need; functions/handlers/wiring.ts builds it. */
export interface ResidentAffairsDependencies extends SubmitDependencies, AnonymiseDependencies {
  rateLimiter: RateLimiter;
  /** The key photo view URLs are signed with. */
  photoViewSecret: () => Promise<string>;
  proofOfWork: () => Promise<ProofOfWork>;
  findLandmark: (venueId: string) => Promise<Landmark | undefined>;
}
