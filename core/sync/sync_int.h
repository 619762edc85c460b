/*
 * sync_int.h - what the files of core/sync/ share; not part of the
 * interface (sync.h is).
 *
 *   http.c        one server: libcurl, credentials, bounded answers,
 *                 errors that name the server, the resource and the status
 *   xml.c         WebDAV multistatus answers read with libxml2, without
 *                 DTDs or entities (no XXE, no entity expansion)
 *   dav.c         the WebDAV and CalDAV requests hearth makes: discovery,
 *                 listing, sync-collection, multiget, PUT, DELETE
 *   href.c        paths on the server: decoding, encoding, resolving
 *   account.c     [sync NAME] sections and the password
 *   run.c         one sync of one calendar: pull, then push
 *   decide.c      what a remote object means to the local series
 *   conflict.c    conflicts kept, listed and resolved
 *   store_sync.c  the SQL (the only file here that includes sqlite3.h)
 *
 * Only this folder includes curl and libxml2.
 */
#ifndef HEARTH_SYNC_INT_H
#define HEARTH_SYNC_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../util.h"
#include "sync.h"

/* ---- http.c ---- */

struct http;

struct http_opts {
	const char *user, *password; /* NULL: no authentication */
	const char *ca_file;         /* NULL: the system's CAs */
	bool digest;                 /* Digest instead of Basic */
	long timeout;                /* seconds without progress */
	size_t max_body;             /* bytes an answer may have */
};

/* One request. */
struct http_req {
	const char *method;          /* "PROPFIND", "PUT", ... */
	const char *url;
	const char *depth;           /* Depth header, or NULL */
	const char *content_type;    /* of body, or NULL */
	const char *body;
	size_t body_len;
	const char *if_match;        /* an ETag, or NULL */
	bool if_none_match;          /* If-None-Match: * */
};

struct http_resp {
	long status;
	struct sbuf body;
	char *etag;                  /* ETag header, or NULL */
	char *location;              /* Location header, or NULL */
};

int http_new(struct http **out, const char *server, const struct http_opts *o,
	     struct herr *err);
void http_free(struct http **h);
/*
 * Sends r and reads the answer into resp (emptied first). HE_OK whatever
 * the HTTP status (the caller judges it); an error naming the server and
 * the resource when the request could not be made or the answer was too
 * large or too slow.
 */
int http_do(struct http *h, const struct http_req *r, struct http_resp *resp,
	    struct herr *err);
void http_resp_free(struct http_resp *resp);
/* Requests made through h so far. */
long http_requests(const struct http *h);
/* The server h talks to, for messages ("https://dav.example.org"). */
const char *http_server(const struct http *h);
/* Sets err for an answer with an unexpected status, naming the server,
 * the method, the resource and the status, with a hint for 401/403/404. */
int http_status_error(struct http *h, const char *method, const char *url,
		      long status, struct herr *err);

/* ---- href.c ---- */

/* scheme://host[:port] of url, or NULL when url is not http(s). */
char *url_origin(const char *url);
/* The path of url ("/" when it has none), decoded (%XX to bytes). */
char *url_path(const char *url);
/* href as the server wrote it (a path or a URL), decoded. */
char *href_decode(const char *href);
/* The URL of decoded path on origin, percent-encoding what a path may not
 * hold as it is. */
char *href_url(const char *origin, const char *path);
/* path with a '/' at its end. */
char *path_dir(const char *path);
/* The name of the object resource of a series' UID in collection dir:
 * the UID itself when it is made of letters, digits, '-', '_' and '.',
 * else a digest of it; ".ics" added. */
char *href_for_uid(const char *dir, const char *uid);
/* True for 127.0.0.1, ::1 and localhost URLs. */
bool url_loopback(const char *url);

/* ---- xml.c ---- */

/* One <response> of a multistatus, with the properties found (200). */
struct dav_item {
	char *href;                  /* decoded */
	long status;                 /* the response's own status, 0 if none */
	char *etag;
	char *data;                  /* calendar-data */
	char *displayname;
	char *ctag;                  /* CalendarServer getctag */
	char *sync_token;            /* DAV:sync-token property */
	char *principal;             /* current-user-principal href */
	char *home;                  /* calendar-home-set href */
	char *colour;                /* apple calendar-color */
	bool collection, calendar;   /* resourcetype */
	bool vevent;                 /* supports VEVENT (or says nothing) */
	bool has_sync;               /* supported-report-set: sync-collection */
};

struct dav_items {
	struct dav_item *v;
	size_t n, cap;
	char *sync_token;            /* a sync-collection answer's new token */
	bool truncated;              /* 507 on the collection: ask again */
};

/*
 * Reads a multistatus answer (len bytes). A document type declaration is
 * refused before anything is parsed, and the parser never loads or
 * expands entities nor reaches the network. HE_USER with a message
 * naming what is wrong (the caller adds server and resource).
 */
int dav_parse(const char *body, size_t len, struct dav_items *out,
	      struct herr *err);
/* The precondition of an error body (e.g. "valid-sync-token"), or NULL. */
char *dav_error_condition(const char *body, size_t len);
void dav_item_free(struct dav_item *it);
void dav_items_free(struct dav_items *l);

/* ---- dav.c ---- */

struct dav {
	struct http *http;
	char *origin;                /* scheme://host:port */
};

/* The calendars under a principal or home, and where they were found. */
struct dav_found {
	char *principal, *home;      /* decoded paths, or NULL */
	char *calendar;              /* the URL itself was this calendar */
	struct dav_items calendars;  /* calendars (collection and VEVENT) */
};
void dav_found_free(struct dav_found *f);

int dav_open(struct dav *d, const struct sync_account *a,
	     const char *password, struct herr *err);
void dav_close(struct dav *d);
/* Follows url (a server root, a principal, a home or a calendar) to the
 * calendars it leads to (RFC 6764 section 6, RFC 4791 section 6.2). */
int dav_discover(struct dav *d, const char *url, struct dav_found *out,
		 struct herr *err);
/* The properties of one collection (path decoded): its ctag, sync-token,
 * whether it supports sync-collection, its name. */
int dav_collection(struct dav *d, const char *path, struct dav_item *out,
		   struct herr *err);
/*
 * The changes since token (NULL or "": all) by sync-collection (RFC
 * 6578): hrefs with their ETags, and those gone (status 404). HE_USER
 * with *invalid set when the server no longer knows the token.
 */
int dav_sync_collection(struct dav *d, const char *path, const char *token,
			struct dav_items *out, bool *invalid,
			struct herr *err);
/* Every object of a collection with its ETag (PROPFIND depth 1). */
int dav_list(struct dav *d, const char *path, struct dav_items *out,
	     struct herr *err);
/* The data and ETags of n objects (calendar-multiget). */
int dav_multiget(struct dav *d, const char *path, char *const *hrefs,
		 size_t n, struct dav_items *out, struct herr *err);
/* GET of one object: *status 200 with data and etag, or 404. */
int dav_get(struct dav *d, const char *path, long *status, char **data,
	    char **etag, struct herr *err);
/*
 * PUT of an object: with if_match (an ETag) as an update, else as a
 * creation (If-None-Match: *). *status is the server's; *etag the new
 * ETag when the server gave one.
 */
int dav_put(struct dav *d, const char *path, const char *data,
	    const char *if_match, long *status, char **etag,
	    struct herr *err);
/* DELETE of an object, with If-Match when etag is set. */
int dav_delete(struct dav *d, const char *path, const char *etag,
	       long *status, struct herr *err);
/* MKCALENDAR of a new calendar called name at path. */
int dav_mkcalendar(struct dav *d, const char *path, const char *name,
		   struct herr *err);
/* Requests made so far. */
long dav_requests(const struct dav *d);

/* ---- account.c ---- */

/* The password of a (from its file or its command); the caller wipes
 * and frees it. NULL with HE_OK when the account needs none. */
int sync_password(const struct sync_account *a, char **out, struct herr *err);
/* Wipes and frees a password. */
void sync_password_free(char **pw);

/* ---- store_sync.c ---- */

struct series;
struct series_ical;

/* The row of a calendar the database syncs with. */
struct sync_cal {
	int64_t id;
	char *account;
	char *source;                /* the config's url and calendar it was
					found from */
	char *url;                   /* NULL before the first sync */
	char *token;                 /* sync-collection token, or NULL */
	char *ctag;                  /* getctag when the server lacks it */
};
void sync_cal_free(struct sync_cal *c);

/* One object on the server, as the database knows it. */
struct sync_item {
	char *href;                  /* decoded path */
	char *uid;                   /* the series', or NULL */
	char *etag;                  /* NULL: not known yet */
	int revision;                /* of the series the server has; 0 none */
	bool raw;                    /* kept verbatim, not a series */
};
struct sync_items {
	struct sync_item *v;
	size_t n, cap;
};
void sync_item_free(struct sync_item *it);
void sync_items_free(struct sync_items *l);

/* What the push has to do for one series. */
struct sync_push {
	char *uid, *href, *etag;     /* etag NULL: create */
	int64_t series_id;           /* 0: deleted here */
	int revision;                /* the series' now */
};
struct sync_pushes {
	struct sync_push *v;
	size_t n, cap;
};
void sync_pushes_free(struct sync_pushes *l);

/* The row of account (created when create; inside a write transaction
 * then). *found false when absent and not created. */
int sync_cal_get(struct store *st, const char *account, bool create,
		 struct sync_cal *out, bool *found, struct herr *err);
/* Records the calendar's URL; a different one than before starts over
 * (its objects, token and conflicts are forgotten: another calendar). */
int sync_cal_set_url(struct store *st, struct sync_cal *c, const char *source,
		     const char *url, struct herr *err);
int sync_cal_set_token(struct store *st, struct sync_cal *c,
		       const char *token, const char *ctag, struct herr *err);
/* Records the outcome of a sync (error NULL: it went well) and logs it. */
int sync_cal_outcome(struct store *st, const struct sync_cal *c, int64_t at,
		     const char *error, const struct sync_stats *stats,
		     struct herr *err);

/* The object at href / of uid on calendar cal. */
int sync_item_get(struct store *st, int64_t cal, const char *href,
		  struct sync_item *out, bool *found, struct herr *err);
int sync_item_by_uid(struct store *st, int64_t cal, const char *uid,
		     struct sync_item *out, bool *found, struct herr *err);
/* Creates or replaces the item (raw: the object's text, problem why). */
int sync_item_put(struct store *st, int64_t cal, const struct sync_item *it,
		  const char *raw, const char *problem, struct herr *err);
int sync_item_delete(struct store *st, int64_t cal, const char *href,
		     struct herr *err);
/* Every object of cal (href, etag, ...), for comparing with a listing. */
int sync_item_list(struct store *st, int64_t cal, struct sync_items *out,
		   struct herr *err);

/*
 * What to push to cal: series changed since the server had them, series
 * a's filter sends that the server does not have, and series deleted
 * here; none with an open conflict.
 */
int sync_push_list(struct store *st, int64_t cal,
		   const struct sync_account *a, struct sync_pushes *out,
		   struct herr *err);
/* The series' row and revision by UID (*found false when none). */
int sync_series_rev(struct store *st, const char *uid, int64_t *id,
		    int *revision, bool *found, struct herr *err);

/*
 * Stores s (from the server) as the series' next version, old being the
 * stored one (NULL: new), and logs it as coming from account.
 */
int sync_store_series(struct store *st, const char *account,
		      struct series *s, const struct series_ical *x,
		      const struct series *old, struct herr *err);
/* Deletes the series (deleted on the server), logged so. */
int sync_delete_series(struct store *st, const char *account,
		       int64_t series_id, const char *uid, const char *title,
		       struct herr *err);

/* Conflicts. */
int sync_conflict_add(struct store *st, const struct sync_cal *c,
		      const char *uid, const char *title,
		      enum sync_conflict_kind kind, const char *local,
		      struct herr *err);
/* True when cal has an open conflict about uid. */
int sync_conflict_open(struct store *st, int64_t cal, const char *uid,
		       bool *open, struct herr *err);
int sync_conflict_get(struct store *st, int64_t id, struct sync_conflict *out,
		      int64_t *cal, struct herr *err);
/* Removes the conflict and logs what was kept. */
int sync_conflict_done(struct store *st, const struct sync_conflict *c,
		       enum sync_keep keep, struct herr *err);
void sync_conflict_free(struct sync_conflict *c);

/* ---- decide.c: what one object from the server means here ---- */

struct ics_writer;

/* What deciding needs, shared by a sync and by settling a conflict. */
struct sync_ctx {
	struct store *st;
	const struct config *cfg;
	const struct sync_account *a; /* NULL when settling a conflict */
	struct sync_cal cal;
	const struct tz *zone;
	int64_t now;
	bool cancelled_exdate;
	struct ics_writer *writer;   /* made when first needed */
	struct sync_stats *stats;
	sync_note_fn note;
	void *note_ctx;
	const char *server;          /* for messages */
};

/*
 * In a write transaction: takes the object at href (ETag etag, text
 * data) as the server has it now: a new series, the next revision of one
 * unchanged here, a conflict with one changed here, or an object kept
 * verbatim.
 */
int sync_take_remote(struct sync_ctx *x, const char *href, const char *etag,
		     const char *data, struct herr *err);
/* In a write transaction: the object of it is gone from the server. */
int sync_take_gone(struct sync_ctx *x, const struct sync_item *it,
		   struct herr *err);
/* The object text of the stored series id (for a PUT or a conflict), and
 * the revision it is of (revision may be NULL). */
int sync_object_text(struct sync_ctx *x, int64_t id, char **text,
		     int *revision, struct herr *err);
void sync_ctx_free(struct sync_ctx *x);

#endif
