// How the process pages name things: version states and sources in the interface language, and
// dates and times the Belgian way.
import { m } from '$lib/i18n';
import type { ProcessVersionSource, ProcessVersionStatus } from '$lib/views/processes';

const statusLabels: Record<ProcessVersionStatus, () => string> = {
	draft: m.procStatusDraft,
	published: m.procStatusPublished,
	retired: m.procStatusRetired
};

const sourceLabels: Record<ProcessVersionSource, () => string> = {
	library: m.procSourceLibrary,
	builder: m.procSourceBuilder,
	import: m.procSourceImport
};

export const statusLabel = (status: ProcessVersionStatus) => statusLabels[status]();
export const sourceLabel = (source: ProcessVersionSource) => sourceLabels[source]();

export { formatDateTime } from '$lib/i18n';
