/*
 * suggest.h - suggestions collected from riders, couriers, drivers and
 * residents, and what became of them.
 *
 * A suggestion is its text, a topic (config.h: labour rights, care
 * services...), where it came from (free text: a group, a person, a
 * station), the day it was received, and optionally the venue or the event
 * it concerns. It moves through new, under review, adopted or declined,
 * and done; each change of status is kept with who made it, when, and a
 * note, and a note may be added without changing the status.
 *
 * Every change is one transaction; editing checks the revision it loaded,
 * so that a change someone else made meanwhile is never overwritten.
 */
#ifndef HEARTH_SUGGEST_H
#define HEARTH_SUGGEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../civil.h"
#include "../config.h"
#include "../store.h"
#include "../util.h"

enum sugg_status {
	SUGG_NEW, SUGG_REVIEW, SUGG_ADOPTED, SUGG_DECLINED, SUGG_DONE,
	SUGG_N_STATUS
};

/* "new", "review", "adopted", "declined", "done". */
const char *sugg_status_name(enum sugg_status s);
/* What people read, translated: "Under review". */
const char *sugg_status_label(enum sugg_status s);
/* A name, also "under-review"; false when it is none. */
bool sugg_status_parse(const char *name, enum sugg_status *out);

/* The audit log's name for suggestions (audit.h): ref is the number. */
#define SUGG_ENTITY "suggestion"

/* Limits that catch a pasted file rather than a suggestion. */
#define SUGG_TEXT_MAX 8000
#define SUGG_FIELD_MAX 400

struct sugg_change {
	int64_t at;
	char *by;
	enum sugg_status status; /* the status from then on */
	char *note;              /* or NULL */
};

struct suggestion {
	int64_t id;              /* 0 before it is added */
	char *text;
	char *topic;             /* a topic key, or NULL */
	char *source;            /* who or where it came from, or NULL */
	struct civil received;   /* a date */
	enum sugg_status status;
	char *venue;             /* a venue's name, or NULL */
	int64_t series_id;       /* the event it concerns, or 0 */
	char *event_uid, *event_title; /* that event's, when loaded */
	int64_t created, updated;
	char *created_by, *updated_by;
	int revision;
	struct sugg_change *changes; /* oldest first; loaded by suggest_load */
	size_t n_changes, cap_changes;
};

void suggestion_init(struct suggestion *s);
void suggestion_free(struct suggestion *s);

/*
 * Checks the fields: text present, short enough and UTF-8, a known topic,
 * a received date not after today.
 */
int suggestion_validate(const struct config *cfg, const struct suggestion *s,
			const struct civil *today, struct herr *err);

/*
 * Adds s as a new suggestion (status new, or s->status when given with a
 * first change), setting its id, times and revision. The venue must exist.
 */
int suggest_add(struct store *st, const struct config *cfg,
		struct suggestion *s, const struct civil *today, int64_t now,
		struct herr *err);
/* Loads suggestion id with its changes; HE_USER when there is none. */
int suggest_load(struct store *st, int64_t id, struct suggestion *out,
		 struct herr *err);
/*
 * Saves the fields of s (not its status): refused when the stored
 * suggestion is no longer at s->revision.
 */
int suggest_save(struct store *st, const struct config *cfg,
		 struct suggestion *s, const struct civil *today, int64_t now,
		 struct herr *err);
/*
 * Sets the status of suggestion id, with a note (may be NULL); the same
 * status with a note adds the note. revision > 0: refused when the stored
 * one differs (someone else changed it meanwhile).
 */
int suggest_set_status(struct store *st, int64_t id, enum sugg_status status,
		       const char *note, int revision, int64_t now,
		       struct herr *err);
/* Deletes suggestion id with its history. */
int suggest_delete(struct store *st, int64_t id, struct herr *err);

/* What a list keeps: every field set narrows it. */
struct sugg_filter {
	const char *topic;       /* exact key */
	unsigned statuses;       /* bits (1 << status); 0 = every status */
	const char *venue;       /* part of the venue's name */
	int64_t series_id;       /* about this event */
	const char *text;        /* part of the text or the source */
	struct civil from, to;   /* received on these days (year 0: open) */
};

struct sugg_list {
	struct suggestion *v;    /* without their changes */
	size_t n, cap;
};

/* The suggestions f matches, by day received, then as they were added. */
int suggest_list(struct store *st, const struct sugg_filter *f,
		 struct sugg_list *out, struct herr *err);
void sugg_list_free(struct sugg_list *l);

/* Parses an ID as printed ("12", also "#12"); false when it is none. */
bool suggest_parse_id(const char *text, int64_t *id);

#endif
