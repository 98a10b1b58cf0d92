// Site settings shown on every page (the municipality's name). Read from the configuration for
// now; the admin settings page will store them in the database.
import type { PasswordLogin } from './auth/password-login';
import { getConfig } from './config';

export type SiteSettings = { municipalityName: string };

export function getSiteSettings(): SiteSettings {
	return { municipalityName: getConfig().municipalityName };
}

/** Who may sign in with a password (PASSWORD_LOGIN): both by default. */
export function getPasswordLogin(): PasswordLogin {
	return getConfig().passwordLogin;
}
