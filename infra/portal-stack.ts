import { CfnOutput, Lazy, Stack, type StackProps } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import type { Construct } from 'constructs';
import { defaultProofOfWorkSettings } from '../functions/domain/proof-of-work.ts';
import { defaultResidentAffairsRetentionDays } from '../functions/domain/resident-affairs/anonymise.ts';
import { defaultFirstResponseTargetMinutes } from '../functions/domain/resident-affairs/lifecycle.ts';
import { defaultApiRequestsPerFiveMinutes, type PortalConfig } from './config.ts';
import { Api } from './constructs/api.ts';
import { Auth } from './constructs/auth.ts';
import { Data } from './constructs/data.ts';
import { Mail } from './constructs/mail.ts';
import { Monitoring } from './constructs/monitoring.ts';
import { OriginSecret } from './constructs/origin-secret.ts';
import { Photos } from './constructs/photos.ts';
import { Retention } from './constructs/retention.ts';
import { Seed } from './constructs/seed.ts';
import { Site } from './constructs/site.ts';

/** The firewall's rate, the proof-of-work settings and resident affairs' times may be left to their defaults. */
type Defaulted =
  | 'apiRequestsPerFiveMinutes'
  | 'proofOfWork'
  | 'firstResponseTargetMinutes'
  | 'residentAffairsRetentionDays';

export interface PortalStackProps
  extends StackProps,
    Omit<PortalConfig, Defaulted>,
    Partial<Pick<PortalConfig, Defaulted>> {
  /** The built site to deploy; site/dist/client unless a test passes a small fixture. */
  siteAssetPath?: string;
}

export class PortalStack extends Stack {
  readonly config: PortalConfig;
  readonly data: Data;
  readonly auth: Auth;
  readonly api: Api;
  readonly mail: Mail;
  readonly seed: Seed;
  readonly retention: Retention;
  readonly photos: Photos;
  readonly monitoring: Monitoring;
  readonly site: Site;
  /** The API's URL (https://<id>.execute-api.<region>.amazonaws.com) and host name: CloudFront's /api/* origin. */
  readonly apiUrl: string;
  readonly apiDomainName: string;
  /** The hosted UI (https://<prefix>.auth.<region>.amazoncognito.com) and the organizer pages' client. */
  readonly authUrl: string;
  readonly userPoolClientId: string;
  /**
   * Where the site is served: `https://<domainName>`, or the CloudFront domain the site construct
   * reports through `serveSiteFrom`. Mail links and sign-in redirects point here.
   */
  readonly siteOrigin: string;
  #siteDomainName: string | undefined;

  constructor(scope: Construct, id: string, props: PortalStackProps) {
    super(scope, id, props);
    const { stage } = props;
    this.config = {
      stage,
      domainName: props.domainName,
      certificateArn: props.certificateArn,
      mailFrom: props.mailFrom,
      alarmEmail: props.alarmEmail,
      authDomainPrefix: props.authDomainPrefix,
      webAclArn: props.webAclArn,
      apiRequestsPerFiveMinutes: props.apiRequestsPerFiveMinutes ?? defaultApiRequestsPerFiveMinutes,
      proofOfWork: props.proofOfWork ?? defaultProofOfWorkSettings,
      firstResponseTargetMinutes: props.firstResponseTargetMinutes ?? defaultFirstResponseTargetMinutes,
      residentAffairsRetentionDays: props.residentAffairsRetentionDays ?? defaultResidentAffairsRetentionDays,
    };
    const keep = stage !== 'dev';
    this.#siteDomainName = props.domainName;
    // Resolved at synthesis, after the site construct has said which domain serves the site; until
    // one does (no domainName, no site wired), links point at the local server's origin.
    this.siteOrigin = Lazy.string({
      produce: () => (this.#siteDomainName ? `https://${this.#siteDomainName}` : 'http://127.0.0.1:4321'),
    });

    this.data = new Data(this, 'Data', { retainData: keep });
    const originSecret = new OriginSecret(this, 'OriginSecret');
    const { tables } = this.data;
    this.auth = new Auth(this, 'Auth', {
      stage,
      siteOrigin: this.siteOrigin,
      domainPrefix: props.authDomainPrefix,
      retainUsers: keep,
    });
    this.api = new Api(this, 'Api', {
      tables,
      siteOrigin: this.siteOrigin,
      jwtIssuer: this.auth.issuer,
      jwtAudience: this.auth.client.userPoolClientId,
      originSecret: originSecret.value,
      proofOfWork: this.config.proofOfWork,
      firstResponseTargetMinutes: this.config.firstResponseTargetMinutes,
      retainLogs: keep,
    });
    this.mail = new Mail(this, 'Mail', {
      tables,
      mailFrom: props.mailFrom,
      siteOrigin: this.siteOrigin,
      checkinSigningSecret: this.api.checkinSigningSecret,
      retainLogs: keep,
    });
    this.seed = new Seed(this, 'Seed', { tables, after: [this.data], retainLogs: keep });
    this.retention = new Retention(this, 'Retention', {
      tables,
      residentAffairsRetentionDays: this.config.residentAffairsRetentionDays,
      retainLogs: keep,
    });
    this.photos = new Photos(this, 'Photos', {
      retentionDays: this.config.residentAffairsRetentionDays,
      retainData: keep,
    });
    this.photos.grantResidentUse(this.api.functions.residentAffairs);
    this.photos.grantRetention(this.retention.function);
    this.photos.grantStaffView(this.api.functions.residentAffairsStaff);
    this.monitoring = new Monitoring(this, 'Monitoring', {
      dashboardName: `wuzhen-portal-${stage}`,
      api: this.api.httpApi,
      functions: { ...this.api.functions, mailer: this.mail.mailer, shredder: this.retention.function },
      apiServices: Object.keys(this.api.functions),
      deadLetterQueue: this.mail.deadLetterQueue,
      alarmEmail: props.alarmEmail,
    });

    this.site = new Site(this, 'Site', {
      apiDomainName: this.api.domainName,
      originSecret: originSecret.value,
      siteAssetPath: props.siteAssetPath,
      domainName: props.domainName,
      webAclArn: props.webAclArn,
      certificate: props.certificateArn
        ? Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn)
        : undefined,
      signIn: {
        hostedUiDomain: `${this.auth.domain.domainName}.auth.${this.region}.amazoncognito.com`,
        clientId: this.auth.client.userPoolClientId,
      },
    });
    this.serveSiteFrom(this.site.distribution.distributionDomainName);

    this.apiUrl = this.api.httpApi.apiEndpoint;
    this.apiDomainName = this.api.domainName;
    this.authUrl = this.auth.domain.baseUrl();
    this.userPoolClientId = this.auth.client.userPoolClientId;
    new CfnOutput(this, 'SiteUrl', { value: this.site.url });
    new CfnOutput(this, 'UserPoolId', { value: this.auth.userPool.userPoolId });
    new CfnOutput(this, 'ApiUrl', { value: this.apiUrl });
    new CfnOutput(this, 'AuthUrl', { value: this.authUrl });
    new CfnOutput(this, 'UserPoolClientId', { value: this.userPoolClientId });
  }

  /**
   * The site construct calls this with the CloudFront distribution's domain name when no custom
   * `domainName` is configured, so mail links and sign-in redirects point at the deployed site.
   */
  serveSiteFrom(distributionDomainName: string): void {
    this.#siteDomainName ??= distributionDomainName;
  }
}
