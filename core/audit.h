/*
 * audit.h - the audit log: who changed what in the calendar, and when.
 *
 * Several organisers change one database; every change says who made it.
 * Each change is one log entry written in the same write transaction as the
 * change itself, so the log and the data can never disagree: a change that
 * is rolled back (or cut short by a crash) leaves no entry, and an entry
 * always describes something that was stored.
 *
 * An entry records:
 *   - who: the name of the process's REAL user id (getuid(), never an
 *     environment variable, which anyone can set), and that uid;
 *   - when: the time of the change (the system clock, not $HEARTH_NOW);
 *   - what: an action ("add", "edit", "delete", "import", ...) on an entity
 *     ("series", "occurrence", "venue", "org", "calendar", and whatever a
 *     capability adds: "person", "station", ...), named by a stable
 *     reference (a series' UID, a venue's name, a person's id as text), a
 *     label people recognise (title or name at the time) and, for a part
 *     of it, which part (an occurrence's original start);
 *   - how: the fields changed, each with its value before and after as
 *     text (changes.h).
 *
 * WRITING. Storage code (files named store*.c, core/X/store_X.c included)
 * calls store_audit() between store_begin() and store_commit(), after the
 * change succeeded:
 *
 *	struct changes ch = { 0 };
 *	changes_add(&ch, "phone", old->phone, p->phone);
 *	rc = store_audit(st, &(struct audit_change){
 *		.action = AUDIT_EDIT, .entity = "person", .ref = idtext,
 *		.label = p->name, .fields = &ch }, err);
 *	changes_free(&ch);
 *
 * Series, occurrences, venues and organisations log themselves (store.h's
 * saving functions); their callers do nothing. An operation that makes
 * many changes as one (an import, the demo calendar) holds the log with
 * store_audit_hold(), which silences the entries of the changes it makes,
 * and writes one entry of its own with counts as fields.
 *
 * Personal data may appear in before/after values: the log stays in the
 * database and is shown only to users who may read the database and ask
 * for it (hearth log).
 *
 * READING. store_audit_list() lists entries matching a query (oldest
 * first); store_audit_last() gives the newest entry about one thing (the
 * "last changed by" of a detail pane, the "who" of a conflict);
 * store_audit_newest() the newest entry's id, so that a screen can tell
 * what others changed since it last looked.
 */
#ifndef HEARTH_AUDIT_H
#define HEARTH_AUDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "changes.h"
#include "util.h"

struct store;

/* Actions. */
#define AUDIT_ADD "add"
#define AUDIT_EDIT "edit"
#define AUDIT_DELETE "delete"
#define AUDIT_IMPORT "import"

/* The entities the calendar core logs; capabilities add their own names. */
#define AUDIT_SERIES "series"
#define AUDIT_OCCURRENCE "occurrence"
#define AUDIT_VENUE "venue"
#define AUDIT_ORG "org"
#define AUDIT_CALENDAR "calendar"   /* the calendar as a whole */

/* One change to record; the strings are copied. */
struct audit_change {
	const char *action;          /* AUDIT_ADD, ... (required) */
	const char *entity;          /* AUDIT_SERIES, ... (required) */
	const char *ref;             /* stable reference (required) */
	const char *label;           /* what people call it, or NULL */
	const char *part;            /* which part of it, or NULL */
	const struct changes *fields; /* what changed, or NULL */
};

/*
 * Records c as made now by the real user. Must run inside a write
 * transaction (HE_INTERNAL otherwise); nothing is recorded while the log
 * is held, except by the holder itself (see store_audit_hold).
 */
int store_audit(struct store *st, const struct audit_change *c,
		struct herr *err);
/*
 * Holds (on) or releases the log: while held, store_audit records nothing,
 * and the holder records its summary with store_audit_held() before it
 * releases. Holds nest.
 */
void store_audit_hold(struct store *st, bool on);
int store_audit_held(struct store *st, const struct audit_change *c,
		     struct herr *err);
/* The name entries of this process are recorded under. */
const char *store_audit_user(struct store *st);

/* An entry read back. */
struct audit_entry {
	int64_t id;                  /* grows with every entry */
	int64_t at;                  /* instant of the change */
	long unix_uid;
	char *user, *action, *entity, *ref, *label, *part;
	struct changes fields;
};
struct audit_entries {
	struct audit_entry *v;
	size_t n, cap;
};

/* Which entries to list: every field set narrows it. */
struct audit_query {
	int64_t since;               /* at or after this instant (0: any) */
	int64_t after_id;            /* with an id above this (0: any) */
	const char *user;            /* by this user */
	const char *ref;             /* about this reference */
	size_t limit;                /* the newest limit of them (0: all) */
};

/* Appends the matching entries, oldest first. */
int store_audit_list(struct store *st, const struct audit_query *q,
		     struct audit_entries *out, struct herr *err);
/* The newest entry about ref (*found false when there is none). */
int store_audit_last(struct store *st, const char *ref,
		     struct audit_entry *out, bool *found, struct herr *err);
/* The id of the newest entry (0 when the log is empty). */
int store_audit_newest(struct store *st, int64_t *id, struct herr *err);
void audit_entry_free(struct audit_entry *e);
void audit_entries_free(struct audit_entries *l);

#endif
