/* occ_text.c - cancelled and changed occurrences told in words. */
#include "occ_text.h"

#include <stdlib.h>

#include "i18n.h"

char *occ_text_title(const char *title, bool cancelled)
{
	if (!cancelled)
		return xstrdup(title);
	/* TRANSLATORS: the title of a cancelled occurrence on phones,
	   posters and chat notices; keep it short ("【已取消】%s"). */
	return xasprintf(_("[Cancelled] %s"), title);
}

/* "10:00", or "2027-01-09 10:00" when the day is not the same. */
static char *when(const struct civil *was, const struct civil *now,
		  bool all_day)
{
	if (all_day)
		return xasprintf("%04d-%02d-%02d", was->year, was->month,
				 was->day);
	if (was->year == now->year && was->month == now->month &&
	    was->day == now->day)
		return xasprintf("%02d:%02d", was->hour, was->min);
	return xasprintf("%04d-%02d-%02d %02d:%02d", was->year, was->month,
			 was->day, was->hour, was->min);
}

char *occ_text_changes(const struct series *s, const struct override *o)
{
	struct sbuf b = { 0 };

	if (o->moved && civil_cmp(&o->start, &o->rid) != 0) {
		char *was = when(&o->rid, &o->start, s->sched.all_day);
		/* TRANSLATORS: an occurrence moved; %s is its original time
		   ("10:00") or day and time. */
		sbuf_addf(&b, _("Time changed: originally %s"), was);
		free(was);
	}
	if (o->venue && s->venue && !str_eq0(o->venue, s->venue)) {
		if (b.len)
			sbuf_addc(&b, '\n');
		/* TRANSLATORS: an occurrence moved to another venue; %s is
		   the usual one. */
		sbuf_addf(&b, _("Venue changed: originally %s"), s->venue);
	}
	return b.len ? sbuf_take(&b) : NULL;
}
