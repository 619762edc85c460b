/*
 * ui_map.c - the map (M): stations and demand points on a grid of Braille
 * dots (U+2800..U+28FF: each cell is 2 dots wide and 4 high), so that an
 * 80x24 terminal shows 160x80 dots. An open station is a square of four
 * dots, a closed one a single dot; a demand point is a letter over its
 * cell - o when a station is open within reach, x when none is - so that
 * the map reads without colour (with colour, o is green and x red). The
 * place travel is measured from is @. Arrows pan, + and - zoom, [ and ]
 * move an hour, o chooses the place, f a service (with the stations view).
 */
#include "ui_stations.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"
#include "../core/label.h"
#include "../core/text.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

/* Metres per degree of latitude; of longitude times cos(latitude). */
#define M_PER_DEG 111195.0
#define MIN_SCALE 2.0            /* metres per dot */
#define MAX_SCALE 100000.0

struct map {
	bool loaded, placed;
	double clat, clon;       /* the centre */
	double scale;            /* metres per dot */
	struct station_list st;
	unsigned char *open;     /* per station */
	struct coverage cov;     /* the demand points at the moment shown */
	size_t n_open, n_out;
};

static struct map *state(struct ui *u)
{
	struct map *m = u->state[V_MAP];

	if (!m)
		m = u->state[V_MAP] = xcalloc(1, sizeof *m);
	return m;
}

static void map_clear(struct map *m)
{
	station_list_free(&m->st);
	free(m->open);
	m->open = NULL;
	coverage_free(&m->cov);
	m->n_open = m->n_out = 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Centre and scale that show the demand points (else the stations): the
 * middle nine tenths of them, so that a venue in another city does not
 * shrink the rest to a dot. */
static void place(struct ui *u, struct map *m)
{
	size_t n = 0, cap = m->cov.points.n + m->st.n + 1;
	double *lat = xcalloc(cap, sizeof *lat), *lon = xcalloc(cap, sizeof *lon);
	int dots_w = u->cols * 2, dots_h = (ui_body_rows(u) - 2) * 4;

	for (size_t i = 0; i < m->cov.points.n; i++, n++) {
		lat[n] = m->cov.points.v[i].lat;
		lon[n] = m->cov.points.v[i].lon;
	}
	for (size_t i = 0; n == 0 && i < m->st.n; i++)
		if (m->st.v[i].v.has_geo) {
			lat[n] = m->st.v[i].v.lat;
			lon[n++] = m->st.v[i].v.lon;
		}
	if (n) {
		qsort(lat, n, sizeof *lat, cmp_double);
		qsort(lon, n, sizeof *lon, cmp_double);
		size_t a = n / 20, b = n - 1 - n / 20;
		m->clat = (lat[a] + lat[b]) / 2;
		m->clon = (lon[a] + lon[b]) / 2;
		double h = (lat[b] - lat[a]) * M_PER_DEG * 1.2;
		double w = (lon[b] - lon[a]) * M_PER_DEG *
			   cos(m->clat * M_PI / 180) * 1.2;
		double sh = dots_h > 0 ? h / dots_h : 0, sw = dots_w > 0 ? w / dots_w : 0;
		m->scale = sh > sw ? sh : sw;
		if (m->scale < 20)
			m->scale = 20;
		m->placed = true;
	}
	free(lat);
	free(lon);
}

static void load(struct ui *u, struct map *m)
{
	struct open_query q = ui_stations_query(u);
	const struct stations_config *c = u->app->cfg.stations;
	bool *open = NULL;
	struct demand_list pts = { 0 };
	struct coverage_query cq = { .at = q.at, .within = c->within,
				     .travel = q.travel, .service = q.service };
	struct herr err = { 0 };
	int rc;

	map_clear(m);
	q.near = false;          /* every open station, by name */
	rc = store_stations(u->app->st, NULL, &m->st, &err);
	open = xcalloc(m->st.n + 1, sizeof *open);
	if (rc == HE_OK)
		rc = stations_open_among(u->app->st, c, u->app->home, &q, &m->st,
					 open, &err);
	if (rc == HE_OK)
		rc = store_demand_list(u->app->st, &pts, &err);
	if (rc == HE_OK && pts.n)
		rc = stations_coverage(u->app->st, c, u->app->home, &pts, &cq,
				       &m->cov, &err);
	if (rc != HE_OK)
		ui_show_err(u, &err);
	m->open = xcalloc(m->st.n + 1, 1);
	for (size_t i = 0; i < m->st.n; i++)
		if (open[i]) {
			m->open[i] = 1;
			m->n_open++;
		}
	if (m->cov.n_hours)
		m->n_out = m->cov.uncovered[0];
	free(open);
	demand_list_free(&pts);
	m->loaded = true;
	if (!m->placed)
		place(u, m);
}

/* The dot of a point: false when it is off the canvas. */
static bool to_dot(const struct map *m, int w, int h, double lat, double lon,
		   int *x, int *y)
{
	double dx = (lon - m->clon) * M_PER_DEG * cos(m->clat * M_PI / 180) /
		    m->scale;
	double dy = (m->clat - lat) * M_PER_DEG / m->scale;

	*x = (int)floor(dx + w / 2.0);
	*y = (int)floor(dy + h / 2.0);
	return *x >= 0 && *y >= 0 && *x < w && *y < h;
}

/* Braille: the bit of dot (x, y) in its 2x4 cell. */
static unsigned char dot_bit(int x, int y)
{
	static const unsigned char bits[4][2] = {
		{ 0x01, 0x08 }, { 0x02, 0x10 }, { 0x04, 0x20 }, { 0x40, 0x80 } };

	return bits[y & 3][x & 1];
}

static void set_dot(unsigned char *cells, int cols, int w, int h, int x, int y)
{
	if (x < 0 || y < 0 || x >= w || y >= h)
		return;
	cells[(y / 4) * cols + x / 2] |= dot_bit(x, y);
}

static void draw_cells(const unsigned char *cells, int y0, int rows, int cols)
{
	for (int r = 0; r < rows; r++) {
		struct sbuf b = { 0 };
		for (int c = 0; c < cols; c++) {
			char utf[4];
			uint32_t cp = cells[r * cols + c] ? 0x2800u + cells[r * cols + c]
							  : ' ';
			sbuf_addn(&b, utf, text_encode(cp, utf));
		}
		ui_put(y0 + r, 0, cols, sbuf_str(&b), A_NORMAL);
		sbuf_free(&b);
	}
}

/* "1 cell = 250 m" rounded as people read a scale. */
static char *scale_text(double cell_metres)
{
	if (cell_metres < 1000)
		return xasprintf(_("1 cell ≈ %.0f m"), cell_metres);
	return xasprintf(_("1 cell ≈ %.1f km"), cell_metres / 1000);
}

static void draw_heading(struct ui *u, const struct map *m, int y)
{
	struct civil at = tz_from_utc(ui_zone(u), ui_stations_at(u), NULL);
	char *day = label_day(&at), hhmm[8], *text;

	label_hhmm(&at, hhmm);
	text = xasprintf(_("%s %s: %zu/%zu stations open, %zu/%zu points "
			   "left out (%d min)"), day, hhmm,
			 m->n_open, m->st.n, m->n_out, m->cov.points.n,
			 u->app->cfg.stations->within);
	ui_put(y, 0, u->cols, text, A_BOLD);
	free(text);
	free(day);
}

static void draw_legend(struct ui *u, const struct map *m, int y)
{
	char *scale = scale_text(m->scale * 2), *text;

	/* TRANSLATORS: the map's legend; the symbols stay as they are. */
	text = xasprintf(_("⣿ open  ⠁ closed  o covered  x left out  @ from  "
			   "%s"), scale);
	ui_put(y, 0, u->cols, text, A_DIM);
	free(text);
	free(scale);
}

/* A letter over the cell of a point (demand point, the place). */
static void mark(struct ui *u, const struct map *m, int y0, int w, int h,
		 double lat, double lon, const char *letter, attr_t at)
{
	int x, y;

	if (to_dot(m, w, h, lat, lon, &x, &y))
		ui_put(y0 + y / 4, x / 2, 1, letter, at);
	(void)u;
}

static void draw(struct ui *u)
{
	struct map *m = state(u);
	struct stations_shared *sh = ui_stations_shared(u);
	int y0 = ui_body_top(), rows = ui_body_rows(u) - 2, cols = u->cols;
	int w = cols * 2, h = rows * 4;
	unsigned char *cells;

	if (!m->loaded)
		load(u, m);
	draw_heading(u, m, y0);
	if (rows < 2)
		return;
	if (!m->placed) {
		ui_put(y0 + 2, 2, cols - 4, _("No station or demand point has "
			"coordinates yet (hearth venue import, hearth demand "
			"import)."), A_DIM);
		draw_legend(u, m, y0 + 1 + rows);
		return;
	}
	cells = xcalloc((size_t)(rows * cols) + 1, 1);
	for (size_t i = 0; i < m->st.n; i++) {
		int x, y;
		const struct station *s = &m->st.v[i];
		if (!s->v.has_geo || s->members.n ||
		    !to_dot(m, w, h, s->v.lat, s->v.lon, &x, &y))
			continue;
		set_dot(cells, cols, w, h, x, y);
		if (m->open[i]) {
			/* Four dots: open stands out from closed. */
			set_dot(cells, cols, w, h, x ^ 1, y);
			set_dot(cells, cols, w, h, x, y ^ 1);
			set_dot(cells, cols, w, h, x ^ 1, y ^ 1);
		}
	}
	draw_cells(cells, y0 + 1, rows, cols);
	free(cells);
	for (size_t p = 0; p < m->cov.points.n; p++) {
		bool covered = m->cov.covered[p];
		attr_t at = covered ? ui_attr_map(u, true)
				    : ui_attr_map(u, false) | A_BOLD;
		mark(u, m, y0 + 1, w, h, m->cov.points.v[p].lat,
		     m->cov.points.v[p].lon, covered ? "o" : "x", at);
	}
	if (sh->from)
		mark(u, m, y0 + 1, w, h, sh->lat, sh->lon, "@", A_BOLD);
	draw_legend(u, m, y0 + 1 + rows);
}

static int key(struct ui *u, enum action a)
{
	struct map *m = state(u);
	struct stations_shared *sh = ui_stations_shared(u);
	double step_m = m->scale * 2 * (u->cols / 4);
	double coslat = cos(m->clat * M_PI / 180);

	if (ui_stations_common_key(u, a)) {
		if (a == ACT_STATION_FROM && sh->from) {
			m->clat = sh->lat;
			m->clon = sh->lon;
		}
		ui_reload(u);
		return UI_HANDLED;
	}
	switch (a) {
	case ACT_UP: m->clat += step_m / 2 / M_PER_DEG; return UI_HANDLED;
	case ACT_DOWN: m->clat -= step_m / 2 / M_PER_DEG; return UI_HANDLED;
	case ACT_LEFT: m->clon -= step_m / M_PER_DEG / coslat; return UI_HANDLED;
	case ACT_RIGHT: m->clon += step_m / M_PER_DEG / coslat; return UI_HANDLED;
	case ACT_ZOOM_IN:
		if (m->scale / 2 >= MIN_SCALE)
			m->scale /= 2;
		return UI_HANDLED;
	case ACT_ZOOM_OUT:
		if (m->scale * 2 <= MAX_SCALE)
			m->scale *= 2;
		return UI_HANDLED;
	case ACT_FIRST:
		m->placed = false;
		place(u, m);
		return UI_HANDLED;
	default:
		return UI_IGNORED;
	}
}

static void reload(struct ui *u)
{
	state(u)->loaded = false;
}

static void free_view(struct ui *u)
{
	struct map *m = state(u);

	map_clear(m);
	free(m);
	u->state[V_MAP] = NULL;
}

const struct view_ops map_view = {
	N_("Map"), draw, key, reload, free_view,
};
