/*
 * cli_event.h - helpers the event commands share (cli_event.c, cli_occ.c).
 */
#ifndef HEARTH_CLI_EVENT_H
#define HEARTH_CLI_EVENT_H

#include "../core/series.h"
#include "../core/store.h"
#include "../core/when.h"
#include "cli.h"

/* Changes a loaded series; returns HE_OK to have it saved. */
typedef int (*series_change_fn)(struct app *c, struct series *s, void *ctx);

/*
 * Finds the series id names, loads it, applies change and saves it, all in
 * one transaction, so no other process can change it in between.
 */
int cli_change_series(struct app *c, const char *id, series_change_fn change,
		      void *ctx);
/*
 * Reads the original start of an occurrence of s: a date alone on a timed
 * series means the occurrence that day at the series' time of day.
 */
int cli_parse_occurrence(struct app *c, const struct series *s,
			 const char *text, struct civil *rid);
/* Parses text in s's zone relative to today there. */
int cli_parse_when(struct app *c, const struct series *s, const char *text,
		   struct when *w);

/*
 * One occurrence of s as a listing shows it (cli_phone.c): the one whose
 * original start is at, or without at the next one from now (else the
 * last one), cancelled ones included. Free it with occ_free.
 */
int cli_occurrence(struct app *c, const struct series *s, const char *at,
		   struct occ *out);
/*
 * The address of the feed a poster of s points to (cli_publish.c): its
 * venue's, else its kind's, under base; NULL with c->err set when there is
 * no such feed.
 */
char *cli_event_feed_url(struct app *c, const struct series *s,
			 const char *base);

#endif
