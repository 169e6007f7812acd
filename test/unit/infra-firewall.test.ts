import { App, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { registrationsContract } from '../../functions/contract/registrations.ts';
import { FirewallStack } from '../../infra/firewall-stack.ts';

function synthesize() {
  const app = new App();
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const stack = new FirewallStack(app, 'Test-firewall', { stage: 'prod', apiRequestsPerFiveMinutes: 750 });
  return { app, stack, template: Template.fromStack(stack) };
}

const { app, stack, template } = synthesize();
const webAcl = () => {
  const found = Object.values(template.findResources('AWS::WAFv2::WebACL'));
  expect(found).toHaveLength(1);
  return (found[0] as { Properties: { Rules: Array<Record<string, unknown>> } }).Properties;
};
const rule = (name: string) => webAcl().Rules.find((each) => each.Name === name);

describe('the CloudFront web ACL', () => {
  it('lives in us-east-1 with scope CLOUDFRONT, as AWS requires for a distribution', () => {
    expect(stack.region).toBe('us-east-1');
    template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'CLOUDFRONT',
      DefaultAction: { Allow: {} },
    });
    template.hasOutput('WebAclArn', { Value: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] } });
  });

  it('blocks an address past the configured rate on /api/* only', () => {
    expect(rule('ApiRequestsPerAddress')).toMatchObject({
      Action: { Block: {} },
      Statement: {
        RateBasedStatement: {
          Limit: 750,
          AggregateKeyType: 'IP',
          EvaluationWindowSec: 300,
          ScopeDownStatement: {
            ByteMatchStatement: {
              FieldToMatch: { UriPath: {} },
              PositionalConstraint: 'STARTS_WITH',
              SearchString: '/api/',
            },
          },
        },
      },
    });
  });

  it('applies the common and known-bad-inputs rule groups, counting rather than blocking bodies over 8 KB', () => {
    expect(rule('AWSManagedRulesKnownBadInputsRuleSet')).toMatchObject({
      OverrideAction: { None: {} },
      Statement: {
        ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesKnownBadInputsRuleSet' },
      },
    });
    expect(rule('AWSManagedRulesCommonRuleSet')).toMatchObject({
      Statement: {
        ManagedRuleGroupStatement: {
          Name: 'AWSManagedRulesCommonRuleSet',
          RuleActionOverrides: [{ Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } }],
        },
      },
    });
    // Why: the API takes registration bodies up to its own limit, above the rule's 8 KB.
    expect(registrationsContract['POST /api/registrations'].body.maxBytes).toBeGreaterThan(8 * 1024);
  });

  it('publishes metrics and sampled requests for every rule', () => {
    for (const each of webAcl().Rules) {
      expect(each.VisibilityConfig).toMatchObject({
        CloudWatchMetricsEnabled: true,
        SampledRequestsEnabled: true,
      });
    }
  });

  it('leaves no cdk-nag finding, and acknowledges none', () => {
    expect(new AwsSolutionsChecks(app).validateScope(app).violations).toEqual([]);
    const acknowledged = app.node
      .findAll()
      .flatMap((construct) => construct.node.metadata)
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY);
    expect(acknowledged).toEqual([]);
  });
});
