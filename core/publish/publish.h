/*
 * publish.h - getting the calendar to phones: feeds that stay current in a
 * directory a web server serves, the page that lists them, and republishing
 * after every change.
 *
 * A feed is one iCalendar file that phones subscribe to: one of everything
 * (all.ics), one per kind (kind-KEY.ics), one per venue (venue-ID.ics) and
 * one per organisation (org-ID.ics). Venues and organisations are named by
 * their row, not their name, so that renaming one keeps its subscribers
 * and its address stays short (a QR code of it stays small). A venue's
 * feed also has the events with an occurrence moved there; an
 * organisation's those it hosts, co-hosts, sponsors or runs a segment of.
 *
 * Feeds follow the phone rules of the export (ics_export.h) and carry what
 * a rider may read and nothing of anybody (no contacts, no people).
 *
 * Each file is written beside its old self and renamed over it in one
 * step, so a phone never fetches half a feed; a file whose content would
 * not change is not touched, so the web server's ETag and Last-Modified
 * stay and phones are not made to download it again. Files the directory
 * held from an earlier run that no longer name a feed (a venue deleted)
 * are removed; other files there are never touched. Two hearth processes
 * publishing at once take turns (a lock file in the directory), so the
 * later change is always the one left on disk.
 *
 * With a base URL, index.html (Chinese and English, no scripts) links each
 * feed as webcal:// (iPhone subscribes) and https:// (Android apps, Google
 * Calendar), each with a QR code (NAME-webcal.png, NAME-https.png);
 * without one it links the files relatively and has no QR codes.
 */
#ifndef HEARTH_PUBLISH_H
#define HEARTH_PUBLISH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../config.h"
#include "../store.h"
#include "../util.h"

enum feed_type { FEED_ALL, FEED_KIND, FEED_VENUE, FEED_ORG };

struct feed {
	enum feed_type type;
	int64_t id;              /* venue or organisation row; 0 otherwise */
	char *name;              /* file name without ".ics": "venue-12" */
	char *key;               /* kind key, venue or organisation name;
				    NULL for all */
	char *title;             /* the calendar's name on phones */
};
struct feeds {
	struct feed *v;
	size_t n, cap;
};

/* Every feed: all, then the kinds, venues and organisations. */
int publish_feeds(struct store *st, const struct config *cfg,
		  struct feeds *out, struct herr *err);
void feeds_free(struct feeds *f);
/* The feed called name (as in the file name), or NULL. */
const struct feed *feeds_find(const struct feeds *f, const char *name);

/*
 * The address of feed name under base (a directory URL, with or without
 * its final '/'): "https://example.org/cal/venue-12.ics", or with webcal
 * the same with webcal:// in place of http(s)://.
 */
char *publish_feed_url(const char *base, const char *name, bool webcal);

struct publish_opts {
	const char *dir;
	const char *base_url;    /* NULL: relative links, no QR codes */
	const struct config *cfg;
	const char *zone;        /* the organiser's zone (X-WR-TIMEZONE) */
	int64_t now;
	/* Only these feeds (names), and index.html only when index; NULL:
	   every feed, the page and its QR codes. */
	const struct strv *only;
	bool index;
};

struct publish_result {
	size_t written;          /* files replaced or created */
	size_t unchanged;        /* files left as they were */
	size_t removed;          /* files of feeds that no longer exist */
};

/* Writes the feeds (and the page) into o->dir, creating it if needed. */
int publish_run(struct store *st, const struct publish_opts *o,
		struct publish_result *r, struct herr *err);

/*
 * Republishing after each change: from publish_watch on, every committed
 * change to st rewrites the feeds it touched (those of the old and the new
 * kind, venue and organisations of each series changed, and all.ics; every
 * feed when a venue or organisation is renamed; the page when one is added
 * or removed). It runs after the commit, so a failure cannot undo the
 * change: it is kept for publisher_failed. o's strings must outlive the
 * publisher.
 */
struct publisher;
int publish_watch(struct store *st, const struct publish_opts *o,
		  struct publisher **out, struct herr *err);
/* True, with the last republish's failure in *out, when one failed since
 * the last call (which forgets it). */
bool publisher_failed(struct publisher *p, struct herr *out);
void publish_unwatch(struct publisher **p);

/*
 * The notice for a group chat (notice.c): what takes place in a window, to
 * paste into a chat group, in the interface language. A heading, then one
 * line per occurrence in date order, with its day, weekday, times, title
 * and venue; a cancelled one says so with its reason ("1月16日（周六）暂停
 * 开放：商场检修"), a changed one what changed; the title moves into the
 * heading when every line has the same one. Then the feed's link when
 * published. Plain text: no markup, no control character, and no line
 * wrapped (chat apps wrap).
 */
struct notice_opts {
	int64_t from, to;        /* occurrences that start in [from, to) */
	const char *kind;        /* only this kind (key), or NULL */
	const char *venue;       /* only venues whose name contains it */
	const struct tz *zone;   /* the days and times shown */
	const struct config *cfg;
	const char *base_url;    /* where the feeds are published, or NULL */
};
int publish_notice(struct store *st, const struct notice_opts *o, char **out,
		   struct herr *err);

#endif
