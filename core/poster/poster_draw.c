/*
 * poster_draw.c - a poster laid out with pango on cairo, as PDF or PNG.
 *
 * Sizes are in points on the page (pango at 72 dpi, metrics unhinted, so
 * that the PDF and the PNG break their lines in the same places). The page
 * is a coloured band with the kind, the title, then the body; the QR code
 * sits at the bottom right with its caption beside it. A long title is set
 * smaller until it fits in four lines; the body is set smaller (down to
 * MIN_BODY of its size) until it fits above the QR code, and what still
 * does not is left out with "…".
 */
#include <cairo-pdf.h>
#include <cairo.h>
#include <errno.h>
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>

#include "../i18n.h"
#include "../qr/qr.h"
#include "poster_int.h"

#define FONT "Noto Sans CJK SC"
#define PNG_DPI 150.0
#define TITLE_LINES 4
#define MIN_BODY 0.55

struct page {
	cairo_t *cr;
	PangoContext *ctx;       /* unhinted metrics (make_context) */
	double w, h;             /* points */
	double k;                /* sizes relative to A4 */
	double margin, width;    /* text width between the margins */
	bool draw;               /* false: only measure */
};

static const double ink[3] = { 0.10, 0.10, 0.10 };
static const double grey[3] = { 0.38, 0.38, 0.38 };
static const double alert[3] = { 0.78, 0.10, 0.10 };

static PangoLayout *make_layout(const struct page *p, const char *text,
				double size, bool bold, double width)
{
	PangoLayout *l = pango_layout_new(p->ctx);
	PangoFontDescription *fd = pango_font_description_from_string(FONT);
	PangoAttrList *attrs = pango_attr_list_new();

	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD
						   : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(l, fd);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	/* Lines broken inside a word get no hyphen: Chinese has none, and a
	   URL or a name must stay as it is. */
	pango_attr_list_insert(attrs, pango_attr_insert_hyphens_new(FALSE));
	pango_layout_set_attributes(l, attrs);
	pango_layout_set_text(l, text, -1);
	pango_attr_list_unref(attrs);
	pango_font_description_free(fd);
	return l;
}

static double layout_height(PangoLayout *l)
{
	int w, h;

	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

/* Draws text at (x, *y) and moves *y below it, plus gap. */
static void text(struct page *p, double x, double *y, double width,
		 const char *s, double size, bool bold, const double rgb[3],
		 double gap)
{
	PangoLayout *l;

	if (!s)
		return;
	l = make_layout(p, s, size, bold, width);
	if (p->draw) {
		cairo_set_source_rgb(p->cr, rgb[0], rgb[1], rgb[2]);
		cairo_move_to(p->cr, x, *y);
		pango_cairo_show_layout(p->cr, l);
	}
	*y += layout_height(l) + gap;
	g_object_unref(l);
}

/* The kind on a band of its colour across the top. */
static double draw_band(struct page *p, const struct poster_doc *d)
{
	PangoLayout *l = make_layout(p, d->band, 20 * p->k, true, p->width);
	double hgt = layout_height(l) + 2 * 12 * p->k;

	cairo_set_source_rgb(p->cr, d->rgb[0], d->rgb[1], d->rgb[2]);
	cairo_rectangle(p->cr, 0, 0, p->w, hgt);
	cairo_fill(p->cr);
	cairo_set_source_rgb(p->cr, 1, 1, 1);
	cairo_move_to(p->cr, p->margin, 12 * p->k);
	pango_cairo_show_layout(p->cr, l);
	g_object_unref(l);
	return hgt;
}

/* The title, as large as fits in TITLE_LINES lines. */
static double draw_title(struct page *p, const struct poster_doc *d, double y)
{
	double size = 46 * p->k, min = 16 * p->k;
	PangoLayout *l = NULL;

	for (;;) {
		l = make_layout(p, d->title, size, true, p->width);
		if (pango_layout_get_line_count(l) <= TITLE_LINES || size <= min)
			break;
		g_object_unref(l);
		size -= 2 * p->k;
	}
	if (pango_layout_get_line_count(l) > TITLE_LINES) {
		/* Even the smallest size is too long: end it with "…". */
		pango_layout_set_height(l, -TITLE_LINES);
		pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
	}
	cairo_set_source_rgb(p->cr, ink[0], ink[1], ink[2]);
	cairo_move_to(p->cr, p->margin, y);
	pango_cairo_show_layout(p->cr, l);
	y += layout_height(l);
	g_object_unref(l);
	return y;
}

/* One agenda line: times in a column (when any item has times), then
 * title and detail. */
static void item(struct page *p, double *y, const struct poster_item *it,
		 double f, bool timed)
{
	double col = timed ? 0.2 * p->width : 0, x = p->margin + col;
	double y0 = *y, y1;

	if (it->when) {
		double yy = y0;
		text(p, p->margin, &yy, col, it->when, 12 * f * p->k, true, ink, 0);
	}
	y1 = y0;
	text(p, x, &y1, p->width - col, it->title, 12 * f * p->k, false, ink,
	     1 * p->k);
	text(p, x, &y1, p->width - col, it->detail, 10 * f * p->k, false, grey,
	     0);
	*y = y1 + 5 * f * p->k;
}

/*
 * The body at scale f from y down; returns where it ends. limit: where it
 * must stop (items that would pass it are left out, with "…").
 */
static double body(struct page *p, const struct poster_doc *d, double y,
		   double f, double limit)
{
	double k = p->k * f, x = p->margin, w = p->width;
	bool timed = false;

	text(p, x, &y, w, d->when, 20 * k, true, ink, 3 * k);
	text(p, x, &y, w, d->days, 15 * k, false, ink, 3 * k);
	text(p, x, &y, w, d->change, 15 * k, true, alert, 3 * k);
	y += 8 * k;
	text(p, x, &y, w, d->place, 18 * k, true, ink, 2 * k);
	text(p, x, &y, w, d->address, 13 * k, false, grey, 2 * k);
	y += 8 * k;
	text(p, x, &y, w, d->people, 13 * k, false, ink, 8 * k);
	text(p, x, &y, w, d->description, 12 * k, false, ink, 10 * k);
	text(p, x, &y, w, d->agenda_heading, 14 * k, true, d->rgb, 4 * k);
	for (size_t i = 0; i < d->n_items; i++)
		timed = timed || d->items[i].when;
	for (size_t i = 0; i < d->n_items; i++) {
		bool was = p->draw;
		double next = y;
		p->draw = false;
		item(p, &next, &d->items[i], f, timed);
		p->draw = was;
		if (next > limit && p->draw) {
			text(p, x, &y, w, "…", 12 * k, false, grey, 0);
			return y;
		}
		item(p, &y, &d->items[i], f, timed);
	}
	y += 4 * k;
	text(p, x, &y, w, d->services, 13 * k, false, ink, 0);
	return y;
}

/* The QR code at the bottom right, its caption to its left. */
static int draw_qr(struct page *p, const struct poster_doc *d,
		   const struct poster_opts *o, double side, struct herr *err)
{
	struct qr q;
	double x0 = p->w - p->margin - side, y0 = p->h - p->margin - side;
	double unit, y;
	int rc = qr_encode(o->qr_text, o->qr_eci, &q, err);

	if (rc != HE_OK)
		return rc;
	unit = side / qr_side(&q);
	cairo_set_source_rgb(p->cr, 1, 1, 1);
	cairo_rectangle(p->cr, x0, y0, side, side);
	cairo_fill(p->cr);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	for (int my = 0; my < qr_side(&q); my++)
		for (int mx = 0; mx < qr_side(&q); mx++)
			if (qr_module(&q, mx, my))
				/* A hair wider, so that no seam shows. */
				cairo_rectangle(p->cr, x0 + mx * unit,
						y0 + my * unit, unit + 0.01,
						unit + 0.01);
	cairo_fill(p->cr);
	qr_free(&q);
	y = y0 + side / 3;
	text(p, p->margin, &y, p->width - side - 16 * p->k, d->qr_caption,
	     14 * p->k, true, ink, 4 * p->k);
	if (o->qr_is_feed)
		text(p, p->margin, &y, p->width - side - 16 * p->k, o->qr_text,
		     9 * p->k, false, grey, 0);
	return HE_OK;
}

static int lay_out(struct page *p, const struct poster_doc *d,
		   const struct poster_opts *o, struct herr *err)
{
	double qr = o->qr_text ? 0.26 * p->w : 0;
	double limit = p->h - p->margin - (qr ? qr + 12 * p->k : 0);
	double y, f = 1.0;

	cairo_set_source_rgb(p->cr, 1, 1, 1);
	cairo_paint(p->cr);
	y = draw_band(p, d) + 18 * p->k;
	y = draw_title(p, d, y) + 14 * p->k;
	/* The largest body that fits above the QR code. */
	p->draw = false;
	while (f > MIN_BODY && body(p, d, y, f, limit) > limit)
		f -= 0.05;
	p->draw = true;
	body(p, d, y, f, limit);
	return qr ? draw_qr(p, d, o, qr, err) : HE_OK;
}

static cairo_status_t to_file(void *closure, const unsigned char *data,
			      unsigned int n)
{
	return fwrite(data, 1, n, closure) == n ? CAIRO_STATUS_SUCCESS
						 : CAIRO_STATUS_WRITE_ERROR;
}

/* Unhinted metrics at 72 dpi: PDF and PNG break lines alike. */
static PangoContext *make_context(cairo_t *cr)
{
	cairo_font_options_t *fo = cairo_font_options_create();
	PangoContext *ctx = pango_cairo_create_context(cr);

	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_resolution(ctx, 72);
	pango_cairo_context_set_font_options(ctx, fo);
	cairo_font_options_destroy(fo);
	return ctx;
}

int poster_draw(const struct poster_doc *d, const struct poster_opts *o,
		FILE *out, struct herr *err)
{
	/* A4 and A3 in points. */
	double w = o->paper == POSTER_A3 ? 841.89 : 595.28;
	double h = o->paper == POSTER_A3 ? 1190.55 : 841.89;
	double scale = o->format == POSTER_PNG ? PNG_DPI / 72.0 : 1.0;
	struct page p = { .w = w, .h = h, .k = w / 595.28 };
	cairo_surface_t *s;
	cairo_status_t st;
	int rc;

	p.margin = 40 * p.k;
	p.width = w - 2 * p.margin;
	if (o->format == POSTER_PDF)
		s = cairo_pdf_surface_create_for_stream(to_file, out, w, h);
	else
		s = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
					       (int)(w * scale + 0.5),
					       (int)(h * scale + 0.5));
	p.cr = cairo_create(s);
	cairo_scale(p.cr, scale, scale);
	p.ctx = make_context(p.cr);
	rc = lay_out(&p, d, o, err);
	g_object_unref(p.ctx);
	cairo_show_page(p.cr);
	if ((st = cairo_status(p.cr)) == CAIRO_STATUS_SUCCESS &&
	    o->format == POSTER_PNG)
		st = cairo_surface_write_to_png_stream(s, to_file, out);
	cairo_destroy(p.cr);
	cairo_surface_finish(s);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	if (rc == HE_OK && st != CAIRO_STATUS_SUCCESS)
		rc = herr_set(err, HE_INTERNAL, _("cannot write the poster: %s"),
			      st == CAIRO_STATUS_WRITE_ERROR ? strerror(errno)
			      : cairo_status_to_string(st));
	return rc;
}
