/* alarm.c - reminders as lengths before the start. */
#include "alarm.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "when.h"

int alarms_add(struct alarms *a, int64_t before, struct herr *err)
{
	size_t i = 0;

	if (before < 60 || before > ALARM_LONGEST)
		return herr_set(err, HE_USER, _("a reminder must come between a "
				"minute and four weeks before the start"));
	a->set = true;
	while (i < a->n && a->before[i] > before)
		i++;
	if (i < a->n && a->before[i] == before)
		return HE_OK; /* the same twice is once */
	if (a->n == ALARM_MAX)
		return herr_set(err, HE_USER, _("at most %d reminders"),
				ALARM_MAX);
	memmove(&a->before[i + 1], &a->before[i],
		(a->n - i) * sizeof *a->before);
	a->before[i] = before;
	a->n++;
	return HE_OK;
}

int alarms_parse(const char *text, struct alarms *out, struct herr *err)
{
	char *copy = xstrdup(text), *save = NULL;
	int rc = HE_OK;

	memset(out, 0, sizeof *out);
	out->set = true;
	if (strcasecmp(text, "none") == 0 || strcmp(text, "无") == 0) {
		free(copy);
		return HE_OK;
	}
	for (char *p = strtok_r(copy, ", \t", &save); p && rc == HE_OK;
	     p = strtok_r(NULL, ", \t", &save)) {
		int64_t secs;
		/* The parser's message names p already. */
		if ((rc = when_parse_duration(p, &secs, err)) == HE_OK &&
		    (rc = alarms_add(out, secs, err)) != HE_OK)
			herr_prefix(err, _("reminder '%s'"), p);
	}
	if (rc == HE_OK && out->n == 0)
		rc = herr_set(err, HE_USER, _("no reminder in '%s' (use a length "
			      "such as 1d or 2h, or none)"), text);
	free(copy);
	return rc;
}

char *alarms_format(const struct alarms *a)
{
	struct sbuf b = { 0 };

	if (a->n == 0)
		return xstrdup("none");
	for (size_t i = 0; i < a->n; i++) {
		char *d = when_format_duration(a->before[i]);
		sbuf_addf(&b, "%s%s", i ? ", " : "", d);
		free(d);
	}
	return sbuf_take(&b);
}

char *alarms_to_text(const struct alarms *a)
{
	struct sbuf b = { 0 };

	if (!a->set)
		return NULL;
	sbuf_add(&b, "");
	for (size_t i = 0; i < a->n; i++)
		sbuf_addf(&b, "%s%" PRId64, i ? "," : "", a->before[i]);
	return sbuf_take(&b);
}

bool alarms_from_text(const char *text, struct alarms *out)
{
	memset(out, 0, sizeof *out);
	if (!text)
		return true;
	out->set = true;
	while (*text) {
		char *end;
		long long v = strtoll(text, &end, 10);
		if (end == text || alarms_add(out, v, NULL) != HE_OK)
			return false;
		text = *end == ',' ? end + 1 : end;
		if (*end && *end != ',')
			return false;
	}
	return true;
}
