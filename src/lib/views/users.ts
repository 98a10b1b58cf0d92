// Accounts as the admin's pages show them.

/** Where an account stands, as one word for the list. */
export type UserStatus = 'active' | 'unverified' | 'invited' | 'invitation-expired' | 'closed';
