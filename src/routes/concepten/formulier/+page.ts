// A form filled in on the device (see FormFiller): built once as an empty shell, precached by the
// service worker, which sends a form opened without a connection here; runs from IndexedDB.
export const prerender = true;
export const ssr = false;
