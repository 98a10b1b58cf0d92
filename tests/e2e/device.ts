// What the device keeps of what is being typed on a form's open page (IndexedDB `loket`).
import type { Page } from '@playwright/test';

/**
 * The typed values the device keeps for a process's form, or null. It never creates the
 * database: opened before the page's script has made it (a slow start), an open without a version
 * would make an empty version 1, and the app's own open at version 1 would then find no stores and
 * keep nothing. So that upgrade is aborted and the answer is "nothing yet".
 */
export const typedOnDevice = (page: Page, processId: string) =>
	page.evaluate(
		(id) =>
			new Promise<Record<string, unknown> | null>((resolve, reject) => {
				const open = indexedDB.open('loket');
				let made = false;
				open.onupgradeneeded = () => {
					made = true;
					open.transaction?.abort();
				};
				open.onerror = () => (made ? resolve(null) : reject(open.error));
				open.onsuccess = () => {
					const db = open.result;
					if (!db.objectStoreNames.contains('drafts')) {
						db.close();
						resolve(null);
						return;
					}
					const get = db.transaction('drafts').objectStore('drafts').get(id);
					get.onsuccess = () => {
						db.close();
						resolve((get.result?.pending?.values as Record<string, unknown>) ?? null);
					};
					get.onerror = () => reject(get.error);
				};
			}),
		processId
	);
