// A refused upload in words, the same wherever a file is sent (a citizen's reply, a message from
// staff): the file's name and why, with the limits that apply. Called while a post is read, so it
// follows that request's language.
import { m } from '$lib/i18n';
import { describeAccept } from '$lib/process/answers';
import { mediaTypes } from '$lib/process/fields/file';
import { MAX_REPLY_FILE_MB } from '../dossiers/handling';
import type { UploadRefusal } from '../files/upload';

export const acceptedInWords = describeAccept(mediaTypes);

export function uploadRefusalMessage(reason: UploadRefusal, name: string): string {
	switch (reason) {
		case 'too-large':
			return m.followReplyErrorTooLarge({ name, max: MAX_REPLY_FILE_MB });
		case 'type':
			return m.followReplyErrorType({ name, accepted: acceptedInWords });
		case 'empty':
			return m.followReplyErrorEmpty({ name });
		case 'dimensions':
			return m.followReplyErrorDimensions({ name });
		case 'active-content':
			return m.followReplyErrorActiveContent({ name });
	}
}
