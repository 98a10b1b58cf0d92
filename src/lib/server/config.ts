// The one reader of environment variables in the server. Parsed once, on first use, so that a
// bad value stops start-up with a clear message (see startup.ts).
import { env } from '$env/dynamic/private';
import { parseConfig, type Config } from './config-schema';

let current: Config | undefined;

export function getConfig(): Config {
	current ??= parseConfig(env);
	return current;
}
