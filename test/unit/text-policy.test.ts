import { describe, expect, it } from 'vitest';
import { freeText, optionalFreeText, textPolicyProblem } from '../../functions/contract/text.ts';

const name = freeText({ max: 20 });
const comment = freeText({ max: 200, multiline: true });
const organization = optionalFreeText({ max: 20 });

describe('the text policy', () => {
  it('accepts ordinary text in any script, marks and emoji included', () => {
    for (const text of ['Li Wei', '李伟', 'Zoë Ångström', 'नमस्ते', '👩🏽‍💻 Ada', 'O’Brien-Smith', 'ﾊﾟｿｺﾝ']) {
      expect(name.safeParse(text).success, text).toBe(true);
    }
  });

  it('refuses control characters, NUL and DEL and C1 included', () => {
    for (const text of [
      'Li\u0000Wei',
      'Li\u0007Wei',
      'Li\u007FWei',
      'Li\u0085Wei',
      'Li\u009BWei',
      'Li\tWei',
    ]) {
      expect(textPolicyProblem(text), JSON.stringify(text)).toMatch(/control character/);
      expect(name.safeParse(text).success).toBe(false);
    }
  });

  it('allows line breaks only where a field is multi-line', () => {
    expect(name.safeParse('Li\nWei').success).toBe(false);
    expect(name.safeParse('Li\r\nWei').success).toBe(false);
    expect(name.safeParse('Li\u2028Wei').success).toBe(true);
    expect(comment.safeParse('Quiet rooms.\nFast Wi-Fi.\r\nGood tea.').data).toBe(
      'Quiet rooms.\nFast Wi-Fi.\r\nGood tea.',
    );
    expect(comment.safeParse('Quiet\u0000rooms').success).toBe(false);
  });

  it('refuses bidirectional overrides and isolates', () => {
    for (const code of [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]) {
      const text = `admin${String.fromCodePoint(code)}gpj.exe`;
      expect(textPolicyProblem(text), code.toString(16)).toMatch(/bidirectional/);
    }
  });

  it('refuses lone surrogates but keeps pairs', () => {
    expect(textPolicyProblem('Li\uD800')).toMatch(/surrogate/);
    expect(textPolicyProblem('\uDC00Li')).toMatch(/surrogate/);
    expect(textPolicyProblem(JSON.parse('"\\ud800"'))).toMatch(/surrogate/);
    expect(textPolicyProblem('𝒜da \uD83D\uDE00')).toBeUndefined();
  });

  it('wants at least one visible character', () => {
    for (const text of [
      '\u200B',
      '\u3164',
      '\u3164\u3164',
      '\u115F\u1160',
      '\uFFA0',
      '\u2800',
      '\u00AD',
      '\u200B \u200C',
      '\u0301',
      '\uFE0F',
    ]) {
      expect(textPolicyProblem(text), JSON.stringify(text)).toBe('has no visible character');
    }
    expect(name.safeParse('   ').error?.issues.map((issue) => issue.message)).toEqual(['is required']);
    expect(name.safeParse('\u200B').error?.issues.map((issue) => issue.message)).toEqual([
      'has no visible character',
    ]);
  });

  it('lets an optional field be blank, and holds it to the policy otherwise', () => {
    expect(organization.safeParse(undefined).success).toBe(true);
    expect(organization.safeParse('').data).toBe('');
    expect(organization.safeParse('  ').data).toBe('');
    expect(organization.safeParse('\u3164').success).toBe(false);
    expect(organization.safeParse('ACME\nCorp').success).toBe(false);
  });

  it('trims and bounds the length', () => {
    expect(name.safeParse('  Li Wei  ').data).toBe('Li Wei');
    expect(name.safeParse('x'.repeat(21)).success).toBe(false);
  });
});
