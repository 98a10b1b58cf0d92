// The words for what a citizen filed, which follow the process's `requestKind`: an application
// (aanvraag) is submitted and ends in a decision; a report (melding) is sent and dealt with. The
// receipt and the tracking pages take their words from here, so the choice is made in one place.
import type { RequestKind } from '$lib/process/taxonomy';
import { m } from '$lib/paraglide/messages';

export type { RequestKind };

/** The messages that name the request, for its kind (a definition without one: an application). */
export function chooseRequestWords(kind: RequestKind | undefined) {
	if (kind === 'report')
		return {
			receiptTitle: m.receiptTitleReport,
			receiptDueDate: m.receiptDueDateReport,
			receiptTrackingHint: m.receiptTrackingHintReport,
			pageTitle: m.followPageTitleReport,
			answersTitle: m.followAnswersTitleReport,
			filesTitle: m.followFilesTitleReport,
			eventSubmitted: m.followEventSubmittedReport,
			expectedLabel: m.followExpectedLabelReport,
			guestNotice: m.followGuestNoticeReport,
			withdrawTitle: m.followWithdrawTitleReport,
			withdrawText: m.followWithdrawTextReport,
			withdrawConfirm: m.followWithdrawConfirmReport,
			withdrawn: m.followWithdrawnReport
		};
	return {
		receiptTitle: m.receiptTitle,
		receiptDueDate: m.receiptDueDate,
		receiptTrackingHint: m.receiptTrackingHint,
		pageTitle: m.followPageTitle,
		answersTitle: m.followAnswersTitle,
		filesTitle: m.followFilesTitle,
		eventSubmitted: m.followEventSubmitted,
		expectedLabel: m.followExpectedLabel,
		guestNotice: m.followGuestNotice,
		withdrawTitle: m.followWithdrawTitle,
		withdrawText: m.followWithdrawText,
		withdrawConfirm: m.followWithdrawConfirm,
		withdrawn: m.followWithdrawn
	};
}

export type RequestWords = ReturnType<typeof chooseRequestWords>;
