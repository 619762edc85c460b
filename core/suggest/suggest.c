/* suggest.c - suggestions: statuses and checks that need no database. */
#include "suggest.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../i18n.h"
#include "../text.h"

static const char *const status_names[SUGG_N_STATUS] = {
	"new", "review", "adopted", "declined", "done",
};

static const char *const status_labels[SUGG_N_STATUS] = {
	N_("New"), N_("Under review"), N_("Adopted"), N_("Declined"),
	N_("Done"),
};

const char *sugg_status_name(enum sugg_status s)
{
	return (unsigned)s < SUGG_N_STATUS ? status_names[s] : "new";
}

const char *sugg_status_label(enum sugg_status s)
{
	return _((unsigned)s < SUGG_N_STATUS ? status_labels[s]
					      : status_labels[0]);
}

bool sugg_status_parse(const char *name, enum sugg_status *out)
{
	for (int i = 0; i < SUGG_N_STATUS; i++)
		if (strcmp(name, status_names[i]) == 0) {
			*out = (enum sugg_status)i;
			return true;
		}
	if (strcmp(name, "under-review") == 0) {
		*out = SUGG_REVIEW;
		return true;
	}
	return false;
}

void suggestion_init(struct suggestion *s)
{
	memset(s, 0, sizeof *s);
}

void suggestion_free(struct suggestion *s)
{
	free(s->text);
	free(s->topic);
	free(s->source);
	free(s->venue);
	free(s->event_uid);
	free(s->event_title);
	free(s->created_by);
	free(s->updated_by);
	for (size_t i = 0; i < s->n_changes; i++) {
		free(s->changes[i].by);
		free(s->changes[i].note);
	}
	free(s->changes);
	memset(s, 0, sizeof *s);
}

void sugg_list_free(struct sugg_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		suggestion_free(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* Text of at most max bytes of UTF-8; what names the field in messages. */
static int check_text(const char *text, size_t max, const char *what,
		      struct herr *err)
{
	if (!text)
		return HE_OK;
	if (!text_valid_utf8(text, NULL))
		return herr_set(err, HE_USER, _("the suggestion's %s is not valid "
				"UTF-8"), what);
	if (strlen(text) > max)
		return herr_set(err, HE_USER, _("the suggestion's %s is longer "
				"than %zu bytes"), what, max);
	return HE_OK;
}

static int unknown_topic(const struct config *cfg, const char *topic,
			 struct herr *err)
{
	struct sbuf known = { 0 };

	for (size_t i = 0; i < cfg->n_topics; i++)
		sbuf_addf(&known, "%s%s", i ? ", " : "", cfg->topics[i].key);
	herr_set(err, HE_USER, _("unknown topic '%s' (known: %s)"), topic,
		 sbuf_str(&known));
	sbuf_free(&known);
	return HE_USER;
}

int suggestion_validate(const struct config *cfg, const struct suggestion *s,
			const struct civil *today, struct herr *err)
{
	int rc;

	if (str_empty(s->text) || s->text[strspn(s->text, " \t\r\n")] == '\0')
		return herr_set(err, HE_USER, _("the suggestion's text is empty"));
	/* TRANSLATORS: the %s of "the suggestion's %s is ..." */
	if ((rc = check_text(s->text, SUGG_TEXT_MAX, _("text"), err)) ||
	    (rc = check_text(s->source, SUGG_FIELD_MAX, _("source"), err)))
		return rc;
	if (!str_empty(s->topic) && !config_topic(cfg, s->topic))
		return unknown_topic(cfg, s->topic, err);
	if (!civil_valid(&s->received))
		return herr_set(err, HE_USER, _("the suggestion has no valid "
				"date of receipt"));
	if (today && civil_cmp(&s->received, today) > 0) {
		char day[CIVIL_BUFSZ];
		return herr_set(err, HE_USER, _("the suggestion's date %s is in "
				"the future"), civil_format(&s->received, true, day));
	}
	return HE_OK;
}

bool suggest_parse_id(const char *text, int64_t *id)
{
	char *end;
	long long v;

	if (*text == '#')
		text++;
	if (*text < '0' || *text > '9')
		return false;
	errno = 0;
	v = strtoll(text, &end, 10);
	if (*end || errno == ERANGE || v <= 0)
		return false;
	*id = v;
	return true;
}
