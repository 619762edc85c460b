/*
 * ui_search.c - searching as every view does it: / forward and \ backward
 * from the selection, n for the next match and N for the previous one,
 * going round the end with a word that it did, and a prompt that starts
 * empty with the earlier searches on Up.
 */
#include "ui_int.h"

#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"

bool ui_search_ask(struct ui *u, bool back)
{
	char *text = ui_ask_history(u, back ? _("Search backward:")
					    : _("Search:"),
				    NULL, &u->searches, NULL, NULL);

	if (!text || !*text) {
		free(text);
		return false;
	}
	free(u->search);
	u->search = text;
	return true;
}

bool ui_search_text(struct ui *u)
{
	if (u->search)
		return true;
	ui_message(u, _("No search yet: %s searches forward, %s backward."),
		   ui_key_for(u->view, ACT_SEARCH),
		   ui_key_for(u->view, ACT_SEARCH_BACK));
	return false;
}

bool ui_search_matches(const char *text, const char *needle)
{
	return text && needle && *needle && strcasestr(text, needle);
}

void ui_search_found(struct ui *u, int dir, bool wrapped)
{
	const char *next = ui_key_for(u->view, ACT_SEARCH_NEXT);
	const char *prev = ui_key_for(u->view, ACT_SEARCH_PREV);

	if (!wrapped)
		/* TRANSLATORS: after a search found something; %2$s and %3$s
		   are the keys for the next and previous match. */
		ui_message(u, _("Found “%1$s” (%2$s next, %3$s previous)."),
			   u->search, next, prev);
	else if (dir > 0)
		ui_message(u, _("Found “%1$s” after going round from the end to "
				"the start (%2$s next, %3$s previous)."),
			   u->search, next, prev);
	else
		ui_message(u, _("Found “%1$s” after going round from the start to "
				"the end (%2$s next, %3$s previous)."),
			   u->search, next, prev);
}

void ui_search_missing(struct ui *u)
{
	ui_message(u, _("Nothing matches “%s”."), u->search);
}

bool ui_search_rows(struct ui *u, size_t n, size_t *sel, int dir,
		    bool (*match)(void *ctx, size_t i, const char *needle),
		    void *ctx)
{
	for (size_t step = 1; step <= n; step++) {
		size_t i = dir > 0 ? (*sel + step) % n : (*sel + n - step % n) % n;
		if (match(ctx, i, u->search)) {
			bool wrapped = dir > 0 ? i <= *sel : i >= *sel;
			*sel = i;
			ui_search_found(u, dir, wrapped && n > 1);
			return true;
		}
	}
	ui_search_missing(u);
	return false;
}
