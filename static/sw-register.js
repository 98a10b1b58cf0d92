// Registers Loket's service worker on pages rendered without kit's client (the product pages,
// `csr = false`), as UpdatePrompt.svelte does on the others: once the page has loaded and the
// browser is idle, so the worker's first download never competes with the page itself.
if ('serviceWorker' in navigator) {
	const register = () =>
		navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => undefined);
	const idle = () =>
		'requestIdleCallback' in window
			? requestIdleCallback(register, { timeout: 3000 })
			: setTimeout(register, 1000);
	if (document.readyState === 'complete') idle();
	else addEventListener('load', idle, { once: true });
}
