/** The staff roles: the Cognito groups (infra/constructs/auth.ts) whose tokens open `/api/admin/*`. */
export const staffRoles = ['organizer', 'checkin', 'resident-affairs'] as const;
export type Role = (typeof staffRoles)[number];

export const isRole = (value: string): value is Role => (staffRoles as readonly string[]).includes(value);
