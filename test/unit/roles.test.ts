import { describe, expect, it } from 'vitest';
import { rolesOf } from '../../functions/http/roles.ts';

const withGroups = (groups: unknown) => ({
  requestContext: { requestId: 'r', authorizer: { jwt: { claims: { 'cognito:groups': groups } } } },
});

describe('rolesOf', () => {
  it.each([
    ['API Gateway’s flattened array', '[organizer checkin]', ['organizer', 'checkin']],
    ['a flattened array of one', '[checkin]', ['checkin']],
    ['a flattened array with other groups', '[volunteers organizer]', ['organizer']],
    ['a plain array', ['organizer', 'checkin'], ['organizer', 'checkin']],
    ['a flattened empty array', '[]', []],
    ['an empty array', [], []],
  ])('reads %s', (_what, groups, roles) => {
    expect(rolesOf(withGroups(groups))).toEqual(roles);
  });

  it.each([
    ['a bare group', 'organizer'],
    ['a space-separated string', 'organizer checkin'],
    ['a comma-separated string', 'organizer,checkin'],
    ['a comma-and-space-separated string', 'organizer, checkin'],
    ['commas between brackets', '[organizer,checkin]'],
    ['two spaces between brackets', '[checkin  organizer]'],
    ['a tab between brackets', '[checkin\torganizer]'],
    ['a space after the bracket', '[ organizer]'],
    ['a newline after the closing bracket', '[organizer]\n'],
    ['an opening bracket only', '[organizer'],
    ['a closing bracket only', 'organizer]'],
    ['JSON text', '["organizer"]'],
    ['an array holding an array', [['organizer']]],
    ['an array holding a number', ['organizer', 1]],
    ['a number', 1],
    ['an object', { organizer: true }],
    ['nothing', undefined],
  ])('takes no role from %s', (_what, groups) => {
    expect(rolesOf(withGroups(groups))).toEqual([]);
  });

  it('takes no role without an authorizer', () => {
    expect(rolesOf({ requestContext: { requestId: 'r' } })).toEqual([]);
  });
});
