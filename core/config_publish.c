/* config_publish.c - the options for getting the calendar to phones. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config_int.h"
#include "i18n.h"

/* yes/no, true/false, on/off, 1/0: 1 or 0, -1 for anything else. */
static int parse_bool(const char *value)
{
	static const char *const yes[] = { "yes", "true", "on", "1" };
	static const char *const no[] = { "no", "false", "off", "0" };

	for (size_t i = 0; i < sizeof yes / sizeof *yes; i++) {
		if (strcasecmp(value, yes[i]) == 0)
			return 1;
		if (strcasecmp(value, no[i]) == 0)
			return 0;
	}
	return -1;
}

/* A URL a phone can subscribe from: http:// or https://, nothing odd. */
static bool url_valid(const char *url)
{
	if (strncmp(url, "https://", 8) && strncmp(url, "http://", 7))
		return false;
	for (const char *p = url; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == '"' || *p == '<' ||
		    *p == '>' || *p == '\\' || (unsigned char)*p == 0x7F)
			return false;
	return strlen(url) > 8;
}

static int set_choice(bool *slot, const char *value, const char *on,
		      const char *off, const char *name, char *msg,
		      size_t msglen)
{
	if (strcasecmp(value, on) == 0) {
		*slot = true;
		return 1;
	}
	if (strcasecmp(value, off) == 0) {
		*slot = false;
		return 1;
	}
	snprintf(msg, msglen, _("%s must be %s or %s, not '%s'"), name, on, off,
		 value);
	return 0;
}

int config_publish_set(struct config_publish *p, const char *name,
		       const char *value, char *msg, size_t msglen)
{
	if (strcmp(name, "publish") == 0) {
		if (!*value) {
			snprintf(msg, msglen, _("publish needs a directory"));
			return 0;
		}
		str_replace(&p->dir, value);
	} else if (strcmp(name, "publish_url") == 0) {
		if (!url_valid(value)) {
			snprintf(msg, msglen, _("publish_url must be an http:// "
				 "or https:// URL, not '%s'"), value);
			return 0;
		}
		str_replace(&p->url, value);
	} else if (strcmp(name, "publish_name") == 0) {
		str_replace(&p->name, *value ? value : NULL);
	} else if (strcmp(name, "cancelled") == 0) {
		return set_choice(&p->cancelled_exdate, value, "exdate", "show",
				  name, msg, msglen);
	} else if (strcmp(name, "clipboard") == 0) {
		return set_choice(&p->osc52, value, "osc52", "no", name, msg,
				  msglen);
	} else if (strcmp(name, "qr_eci") == 0) {
		int b = parse_bool(value);
		if (b < 0) {
			snprintf(msg, msglen, _("%s must be yes or no, not '%s'"),
				 name, value);
			return 0;
		}
		p->qr_no_eci = !b;
	} else {
		return -1;
	}
	return 1;
}

void config_publish_free(struct config_publish *p)
{
	free(p->dir);
	free(p->url);
	free(p->name);
	memset(p, 0, sizeof *p);
}
