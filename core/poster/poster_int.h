/*
 * poster_int.h - what poster_text.c (what a poster says) and poster_draw.c
 * (how it is laid out) share; not part of the interface.
 */
#ifndef HEARTH_POSTER_INT_H
#define HEARTH_POSTER_INT_H

#include "poster.h"

/* One line of the agenda: its times, title, and who and where. */
struct poster_item {
	char *when, *title, *detail;
};

/* The texts of a poster, cleaned of control characters; NULL: left out. */
struct poster_doc {
	char *band;              /* the kind ("棉织社区 · 读书会") */
	double rgb[3];           /* the kind's colour */
	char *title;
	char *when;              /* "每周五、六、日 10:00–18:00" */
	char *days;              /* "2027年1月1日至1月31日" */
	char *change;            /* a moved or cancelled occurrence, said */
	char *place, *address;
	char *people;            /* host, partners, ... one role a line */
	char *description;
	char *agenda_heading;
	struct poster_item *items;
	size_t n_items, cap_items;
	char *services;
	char *qr_caption;
};

int poster_doc_make(struct store *st, const struct series *s,
		    const struct poster_opts *o, struct poster_doc *d,
		    struct herr *err);
void poster_doc_free(struct poster_doc *d);
/* Lays d out on the page and writes it to out as o->format says. */
int poster_draw(const struct poster_doc *d, const struct poster_opts *o,
		FILE *out, struct herr *err);

#endif
