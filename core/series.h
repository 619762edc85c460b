/*
 * series.h - the model: event series, venues and organisations, and the
 * operations on a series that do not touch storage.
 *
 * A series is one event or a repeating one: a warm-winter station open
 * Friday to Sunday every week of January is one series. Venues and
 * organisations are referred to by name (names are unique); storage turns
 * names into rows, creating the ones it does not know.
 *
 * Operations on single occurrences (override, cancel), splitting a series
 * ("this and following") and duplicating it work on the in-memory series
 * here; storage saves the result in one transaction.
 */
#ifndef HEARTH_SERIES_H
#define HEARTH_SERIES_H

#include <stdbool.h>
#include <stdint.h>

#include "alarm.h"
#include "sched.h"
#include "util.h"

enum status { STATUS_TENTATIVE, STATUS_CONFIRMED, STATUS_CANCELLED };
enum role { ROLE_HOST, ROLE_COHOST, ROLE_PARTNER, ROLE_SPONSOR };

#define UID_MAX 255

/*
 * The longest texts hearth keeps, in bytes. They hold at entry - add,
 * edit, the forms and import alike refuse a longer text, naming the limit
 * - so that every line an iCalendar export writes is one that an import
 * reads (ICS_MAX_LINE, 256 KiB: TEXT escapes double a text at most, the
 * %XX of X-HEARTH-* fields triple it).
 */
#define TEXT_MAX_NAME 1024       /* titles, names, kinds, tags, types */
#define TEXT_MAX_NOTE 8192       /* notes, contacts, addresses */
#define TEXT_MAX_DESCRIPTION 65536 /* a description with its segments */
#define TEXT_MAX_ITEMS 50        /* organisations, tags, services */

/*
 * HE_USER with a message naming what (a field, marked N_) and the limit
 * when text is longer than max bytes, else HE_OK.
 */
int text_check_length(const char *what, const char *text, size_t max,
		      struct herr *err);

/* Names for the command line, storage and export ("confirmed", "host"). */
const char *status_name(enum status s);
bool status_parse(const char *name, enum status *out);
const char *role_name(enum role r);
bool role_parse(const char *name, enum role *out);

struct venue {
	int64_t id;
	char *name;
	char *address;
	bool has_geo;
	double lat, lon;
	char *type;             /* community centre, driver's home, ... */
	struct strv services;
	char *notes;
	int revision;           /* grows with every saved change; 0: not read */
};

struct org {
	int64_t id;
	char *name;
	char *type;             /* party committee, hospital, police, ... */
	char *contact;
	int revision;           /* grows with every saved change; 0: not read */
};

struct series_org {
	char *name;
	enum role role;
};

/*
 * An ordered part of an event: an agenda item, a fair zone, a service. It
 * may be run by several partner organisations (the fair's safety zone by
 * three police units) and happen at a venue of its own (the snow clearing
 * after a reading session, in the housing estate next door).
 */
struct segment {
	char *title;
	bool timed;
	int from_min, to_min;   /* minutes after midnight when timed */
	struct strv partners;   /* organisation names, in order */
	char *venue;            /* its own venue, or NULL: the event's */
	char *note;
};

/*
 * A change to one occurrence, keyed by its original start. Its texts
 * replace the series' for that occurrence ("读书会（改期）"); NULL keeps
 * the series' own.
 */
struct override {
	struct civil rid;
	bool moved;
	struct civil start, end; /* new wall-clock times when moved */
	char *venue;            /* another venue, or NULL */
	bool cancelled;
	char *note;
	char *title;            /* its own title, or NULL */
	char *description;      /* its own description, or NULL */
};

/* Replaces dst (an override of some series) by a copy of src. */
void override_copy(struct override *dst, const struct override *src);
/* True when o changes nothing (it can be dropped). */
bool override_is_empty(const struct override *o);

struct series {
	int64_t id;             /* storage row, 0 before it is saved */
	char *uid;
	char *kind;
	char *title;
	char *description;
	char *venue;
	struct series_org *orgs;
	size_t n_orgs, cap_orgs;
	struct strv audience;   /* riders, couriers, drivers, residents, ... */
	int capacity;           /* 0 when not limited */
	char *contact;
	enum status status;
	int64_t created, updated; /* instants */
	int revision;           /* grows with every saved change */
	struct alarms alarms;   /* reminders; when not set, the kind's */
	struct sched sched;
	struct segment *segments;
	size_t n_segments, cap_segments;
	struct override *overrides;
	size_t n_overrides, cap_overrides;
	struct override_index *override_index; /* series.c's, built on demand */
};

void venue_free(struct venue *v);
void org_free(struct org *o);

void series_init(struct series *s);
void series_free(struct series *s);
void series_copy(struct series *dst, const struct series *src);

/* A new globally unique identifier, as used for UID (caller frees). */
char *uid_new(void);

void series_add_org(struct series *s, const char *name, enum role role);
/* The first organisation with role, or NULL. */
const char *series_org_with_role(const struct series *s, enum role role);
void series_clear_orgs(struct series *s, enum role role);

/* Adds a copy of seg at the end. */
void series_add_segment(struct series *s, const struct segment *seg);
/* Adds a copy of seg at position i (0-based; past the end appends). */
void series_insert_segment(struct series *s, size_t i,
			   const struct segment *seg);
/* Removes segment index i (0-based); false when there is none. */
bool series_remove_segment(struct series *s, size_t i);
/* Moves segment i to position j. */
bool series_move_segment(struct series *s, size_t i, size_t j);
/* A deep copy of src. */
void segment_copy(struct segment *dst, const struct segment *src);
void segment_free(struct segment *seg);

/* Checks the fields storage cannot: title, capacity, segment times. */
int series_validate(struct series *s, struct herr *err);

/* The override for rid, or NULL. */
struct override *series_find_override(struct series *s, const struct civil *rid);
/*
 * The override for rid, created empty when missing. Fails when rid is not the
 * original start of an occurrence of s.
 */
int series_override(struct series *s, const struct civil *rid,
		    struct override **out, struct herr *err);
/*
 * The override for rid, created empty when missing, without checking that
 * rid is an occurrence: for storage, which checked it when it saved it (a
 * check costs a recurrence expansion).
 */
struct override *series_override_stored(struct series *s,
					const struct civil *rid);
/* Drops the override for rid; true when there was one. */
bool series_drop_override(struct series *s, const struct civil *rid);

/*
 * Splits s at occurrence rid: s keeps the occurrences before it and *tail
 * (a new series with a new UID) gets rid and everything after, with the
 * extra dates, exception dates and overrides that belong to each half.
 */
int series_split(struct series *s, const struct civil *rid,
		 struct series *tail, struct herr *err);
/*
 * Moves the whole schedule of s so that it starts at start, keeping its
 * length: exception and extra dates and the original starts of changed
 * occurrences move with it (a changed occurrence that was moved keeps its
 * new time), so that changing a series' time loses nothing. all_day is
 * what the series will be: while it stays timed, its timed segments move
 * by the change of time of day (an agenda from 09:00 starts at 09:30 when
 * the event does).
 */
void series_move(struct series *s, const struct civil *start, bool all_day);
/* True when s has more than one occurrence: a rule or extra dates. */
bool series_repeats(const struct series *s);
/*
 * Moves one occurrence (original start rid) to [start, end). For an event
 * that does not repeat this is a change of the event (series_move: its
 * segments follow); for an occurrence of a repeating series it is an
 * override, whose segments are shown shifted (series_segment_shift).
 * *now_rid gets the original start the occurrence has afterwards (the new
 * start of a one-off), for further changes to it.
 */
int series_move_occurrence(struct series *s, const struct civil *rid,
			   const struct civil *start, const struct civil *end,
			   struct civil *now_rid, struct herr *err);
/*
 * The minutes by which the segments of the occurrence that o changes are
 * shifted: the change of its time of day when o moved it (-12 h .. +12 h),
 * else 0 (also for all-day series and o NULL).
 */
int series_segment_shift(const struct series *s, const struct override *o);
/* A segment's time of day (minutes) moved by shift within one day; for an
 * end, midnight is 24:00. */
int segment_minutes_shifted(int minutes, int shift, bool end);
/*
 * Makes *copy a new series like s (new UID) whose first occurrence starts at
 * start; every date of the schedule moves by the same amount.
 */
int series_duplicate(const struct series *s, const struct civil *start,
		     struct series *copy, struct herr *err);

/*
 * Differences between two versions of a series (series_diff.c), as text a
 * person reads, keyed by field: "title", "kind", "status", "start", "end",
 * "zone", "repeat", "extra dates", "exception dates", "venue",
 * "organisations", "audience", "capacity", "contact", "description",
 * "segments", "reminders". The changes of single occurrences are apart:
 * series_overrides_changed lists the occurrences (original starts) whose
 * change differs, and series_override_diff says how, keyed "status",
 * "start", "end", "venue", "note".
 */
struct changes;
void series_diff(const struct series *a, const struct series *b,
		 struct changes *out);
void series_overrides_changed(const struct series *a, const struct series *b,
			      struct civil_list *out);
/*
 * Exchanges the value of one field of series_diff's (by its key) between a
 * and b: for taking another organiser's version of that field. The
 * schedule's fields (start, end, zone, repeat, extra and exception dates)
 * go together, as they only make sense together; "occurrences" exchanges
 * the changes of single occurrences. Returns false for a key it does not
 * know.
 */
bool series_swap_field(struct series *a, struct series *b, const char *field);
void series_override_diff(const struct series *a, const struct series *b,
			  const struct civil *rid, struct changes *out);
/* Differences between two versions of a venue ("name", "address",
 * "coordinates", "type", "services", "notes") or an organisation ("name",
 * "type", "contact"). */
void venue_diff(const struct venue *a, const struct venue *b,
		struct changes *out);
void org_diff(const struct org *a, const struct org *b, struct changes *out);
/* An occurrence's original start as the log names it ("2027-01-16 10:00"),
 * any start of s so, and an end (an all-day event's last day). */
char *series_rid_text(const struct series *s, const struct civil *rid);
char *series_when_text(const struct series *s, const struct civil *c);
char *series_end_text(const struct series *s, const struct civil *end);

#endif
