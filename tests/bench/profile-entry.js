// The built server (`node build`) under the V8 sampling profiler, for bench:cpu:
//   PROFILE_OUT=/tmp/form.cpuprofile npm run bench:cpu -- --entry tests/bench/profile-entry.js --only form
// writes the profile when the benchmark stops the server (SIGTERM); open it in Chrome's DevTools
// (Performance). `node --cpu-prof` cannot be passed through NODE_OPTIONS, hence this wrapper.
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 200 });
await session.post('Profiler.start');
process.once('SIGTERM', async () => {
	const { profile } = await session.post('Profiler.stop');
	writeFileSync(process.env.PROFILE_OUT ?? '/tmp/server.cpuprofile', JSON.stringify(profile));
	process.exit(0);
});
// Not a literal path: the type checker would follow it into the build.
await import(new URL('../../build/index.js', import.meta.url).href);
