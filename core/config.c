/* config.c - reading the INI configuration file with inih; event kinds. */
#include "config.h"

#include <errno.h>
#include <ini.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config_int.h"
#include "i18n.h"
#include "paths.h"
#include "people/people.h"
#include "stations/stations.h"
#include "sync/sync.h"
#include "text.h"
#include "tz.h"
#include "when.h"

struct builtin_kind {
	const char *key, *label, *colour;
	int hours;
	const char *segments[5];
	const char *alarms;     /* reminders; none for what is open daily */
};

/* The kinds of work described in the reports hearth grew from. */
static const struct builtin_kind builtin_kinds[] = {
	{ "reading", N_("Reading session"), "cyan", 2,
	  { N_("Warm-up game"), N_("Book sharing"),
	    N_("Free reading and book swap") }, "1d 1h" },
	{ "fair", N_("Civility fair"), "yellow", 4,
	  { N_("Medical convenience zone"), N_("Safety publicity zone"),
	    N_("Convenience services"), N_("Food zone") }, "1d 1h" },
	{ "warm-station", N_("Warm-winter station"), "red", 8,
	  { N_("Hot drinks"), N_("Phone charging"), N_("Emergency kits"),
	    N_("Rest area") }, NULL },
	{ "volunteer", N_("Volunteer service"), "green", 2, { NULL }, "1d 1h" },
	{ "clinic", N_("Clinic"), "magenta", 3,
	  { N_("Blood-pressure check") }, NULL },
	{ "station", N_("Service station"), "blue", 10,
	  { N_("Rest"), N_("Hot water"), N_("Phone charging") }, NULL },
};

/* In terminal order after "default": entry i is colour i - 1. */
static const char *const colour_names[] = {
	"default", "black", "red", "green", "yellow", "blue", "magenta",
	"cyan", "white",
};

int config_colour(const char *name)
{
	for (size_t i = 0; i < sizeof colour_names / sizeof *colour_names; i++)
		if (strcasecmp(name, colour_names[i]) == 0)
			return (int)i - 1;
	return COLOUR_UNSET;
}

bool config_colour_valid(const char *name)
{
	return config_colour(name) != COLOUR_UNSET;
}

/* The names of enum config_element, as [colors] writes them. */
static const char *const element_names[ELEM_COUNT] = {
	"header", "selected", "error", "today",
};

static struct kind *add_kind(struct config *c, const char *key)
{
	struct kind *k;

	c->kinds = xgrow(c->kinds, &c->cap_kinds, c->n_kinds + 1,
			 sizeof *c->kinds);
	k = &c->kinds[c->n_kinds++];
	memset(k, 0, sizeof *k);
	k->key = xstrdup(key);
	k->label = xstrdup(key);
	k->colour = xstrdup("default");
	k->duration = 2 * 3600;
	return k;
}

void config_init(struct config *c)
{
	memset(c, 0, sizeof *c);
	c->timezone = xstrdup(tz_system_name());
	for (int i = 0; i < ELEM_COUNT; i++)
		c->element_colour[i] = COLOUR_UNSET;
	c->element_colour[ELEM_ERROR] = 1; /* red */
	c->people = people_config_new();
	c->sync = sync_config_new();
	for (size_t i = 0; i < sizeof builtin_kinds / sizeof *builtin_kinds; i++) {
		const struct builtin_kind *b = &builtin_kinds[i];
		struct kind *k = add_kind(c, b->key);
		str_replace(&k->label, b->label);
		str_replace(&k->colour, b->colour);
		k->duration = b->hours * 3600LL;
		k->builtin = true;
		if (b->alarms)
			alarms_parse(b->alarms, &k->alarms, NULL);
		k->label_translated = true;
		for (size_t j = 0; j < 5 && b->segments[j]; j++)
			strv_add(&k->segments, b->segments[j]);
		k->n_translated = k->segments.n;
	}
	config_report_init(c);
	c->stations = stations_config_new();
}

static void kind_free(struct kind *k)
{
	free(k->key);
	free(k->label);
	free(k->colour);
	strv_free(&k->labels);
	strv_free(&k->segments);
}

void config_free(struct config *c)
{
	for (size_t i = 0; i < c->n_kinds; i++)
		kind_free(&c->kinds[i]);
	free(c->kinds);
	config_publish_free(&c->publish);
	config_report_free(c);
	stations_config_free(&c->stations);
	for (size_t i = 0; i < c->n_entries; i++) {
		free(c->entries[i].section);
		free(c->entries[i].name);
		free(c->entries[i].value);
	}
	free(c->entries);
	free(c->path);
	free(c->timezone);
	free(c->database);
	people_config_free(&c->people);
	sync_config_free(&c->sync);
	memset(c, 0, sizeof *c);
}

const struct kind *config_kind(const struct config *c, const char *key)
{
	for (size_t i = 0; i < c->n_kinds; i++)
		if (strcmp(c->kinds[i].key, key) == 0)
			return &c->kinds[i];
	return NULL;
}

/*
 * The entry of list ("LANG=text") for one language name (lang is len
 * bytes, such as "zh_CN.UTF-8" or "zh"); the longest matching LANG wins:
 * zh_CN over zh.
 */
static const char *label_for(const struct strv *list, const char *lang,
			     size_t len)
{
	size_t best = 0;
	const char *label = NULL;

	for (size_t i = 0; i < list->n; i++) {
		const char *eq = strchr(list->v[i], '=');
		size_t n = (size_t)(eq - list->v[i]);
		if (n > best && n <= len &&
		    strncmp(lang, list->v[i], n) == 0 &&
		    (n == len || lang[n] == '_' || lang[n] == '.' ||
		     lang[n] == '@')) {
			best = n;
			label = eq + 1;
		}
	}
	return label;
}

const char *config_localised(const struct strv *list)
{
	const char *lang = setlocale(LC_MESSAGES, NULL);
	const char *languages = getenv("LANGUAGE");
	const char *label = NULL;

	if (list->n == 0)
		return NULL;
	/*
	 * As gettext does: LANGUAGE is a list of languages in order of
	 * preference, heeded unless the messages locale is C.
	 */
	if (lang && strcmp(lang, "C") != 0 && strcmp(lang, "POSIX") != 0)
		for (const char *p = languages; p && *p && !label;) {
			size_t n = strcspn(p, ":");
			label = label_for(list, p, n);
			p += n + (p[n] == ':');
		}
	if (!label && lang)
		label = label_for(list, lang, strlen(lang));
	return label;
}

const char *config_label(const struct strv *labels, const char *label,
			 bool translated)
{
	const char *found = config_localised(labels);

	if (found)
		return found;
	return translated ? _(label) : label;
}

const char *kind_label(const struct kind *k)
{
	const char *label = config_localised(&k->labels);

	if (label)
		return label;
	return k->label_translated ? _(k->label) : k->label;
}

struct segment kind_segment(const struct kind *k, size_t i)
{
	struct segment g = { 0 };
	const char *spec = i < k->n_translated ? _(k->segments.v[i])
					       : k->segments.v[i];
	const char *space = strchr(spec, ' ');
	char from[8], to[8];

	g.title = (char *)spec;
	if (spec[0] >= '0' && spec[0] <= '9' && space &&
	    sscanf(spec, "%5[0-9:]-%5[0-9:]", from, to) == 2 &&
	    when_parse_hhmm(from, &g.from_min, NULL) == HE_OK &&
	    when_parse_hhmm(to, &g.to_min, NULL) == HE_OK) {
		g.timed = true;
		g.title = (char *)space + 1;
	}
	return g;
}

const char *config_kind_label(const struct config *c, const char *key)
{
	const struct kind *k = config_kind(c, key);
	return k ? kind_label(k) : key;
}

/* What the inih callbacks share. */
struct parse_state {
	struct config *cfg;
	FILE *file;
	const char *text;       /* when parsing a string */
	int line;
	int error_line;
	char error[400];
	struct strv sections;   /* the [sections] so far, "LINE NAME" */
};

static int fail(struct parse_state *st, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Records the first error; inih reports its line through the return value. */
static int fail(struct parse_state *st, const char *fmt, ...)
{
	va_list ap;

	if (st->error_line == 0) {
		st->error_line = st->line;
		va_start(ap, fmt);
		vsnprintf(st->error, sizeof st->error, fmt, ap);
		va_end(ap);
	}
	return 0;
}

static int set_general(struct parse_state *st, const char *name,
		       const char *value)
{
	struct config *c = st->cfg;
	char msg[300];

	switch (config_publish_set(&c->publish, name, value, msg, sizeof msg)) {
	case 1: return 1;
	case 0: return fail(st, "%s", msg);
	default: break;
	}
	if (strcmp(name, "timezone") == 0) {
		if (!tz_get(value))
			return fail(st, _("unknown time zone '%s'"), value);
		str_replace(&c->timezone, value);
		c->timezone_set = true;
	} else if (strcmp(name, "database") == 0) {
		str_replace(&c->database, value);
	} else if (strcmp(name, "week_start") == 0) {
		static const char *const days[] = { "monday", "tuesday",
			"wednesday", "thursday", "friday", "saturday", "sunday" };
		for (int i = 0; i < 7; i++)
			if (strcasecmp(value, days[i]) == 0) {
				c->week_start = i;
				return 1;
			}
		return fail(st, _("week_start must be a day name such as monday, "
				"not '%s'"), value);
	} else if (strcmp(name, "index_years") == 0) {
		char *end;
		long years = strtol(value, &end, 10);
		if (*end || end == value || years < 1 || years > 50)
			return fail(st, _("index_years must be a number of years "
					"from 1 to 50, not '%s'"), value);
		c->index_years = (int)years;
	} else {
		return fail(st, _("unknown option '%s' in [general]"), name);
	}
	return 1;
}

/* A default segment: "title" or "HH:MM-HH:MM title". */
static bool segment_spec_valid(const char *value)
{
	int a, b;
	char from[8], to[8];

	if (value[0] >= '0' && value[0] <= '9' && strchr(value, '-') &&
	    sscanf(value, "%5[0-9:]-%5[0-9:]", from, to) == 2)
		return when_parse_hhmm(from, &a, NULL) == HE_OK &&
		       when_parse_hhmm(to, &b, NULL) == HE_OK && a < b &&
		       strchr(value, ' ');
	return *value != '\0';
}

static int set_kind(struct parse_state *st, const char *key, const char *name,
		    const char *value)
{
	struct kind *k = (struct kind *)config_kind(st->cfg, key);

	if (!k)
		k = add_kind(st->cfg, key);
	if (strcmp(name, "label") == 0) {
		str_replace(&k->label, value);
		k->label_translated = false; /* the user's own words */
	} else if (strncmp(name, "label.", 6) == 0 && name[6]) {
		char *entry = xasprintf("%s=%s", name + 6, value);
		strv_add(&k->labels, entry);
		free(entry);
	} else if (strcmp(name, "colour") == 0 || strcmp(name, "color") == 0) {
		if (!config_colour_valid(value))
			return fail(st, _("unknown colour '%s' (use black, red, "
					"green, yellow, blue, magenta, cyan, white "
					"or default)"), value);
		str_replace(&k->colour, value);
	} else if (strcmp(name, "duration") == 0) {
		struct herr e;
		if (when_parse_duration(value, &k->duration, &e) != HE_OK)
			return fail(st, "%s", e.msg);
	} else if (strcmp(name, "alarm") == 0) {
		struct herr e;
		if (alarms_parse(value, &k->alarms, &e) != HE_OK)
			return fail(st, "%s", e.msg);
	} else if (strcmp(name, "segment") == 0) {
		if (!segment_spec_valid(value))
			return fail(st, _("segment '%s' should be a title or "
					"'HH:MM-HH:MM title'"), value);
		/* Segments listed in the file replace the built-in ones. */
		if (!k->segments_set) {
			strv_free(&k->segments);
			k->n_translated = 0;
			k->segments_set = true;
		}
		strv_add(&k->segments, value);
	} else {
		return fail(st, _("unknown option '%s' in [kind %s]"), name, key);
	}
	return 1;
}

bool config_key_valid(const char *key)
{
	if (!*key)
		return false;
	for (const char *p = key; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		      *p == '-' || *p == '_'))
			return false;
	return true;
}

/* [colors] ELEMENT = COLOUR */
static int set_colour(struct parse_state *st, const char *name,
		      const char *value)
{
	int e, colour = config_colour(value);

	for (e = 0; e < ELEM_COUNT && strcmp(name, element_names[e]); e++)
		;
	if (e == ELEM_COUNT)
		return fail(st, _("unknown element '%s' in [colors] (use header, "
				  "selected, error or today)"), name);
	if (colour == COLOUR_UNSET)
		return fail(st, _("unknown colour '%s' (use black, red, green, "
				  "yellow, blue, magenta, cyan, white or default)"),
			    value);
	st->cfg->element_colour[e] = colour;
	return 1;
}

static void add_entry(struct config *c, const char *section, const char *name,
		      const char *value, int line)
{
	struct config_entry *e;

	c->entries = xgrow(c->entries, &c->cap_entries, c->n_entries + 1,
			   sizeof *c->entries);
	e = &c->entries[c->n_entries++];
	e->section = xstrdup(section);
	e->name = xstrdup(name);
	e->value = xstrdup(value);
	e->line = line;
}

static int on_value(void *user, const char *section, const char *name,
		    const char *value)
{
	struct parse_state *st = user;

	if (!text_valid_utf8(value, NULL) || !text_valid_utf8(name, NULL))
		return fail(st, _("text is not valid UTF-8"));
	if (strcmp(section, "general") == 0)
		return set_general(st, name, value);
	if (strncmp(section, "kind ", 5) == 0) {
		const char *key = section + 5;
		if (!config_key_valid(key))
			return fail(st, _("kind key '%s' may hold only a-z, 0-9, - "
					"and _"), key);
		return set_kind(st, key, name, value);
	}
	if (people_config_section(section)) {
		char msg[300];
		if (!people_config_set(st->cfg->people, section, name, value, msg,
				       sizeof msg))
			return fail(st, "%s", msg);
		return 1;
	}
	if (sync_config_section(section)) {
		char msg[300];
		if (!sync_config_set(st->cfg->sync, section, name, value,
				     st->line, msg, sizeof msg))
			return fail(st, "%s", msg);
		return 1;
	}
	if (strncmp(section, "category ", 9) == 0 ||
	    strncmp(section, "topic ", 6) == 0) {
		char msg[300];
		if (!config_report_set(st->cfg, section, name, value, msg,
				       sizeof msg))
			return fail(st, "%s", msg);
		return 1;
	}
	if (stations_config_section(section)) {
		char msg[300];
		if (!stations_config_set(st->cfg->stations, section, name, value,
					 msg, sizeof msg))
			return fail(st, "%s", msg);
		return 1;
	}
	if (strcmp(section, "colors") == 0 || strcmp(section, "colours") == 0)
		return set_colour(st, name, value);
	if (strcmp(section, "keys") == 0) {
		add_entry(st->cfg, section, name, value, st->line);
		return 1;
	}
	if (!*section)
		return fail(st, _("option '%s' is outside any [section]"), name);
	return fail(st, _("unknown section [%s]"), section);
}

/*
 * fgets that tells whether the line held a NUL byte (fgets's caller cannot:
 * the line looks as if it ended there). Returns false at the end of the
 * file with nothing read.
 */
static bool read_file_line(FILE *f, char *str, int num, bool *nul)
{
	int n = 0, ch = EOF;

	while (n < num - 1 && (ch = getc(f)) != EOF) {
		if (ch == '\0') {
			*nul = true;
			ch = ' ';
		}
		str[n++] = (char)ch;
		if (ch == '\n')
			break;
	}
	str[n] = '\0';
	return n > 0;
}

/*
 * Remembers a "[section]" line; one that names a section met before is an
 * error (inih would merge the two, and a later [kind a] would quietly
 * change what an earlier one said).
 */
static void note_section(struct parse_state *st, const char *line)
{
	const char *p = line + strspn(line, " \t"), *end;
	char *name;

	if (*p != '[' || !(end = strchr(p, ']')))
		return;
	p++;
	p += strspn(p, " \t");
	while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	name = xstrndup(p, (size_t)(end - p));
	for (size_t i = 0; i < st->sections.n; i++) {
		const char *seen = strchr(st->sections.v[i], ' ') + 1;
		if (strcmp(seen, name) == 0) {
			fail(st, _("[%s] is here a second time (first at line "
				   "%d): write each section once"), name,
			     atoi(st->sections.v[i]));
			free(name);
			return;
		}
	}
	char *entry = xasprintf("%d %s", st->line, name);
	strv_add(&st->sections, entry);
	free(entry);
	free(name);
}

/*
 * inih's reader callback: hands over one line and counts lines, so that
 * on_value knows where it is. A line inih would cut silently is an error.
 */
static char *read_line(char *str, int num, void *stream)
{
	struct parse_state *st = stream;
	size_t len;
	bool nul = false;

	if (st->file) {
		if (!read_file_line(st->file, str, num, &nul))
			return NULL;
	} else {
		if (!*st->text)
			return NULL;
		len = strcspn(st->text, "\n");
		if (st->text[len] == '\n')
			len++;
		if (len > (size_t)num - 1)
			len = (size_t)num - 1;
		memcpy(str, st->text, len);
		str[len] = '\0';
		st->text += len;
	}
	st->line++;
	len = strlen(str);
	/* A NUL would cut the value short where inih sees it: refused. */
	if (nul)
		fail(st, _("the line holds a NUL byte"));
	note_section(st, str);
	/* inih would glue an indented line to the value above it, silently. */
	if ((str[0] == ' ' || str[0] == '\t') &&
	    str[strspn(str, " \t\r\n")] != '\0' &&
	    !strchr(";#", str[strspn(str, " \t")]))
		fail(st, _("a line may not start with a space (it would continue "
			 "the value above)"));
	if (len == (size_t)num - 1 && str[len - 1] != '\n') {
		fail(st, _("line is longer than %d bytes"), num - 2);
		/* Skip the rest of the long line so that counting stays right. */
		int ch;
		if (st->file)
			while ((ch = fgetc(st->file)) != EOF && ch != '\n')
				;
		else
			st->text += strcspn(st->text, "\n") + (st->text[strcspn(st->text, "\n")] != 0);
		str[0] = '\0';
	}
	return str;
}

static int run_parser(struct parse_state *st, const char *name,
		      struct herr *err)
{
	int rc = ini_parse_stream(read_line, st, on_value, st);

	strv_free(&st->sections);
	if (rc == 0 && st->error_line == 0)
		return HE_OK;
	if (rc == -2)
		return herr_set(err, HE_INTERNAL, _("%s: out of memory"), name);
	if (st->error_line && (rc <= 0 || st->error_line <= rc))
		return herr_set(err, HE_USER, "%s:%d: %s", name, st->error_line,
				st->error);
	return herr_set(err, HE_USER,
			_("%s:%d: expected '[section]' or 'name = value'"), name, rc);
}

int config_load_string(struct config *c, const char *text, const char *name,
		       struct herr *err)
{
	struct parse_state st = { .cfg = c, .text = text };
	return run_parser(&st, name, err);
}

int config_load(struct config *c, const char *path, bool required,
		struct herr *err)
{
	struct parse_state st = { .cfg = c };
	int rc;

	st.file = fopen(path, "r");
	if (!st.file) {
		if (errno == ENOENT && !required)
			return HE_OK;
		return herr_set(err, HE_USER, _("cannot read config file %s: %s"),
				path, strerror(errno));
	}
	rc = run_parser(&st, path, err);
	fclose(st.file);
	if (rc == HE_OK)
		str_replace(&c->path, path);
	return rc;
}

char *config_default_path(void)
{
	return path_config("config");
}
