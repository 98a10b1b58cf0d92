// The person as an identity provider (eID, itsme through ACM/IDM) vouched for them when they
// signed in: the form shows these as confirmed and the server refuses a post that changes them.

export type VerifiedIdentity = {
	givenName: string;
	familyName: string;
	/** 11 digits, checked (mod 97); absent where the provider gives none. */
	nationalNumber?: string;
	/** yyyy-mm-dd */
	birthDate?: string;
};
