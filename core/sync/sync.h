/*
 * sync.h - two-way sync with CalDAV servers (RFC 4791; Radicale,
 * Nextcloud, SOGo, any of them): the one header the rest of hearth
 * includes from core/sync/.
 *
 * Accounts. Each [sync NAME] section of the config is one calendar on one
 * server: its URL (a server root, a principal or the calendar itself),
 * the user, and the password from a file only its owner may read or from
 * a command; never in the config, on the command line or in the database.
 * TLS is verified (ca_file names a district's own CA). What goes out is
 * filtered (send_kind, send_org, or send = no); what comes in without a
 * kind or a host takes receive_kind and receive_org.
 *
 * One series is one calendar object resource (its changed occurrences
 * inside); the database keeps, per calendar, the href and ETag of each
 * and the revision of the series the server has. A sync of one calendar:
 *
 *   pull  what changed on the server since the last sync: sync-collection
 *         (RFC 6578) with the token of the last sync, or where the server
 *         lacks it a listing of ETags compared with those kept; then the
 *         changed objects by calendar-multiget, a batch at a time;
 *   push  each series changed here since the server last had it, with
 *         If-Match (its ETag) for an update and If-None-Match: * for a
 *         new one; each series deleted here by DELETE with If-Match.
 *
 * A remote change to a series unchanged here replaces it as its next
 * revision; a series changed on both sides (or a push answered 412
 * Precondition Failed) is a conflict and never an overwrite: the remote
 * version becomes the series' next revision and the local one is kept
 * beside it until someone chooses (hearth sync --conflicts, key Y). A
 * deletion on one side of a series changed on the other keeps the
 * changed one, as a conflict. An object hearth cannot model (a to-do, a
 * rule it refuses) is kept verbatim and never written back, so that it
 * stays on the server as it was. Nothing about people (volunteers,
 * shifts, points) is ever sent: objects are made from series alone.
 *
 * Robustness. The network is never waited on inside a transaction: each
 * batch of answers is applied in one short write transaction afterwards,
 * every change logged through the audit log in it. A sync cut short (a
 * dropped network, kill -9) leaves the database consistent, and the next
 * one finishes the job: hrefs follow from UIDs, the token is kept only
 * when the pull it ends is whole, and an object already on the server is
 * recognised rather than sent twice. Two syncs of one calendar take
 * turns (a lock beside the database). Answers are bounded in size, XML
 * is read without DTDs or entities, and every failure names the server,
 * the resource and the status.
 */
#ifndef HEARTH_SYNC_H
#define HEARTH_SYNC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../changes.h"
#include "../config.h"
#include "../store.h"
#include "../tz.h"
#include "../util.h"

/* ---- Accounts: [sync NAME] sections (account.c) ---- */

struct sync_account {
	char *name;              /* NAME of [sync NAME] */
	int line;                /* of the section's first option */
	char *url;               /* root, principal or calendar */
	char *calendar;          /* which calendar of a home: its name or
				    the last part of its path */
	char *user;
	char *password_file, *password_command;
	char *ca_file;
	bool digest;             /* auth = digest (else basic) */
	bool allow_http;         /* plain http:// to another machine */
	bool send;               /* send = no: only receive */
	bool use_sync_collection; /* sync_collection = no: by ctag/ETags */
	struct strv send_kinds;  /* only these kinds go out (empty: all) */
	char *send_org;          /* only events of this organisation */
	char *receive_kind;      /* events that come without a kind */
	char *receive_org;       /* the host of events that come without one */
	long timeout;            /* seconds without progress */
	size_t max_response;     /* bytes an answer may have */
};

struct sync_config {
	struct sync_account *v;
	size_t n, cap;
};

struct sync_config *sync_config_new(void);
void sync_config_free(struct sync_config **sc);
/* True for [sync NAME] sections. */
bool sync_config_section(const char *section);
/* Applies one option of a [sync NAME] section at line; false with a
 * message in msg when it is wrong. */
bool sync_config_set(struct sync_config *sc, const char *section,
		     const char *name, const char *value, int line, char *msg,
		     size_t msglen);
/* The account called name, or NULL. */
const struct sync_account *sync_account_find(const struct config *c,
					     const char *name);
/* Checks that a can be used (a URL, a way to the password...); the
 * message names the config file and line. */
int sync_account_check(const struct config *c, const struct sync_account *a,
		       struct herr *err);

/* ---- Discovery (hearth sync --setup) ---- */

struct sync_calendar_info {
	char *url;               /* the calendar's URL */
	char *name;              /* its display name, or NULL */
	char *colour;            /* its colour, or NULL */
	bool sync_collection;    /* it answers sync-collection */
	bool vevent;             /* it holds events */
};

struct sync_found {
	char *server;            /* scheme://host:port */
	char *principal, *home;  /* URLs, or NULL when not found */
	bool direct;             /* the URL was a calendar itself */
	struct sync_calendar_info *v;
	size_t n, cap;
	long requests;
};

/*
 * Finds the calendars a's URL leads to: the URL itself when it is one,
 * else through /.well-known/caldav, current-user-principal and
 * calendar-home-set. password NULL: a's own.
 */
int sync_discover(const struct sync_account *a, const char *password,
		  struct sync_found *out, struct herr *err);
/* Makes a calendar called name in the home a's URL leads to; *url gets
 * its URL. */
int sync_mkcalendar(const struct sync_account *a, const char *password,
		    const char *name, char **url, struct herr *err);
void sync_found_free(struct sync_found *f);

/* ---- A sync (run.c) ---- */

/* What a sync did. */
struct sync_stats {
	long in_added, in_changed, in_deleted;    /* here, from the server */
	long out_added, out_changed, out_deleted; /* there, from here */
	long conflicts;                           /* new ones */
	long verbatim;                            /* objects kept as they are */
	long unchanged;                           /* series found in step */
	long requests;
	double seconds;
};

/* Told as a sync goes on (may be NULL). */
typedef void (*sync_progress_fn)(void *ctx, const char *step, size_t done,
				 size_t total);
/* A problem that did not stop the sync: an object kept verbatim. */
typedef void (*sync_note_fn)(void *ctx, const char *msg);

struct sync_opts {
	const struct config *cfg;
	const struct sync_account *a;
	const struct tz *zone;   /* the calendar's zone, for floating times */
	int64_t now;
	bool cancelled_exdate;   /* cancelled occurrences as EXDATE */
	sync_progress_fn progress;
	sync_note_fn note;
	void *ctx;
};

/*
 * Syncs the calendar of o->a with st. HE_OK when both directions went
 * through (conflicts are kept, counted in stats); an error naming the
 * server, the resource and the status otherwise, with what was done
 * before it kept. The outcome is recorded for sync_status.
 */
int sync_run(struct store *st, const struct sync_opts *o,
	     struct sync_stats *stats, struct herr *err);

/* ---- Status and conflicts (conflict.c) ---- */

struct sync_status {
	char *account;
	char *url;               /* the calendar's URL, NULL before a sync */
	int64_t last_try, last_ok; /* instants, 0 for never */
	char *last_error;        /* of the last sync, NULL when it went well */
	struct sync_stats last;  /* what the last good sync did */
	long objects;            /* objects kept in step */
	long verbatim;           /* of which kept verbatim */
	long conflicts;          /* open conflicts */
};

/* Every calendar the database has synced, by account name. */
int sync_status_list(struct store *st, struct sync_status **out, size_t *n,
		     struct herr *err);
void sync_status_free(struct sync_status *v, size_t n);
/* Open conflicts in all (0 when the database never synced). */
int sync_conflict_count(struct store *st, long *n, struct herr *err);

enum sync_conflict_kind {
	SYNC_EDITED,             /* changed on both sides */
	SYNC_DELETED_HERE,       /* deleted here, changed there: restored */
	SYNC_DELETED_THERE,      /* deleted there, changed here: kept */
};

struct sync_conflict {
	int64_t id;
	char *account;
	char *uid, *title;       /* the series (title as it is now) */
	enum sync_conflict_kind kind;
	int64_t at;              /* when it was found */
	char *user;              /* by whose sync */
	char *local;             /* the local version (iCalendar), or NULL */
};
struct sync_conflicts {
	struct sync_conflict *v;
	size_t n, cap;
};

/* The open conflicts, oldest first (account NULL: of every calendar). */
int sync_conflict_list(struct store *st, const char *account,
		       struct sync_conflicts *out, struct herr *err);
void sync_conflicts_free(struct sync_conflicts *l);
/* "edited", "deleted-here", "deleted-there": for scripts. */
const char *sync_conflict_kind_name(enum sync_conflict_kind k);
/* What happened, for people ("changed on both sides"), translated. */
const char *sync_conflict_kind_text(enum sync_conflict_kind k);
/*
 * How the local version of c differs from the series as it is now
 * (field, mine, theirs), through series_diff; for a deletion, one line
 * saying which side deleted it.
 */
int sync_conflict_diff(struct store *st, const struct config *cfg,
		       const struct tz *zone, const struct sync_conflict *c,
		       struct changes *out, struct herr *err);

/* A field of a difference ("title", "start"...) in the interface
 * language. */
const char *sync_field_label(const char *field);

enum sync_keep { SYNC_KEEP_THEIRS, SYNC_KEEP_MINE };
/*
 * Settles conflict id: theirs keeps what the series is now (the remote
 * version; for a deletion there, the series is deleted); mine makes the
 * local version the series' next revision (for a deletion here, deletes
 * it again), which the next sync sends. One transaction, logged.
 */
int sync_resolve(struct store *st, const struct config *cfg,
		 const struct tz *zone, int64_t id, enum sync_keep keep,
		 struct herr *err);
/* The conflict id a UID or number names (the oldest open one of the
 * series). */
int sync_conflict_find(struct store *st, const char *what, int64_t *id,
		       struct herr *err);

#endif
