// The device's own drafts and queued submissions: built once as an empty shell (precached by the
// service worker) and filled in the browser from IndexedDB, with or without a connection.
export const prerender = true;
export const ssr = false;
