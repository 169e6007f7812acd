import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { defaultFirstResponseTargetMinutes } from '../../functions/domain/resident-affairs/lifecycle.ts';
import { defaultApiRequestsPerFiveMinutes, portalConfig } from '../../infra/config.ts';

/** The configuration `cdk` would read with this context (cdk.json's values and `-c key=value`). */
const configWith = (context: Record<string, unknown>) =>
  portalConfig(new App({ context: { mailFrom: 'noreply@wuzhen.example', ...context } }).node);

describe('the stack configuration', () => {
  it('defaults the firewall rate and resident affairs’ target and retention', () => {
    expect(configWith({})).toMatchObject({
      stage: 'dev',
      apiRequestsPerFiveMinutes: defaultApiRequestsPerFiveMinutes,
      firstResponseTargetMinutes: defaultFirstResponseTargetMinutes,
      residentAffairsRetentionDays: 180,
    });
  });

  it('takes whole numbers as text (-c key=value) or as numbers (cdk.json)', () => {
    expect(
      configWith({
        firstResponseTargetMinutes: '45',
        residentAffairsRetentionDays: 90,
        apiRequestsPerFiveMinutes: 1500,
      }),
    ).toMatchObject({
      firstResponseTargetMinutes: 45,
      residentAffairsRetentionDays: 90,
      apiRequestsPerFiveMinutes: 1500,
    });
    expect(configWith({ firstResponseTargetMinutes: ' ' }).firstResponseTargetMinutes).toBe(
      defaultFirstResponseTargetMinutes,
    );
  });

  it('refuses anything but a whole number at or above each setting’s minimum, naming the setting', () => {
    expect(() => configWith({ firstResponseTargetMinutes: '0' })).toThrow(
      'Context "firstResponseTargetMinutes" is 0: give a whole number of at least 1.',
    );
    expect(() => configWith({ residentAffairsRetentionDays: 'half a year' })).toThrow(
      /"residentAffairsRetentionDays" is half a year/,
    );
    expect(() => configWith({ residentAffairsRetentionDays: 1.5 })).toThrow(/residentAffairsRetentionDays/);
    expect(() => configWith({ apiRequestsPerFiveMinutes: '9' })).toThrow(/at least 10/);
  });
});
