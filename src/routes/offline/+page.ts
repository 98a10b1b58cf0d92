// Built once and precached by the service worker: shown when a page cannot be reached offline.
export const prerender = true;
