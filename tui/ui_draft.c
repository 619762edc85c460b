/*
 * ui_draft.c - surviving a dropped connection: SIGHUP and SIGTERM only set
 * a flag; the loop that notices it restores the terminal, and an event form
 * being edited is written to a draft file that the next start offers back.
 */
#include "ui_edit.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/draft.h"
#include "../core/i18n.h"

volatile sig_atomic_t ui_signalled;

static void on_signal(int sig)
{
	(void)sig;
	ui_signalled = 1;
}

void ui_signals_install(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a blocked read returns, and the loop sees the flag. */
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

bool ui_terminal_gone(void)
{
	struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };
	int avail = 0;

	if (poll(&p, 1, 0) < 0)
		return false; /* EINTR: look again at the next tick */
	if (p.revents & (POLLHUP | POLLERR | POLLNVAL))
		goto gone;
	/*
	 * Readable with nothing to read is end of file (curses has just
	 * found no key); FIONREAD failing is the EIO of a hung-up terminal.
	 */
	if ((p.revents & POLLIN) &&
	    (ioctl(STDIN_FILENO, FIONREAD, &avail) != 0 || avail == 0))
		goto gone;
	return false;
gone:
	ui_signalled = 1;
	return true;
}

void ui_draft_save(struct ui *u, const struct series *s, bool is_new)
{
	char *path = draft_path();

	/* Nothing to tell: the session is ending, and a draft that cannot be
	 * written leaves nothing behind (atomic.h). */
	draft_save(path, store_path(u->app->st), is_new, s, NULL);
	free(path);
}

void ui_draft_offer(struct ui *u)
{
	char *path = draft_path(), *q;
	struct draft d;
	bool found;

	if (draft_load(path, &d, &found, NULL) != HE_OK || !found ||
	    strcmp(d.db, store_path(u->app->st)) != 0) {
		if (found)
			draft_free(&d);
		free(path);
		return;
	}
	q = xasprintf(_("hearth was interrupted while “%s” was being edited. "
			"Restore that draft?"), *d.s.title ? d.s.title : "…");
	if (ui_confirm(u, q)) {
		unlink(path);
		ui_event_form(u, &d.s, d.is_new);
	} else {
		unlink(path);
		ui_message(u, _("The draft was discarded."));
	}
	free(q);
	free(path);
	draft_free(&d);
}
