/*
 * tally.h - what was counted at an occurrence: people served, meals,
 * vehicles parked, blood-pressure checks... by category (config.h).
 *
 * A tally belongs to one occurrence of a series, named by its original
 * start as overrides are, and to one category. Entering a category again
 * replaces its value: the last entry counts, and the audit log keeps the
 * ones before. Only what happened is counted: an occurrence that was
 * cancelled, or that has not started yet, takes no tally, and the refusal
 * says why. Counts are whole numbers from 0 to TALLY_MAX.
 *
 * A tally remembers when its occurrence started when it was entered;
 * reports group by that moment. Deleting a series deletes its tallies.
 */
#ifndef HEARTH_TALLY_H
#define HEARTH_TALLY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../config.h"
#include "../series.h"
#include "../store.h"
#include "../util.h"

/* The audit log's name for tallies (audit.h): ref is the series' UID,
 * part the occurrence, fields the categories, before and after. */
#define TALLY_ENTITY "tally"

/* More than a billion of anything at one occurrence is a typing mistake. */
#define TALLY_MAX 1000000000LL

struct tally {
	char *category;          /* a category key */
	int64_t value;
	int64_t entered;         /* when (instant) */
	char *by;                /* who: a Unix user name */
};

struct tally_list {
	struct tally *v;
	size_t n, cap;
};

/* The tallies of one occurrence. */
struct tally_occ {
	struct civil rid;        /* its original start, in the series' zone */
	int64_t start;           /* when it started (instant) */
	struct tally_list t;
};

struct tally_occs {
	struct tally_occ *v;
	size_t n, cap;
};

/* One count to record. */
struct tally_input {
	const char *category;
	int64_t value;
	/*
	 * For a form that showed the stored value: refuse when it is no
	 * longer `expected` (-1: nothing was recorded), so that what someone
	 * else entered meanwhile is not overwritten unseen.
	 */
	bool check;
	int64_t expected;
};

/*
 * "served=120" into *category (caller frees) and *value; refuses negative
 * numbers, fractions and numbers over TALLY_MAX, naming the argument.
 */
int tally_parse(const char *arg, char **category, int64_t *value,
		struct herr *err);

/*
 * Whether the occurrence rid of s can take tallies at instant now; sets
 * *start to when it starts. HE_USER with the reason when it cannot: no
 * such occurrence, the series or the occurrence cancelled (with its note),
 * or it has not started yet.
 */
int tally_check_occurrence(const struct series *s, const struct civil *rid,
			   int64_t now, int64_t *start, struct herr *err);

/*
 * Checks that category key exists and counts something at events of kind;
 * HE_USER naming the kind's categories when not.
 */
int tally_check_category(const struct config *cfg, const char *kind,
			 const char *key, struct herr *err);

/*
 * Records the n counts of in for the occurrence rid of the series, in one
 * transaction after checking the occurrence, every category and every
 * value (nothing is written when one is refused).
 */
int tally_record(struct store *st, const struct config *cfg,
		 int64_t series_id, const struct civil *rid,
		 const struct tally_input *in, size_t n, int64_t now,
		 struct herr *err);

/* The tallies of one occurrence (out is emptied first), by category key. */
int tally_get(struct store *st, int64_t series_id, const struct civil *rid,
	      struct tally_list *out, struct herr *err);

/*
 * The tallied occurrences of a series that started in [from, to) (to 0:
 * no end), in start order.
 */
int tally_of_series(struct store *st, int64_t series_id, int64_t from,
		    int64_t to, struct tally_occs *out, struct herr *err);

/* The value of category in l, or -1 when it has none. */
int64_t tally_value(const struct tally_list *l, const char *category);

void tally_list_free(struct tally_list *l);
void tally_occs_free(struct tally_occs *o);

#endif
