import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

export interface WebFirewallProps {
  /** Requests to /api/* one client address may send in any five minutes before it is blocked. */
  apiRequestsPerFiveMinutes: number;
  /** Prefix of the CloudWatch metric names (one metric per rule). */
  metricPrefix: string;
}

const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  metricName,
  sampledRequestsEnabled: true,
});

/**
 * The CloudFront distribution's web ACL (HTTP APIs cannot take one). Scope CLOUDFRONT: AWS accepts
 * it only in us-east-1, so it lives in its own stack there (infra/firewall-stack.ts), as the
 * certificate does, and the portal stack takes its ARN (`webAclArn`).
 *
 * - A rate-based rule on /api/* per client address: a backstop against floods far above anything
 *   a delegation does (the proof of work prices registrations long before it; pages are not
 *   counted, so a hotel full of visitors browsing stays unaffected).
 * - AWS's common rule set, except its 8 KB body size rule, which only counts: the API admits
 *   bodies up to 16 KB (functions/contract/registrations.ts) and answers 413 itself beyond a route's
 *   limit, and a review of 2,000 Chinese characters is already 6 KB of UTF-8.
 * - AWS's known-bad-inputs rule set (Log4j, Java deserialization, localhost Host headers, …).
 *
 * Metrics and sampled requests, no full logging: WAF logs would hold every client's address.
 */
export class WebFirewall extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: WebFirewallProps) {
    super(scope, id);
    const metric = (name: string) => `${props.metricPrefix}-${name}`;
    const managed = (
      priority: number,
      name: string,
      overrides: CfnWebACL.RuleActionOverrideProperty[] = [],
    ): CfnWebACL.RuleProperty => ({
      name,
      priority,
      overrideAction: { none: {} },
      statement: {
        managedRuleGroupStatement: {
          vendorName: 'AWS',
          name,
          ...(overrides.length ? { ruleActionOverrides: overrides } : {}),
        },
      },
      visibilityConfig: visibility(metric(name)),
    });

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      description: 'Wuzhen portal: rate limit on /api/*, AWS common and known-bad-inputs rules',
      visibilityConfig: visibility(metric('all')),
      rules: [
        {
          name: 'ApiRequestsPerAddress',
          priority: 0,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              limit: props.apiRequestsPerFiveMinutes,
              evaluationWindowSec: 300,
              aggregateKeyType: 'IP',
              scopeDownStatement: {
                byteMatchStatement: {
                  fieldToMatch: { uriPath: {} },
                  positionalConstraint: 'STARTS_WITH',
                  searchString: '/api/',
                  textTransformations: [{ priority: 0, type: 'NONE' }],
                },
              },
            },
          },
          visibilityConfig: visibility(metric('api-rate')),
        },
        managed(1, 'AWSManagedRulesCommonRuleSet', [
          { name: 'SizeRestrictions_BODY', actionToUse: { count: {} } },
        ]),
        managed(2, 'AWSManagedRulesKnownBadInputsRuleSet'),
      ],
    });
  }
}
