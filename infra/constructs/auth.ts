import { Duration, Lazy, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
  UserPoolGroup,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { type Role, staffRoles } from '../../functions/domain/staff-roles.ts';

export interface AuthProps {
  stage: string;
  /** Where the organizer pages are served, e.g. "https://portal.example.org". */
  siteOrigin: string;
  domainPrefix: string;
  retainUsers: boolean;
}

/** One Cognito group per staff role: a role added in the code does not compile until it has its group. */
const staffGroups: Record<Role, { id: string; description: string }> = {
  organizer: {
    id: 'OrganizerGroup',
    description: 'Manages registrations, categories and reviews; checks attendees in.',
  },
  checkin: { id: 'CheckinGroup', description: 'Checks attendees in at the door, nothing else.' },
  'resident-affairs': {
    id: 'ResidentAffairsGroup',
    description:
      "Works the town's resident-affairs queue: reads requests with their contact and photos, answers them.",
  },
};

/** The organizers' sign-in pages of the site. */
const organizerPages = ['/organizer/', '/organizer/checkin/'];
/** `npm start` serves the site here; a dev pool lets it sign in against the real pool too. */
const localOrigin = 'http://127.0.0.1:4321';

/**
 * Organizers and check-in staff sign in through Cognito's hosted UI. Accounts are invited by an
 * administrator only; the groups become the `cognito:groups` claim the API's roles are read from.
 */
export class Auth extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly domain: UserPoolDomain;
  /** The JWT issuer the API's authorizer trusts. */
  readonly issuer: string;

  constructor(scope: Construct, id: string, props: AuthProps) {
    super(scope, id);
    this.userPool = new UserPool(this, 'Organizers', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // Organizers see every attendee's personal data: a password alone is not enough.
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      // Threat protection (compromised credentials, risky sign-ins) needs the Plus plan; with a few
      // dozen organizer accounts it costs cents a month.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: props.retainUsers,
      removalPolicy: props.retainUsers ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    for (const groupName of staffRoles) {
      const { id, description } = staffGroups[groupName];
      new UserPoolGroup(this, id, { userPool: this.userPool, groupName, description });
    }

    this.domain = this.userPool.addDomain('HostedUi', {
      cognitoDomain: { domainPrefix: props.domainPrefix },
    });

    // Resolved late: the site's origin is known only once the site construct exists, and may be
    // the local origin itself (a dev stack without a site), which must not be listed twice.
    const pageUrls = Lazy.list({
      produce: () => {
        const origins = new Set([String(Stack.of(this).resolve(props.siteOrigin))]);
        if (props.stage === 'dev') origins.add(localOrigin);
        return [...origins].flatMap((origin) => organizerPages.map((page) => `${origin}${page}`));
      },
    });
    // A single-page client in the browser: authorization code with PKCE, no secret to leak.
    this.client = this.userPool.addClient('OrganizerPages', {
      generateSecret: false,
      authFlows: { userSrp: true },
      preventUserExistenceErrors: true,
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: pageUrls,
        logoutUrls: pageUrls,
      },
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      // A check-in shift or an afternoon of approvals without signing in again, but not a week.
      refreshTokenValidity: Duration.hours(12),
      enableTokenRevocation: true,
    });

    const { region, urlSuffix } = Stack.of(this);
    this.issuer = `https://cognito-idp.${region}.${urlSuffix}/${this.userPool.userPoolId}`;
  }
}
