/* ui_keys.c - turning keys into actions; [keys] in the config; help. */
#include "ui_int.h"

#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"
#include "../core/text.h"
#include "keytab.h"

#define MAX_KEYS 8

struct binding {
	unsigned views;
	struct key keys[MAX_KEYS];
	size_t n;
};

static struct binding bindings[ACT_COUNT];

/* curses' code of each special key of keytab.h. */
static const int special_codes[KS_COUNT] = {
	[KS_BTAB] = KEY_BTAB, [KS_BACKSPACE] = KEY_BACKSPACE, [KS_DEL] = KEY_DC,
	[KS_UP] = KEY_UP, [KS_DOWN] = KEY_DOWN, [KS_LEFT] = KEY_LEFT,
	[KS_RIGHT] = KEY_RIGHT, [KS_PGUP] = KEY_PPAGE, [KS_PGDN] = KEY_NPAGE,
	[KS_HOME] = KEY_HOME, [KS_END] = KEY_END,
	[KS_F1] = KEY_F(1), [KS_F1 + 1] = KEY_F(2), [KS_F1 + 2] = KEY_F(3),
	[KS_F1 + 3] = KEY_F(4), [KS_F1 + 4] = KEY_F(5), [KS_F1 + 5] = KEY_F(6),
	[KS_F1 + 6] = KEY_F(7), [KS_F1 + 7] = KEY_F(8), [KS_F1 + 8] = KEY_F(9),
	[KS_F10] = KEY_F(10),
};

/* Reads one key name ("a", "C-l", "PgUp", "字") as a curses key. */
static bool parse_key(const char *name, struct key *k)
{
	struct keyname kn;

	if (!keytab_parse_key(name, &kn))
		return false;
	k->is_key = kn.special != KS_NONE;
	k->ch = k->is_key ? (wint_t)special_codes[kn.special] : (wint_t)kn.ch;
	return true;
}

static bool same_key(const struct key *a, const struct key *b)
{
	bool a_enter = (!a->is_key && (a->ch == '\n' || a->ch == '\r')) ||
		       (a->is_key && a->ch == KEY_ENTER);
	bool b_enter = (!b->is_key && (b->ch == '\n' || b->ch == '\r')) ||
		       (b->is_key && b->ch == KEY_ENTER);
	bool a_back = (a->is_key && a->ch == KEY_BACKSPACE) ||
		      (!a->is_key && (a->ch == 127 || a->ch == 8));
	bool b_back = (b->is_key && b->ch == KEY_BACKSPACE) ||
		      (!b->is_key && (b->ch == 127 || b->ch == 8));

	if (a_enter || b_enter)
		return a_enter && b_enter;
	if (a_back || b_back)
		return a_back && b_back;
	return a->is_key == b->is_key && a->ch == b->ch;
}

/* Binds the space-separated key names in list (checked) to action a. */
static void bind_keys(int a, const char *list, bool replace)
{
	char *copy = xstrdup(list), *save = NULL;
	struct binding *b = &bindings[a];

	if (replace)
		b->n = 0;
	for (char *w = strtok_r(copy, " \t", &save); w;
	     w = strtok_r(NULL, " \t", &save)) {
		struct key k;
		if (!parse_key(w, &k))
			continue; /* keytab_check_config said which */
		/* A key given to this action leaves the others in its views. */
		for (int o = 1; replace && o < ACT_COUNT; o++) {
			struct binding *ob = &bindings[o];
			for (size_t i = 0; o != a && (ob->views & b->views) && i < ob->n;)
				if (same_key(&ob->keys[i], &k))
					ob->keys[i] = ob->keys[--ob->n];
				else
					i++;
		}
		if (b->n < MAX_KEYS)
			b->keys[b->n++] = k;
	}
	free(copy);
}

static void bind_defaults(void)
{
	memset(bindings, 0, sizeof bindings);
	for (size_t i = 0; i < n_keydefs; i++) {
		bindings[keydefs[i].action].views = keydefs[i].views;
		bind_keys(keydefs[i].action, keydefs[i].keys, false);
	}
	/* C-c quits too, as in most terminal programs; it is not rebindable. */
	bindings[ACT_QUIT].keys[bindings[ACT_QUIT].n].ch = 3;
	bindings[ACT_QUIT].keys[bindings[ACT_QUIT].n++].is_key = false;
}

int ui_keys_configure(struct ui *u, struct herr *err)
{
	/* app_setup checked them already; a bench or test may not have. */
	int rc = keytab_check_config(&u->app->cfg, err);

	bind_defaults();
	for (size_t i = 0; rc == HE_OK && i < u->app->cfg.n_entries; i++) {
		const struct config_entry *e = &u->app->cfg.entries[i];
		if (strcmp(e->section, "keys") == 0)
			bind_keys(keytab_find(e->name)->action, e->value, true);
	}
	return rc;
}

enum action ui_action(const struct ui *u, enum view_id v, const struct key *k)
{
	(void)u;
	for (int a = 1; a < ACT_COUNT; a++) {
		if (!(bindings[a].views & (1u << v)))
			continue;
		for (size_t i = 0; i < bindings[a].n; i++)
			if (same_key(&bindings[a].keys[i], k))
				return (enum action)a;
	}
	return ACT_NONE;
}

/* The name a key is written with ("C-l", "PgUp", "q"). */
static void binding_name(const struct key *k, char buf[16])
{
	struct keyname kn = { (uint32_t)k->ch, KS_NONE };
	const char *name;

	for (int i = 1; k->is_key && i < KS_COUNT; i++)
		if (special_codes[i] == (int)k->ch)
			kn.special = (enum keytab_special)i;
	if ((name = keytab_key_name(&kn)) && (!k->is_key || kn.special))
		snprintf(buf, 16, "%s", name);
	else if (!k->is_key && k->ch < 32)
		snprintf(buf, 16, "C-%c", (char)(k->ch + 'a' - 1));
	else if (!k->is_key)
		buf[text_encode((uint32_t)k->ch, buf)] = '\0';
	else
		snprintf(buf, 16, "#%d", (int)k->ch);
}

const char *ui_key_for(enum view_id v, enum action a)
{
	static char buf[4][16];
	static int slot;
	char *out = buf[slot++ % 4];

	/* The first key that does a in v (First in the agenda: Home, as g
	   goes to a date there). */
	for (size_t i = 0; i < bindings[a].n; i++)
		if (ui_action(NULL, v, &bindings[a].keys[i]) == a) {
			binding_name(&bindings[a].keys[i], out);
			return out;
		}
	return "-";
}

/* The keys that do a in view v: a key that another action takes there
 * first (g: go to a date in the calendar views) is left out. */
static char *keys_text(enum view_id v, enum action a)
{
	struct sbuf b = { 0 };
	char name[16];

	sbuf_add(&b, "");
	for (size_t i = 0; i < bindings[a].n; i++) {
		if (ui_action(NULL, v, &bindings[a].keys[i]) != a)
			continue;
		binding_name(&bindings[a].keys[i], name);
		sbuf_addf(&b, "%s%s", b.len ? " " : "", name);
	}
	return sbuf_take(&b);
}

struct help_view {
	size_t top, n, lines[ACT_COUNT];
};

static void draw_help(struct ui *u, void *ctx)
{
	struct help_view *hv = ctx;
	int h = u->rows - 2, w = u->cols, y = 1;
	char *title = xasprintf(_("Keys: %s (Esc closes)"),
				_(keytab_view_names[u->view]));

	ui_frame(1, 0, h, w, title);
	free(title);
	for (size_t i = hv->top; i < hv->n && y < h - 1; i++, y++) {
		const struct keydef *d = &keydefs[hv->lines[i]];
		char *keys = keys_text(u->view, (enum action)d->action);
		ui_put(1 + y, 2, 16, keys, A_BOLD);
		ui_put(1 + y, 19, w - 21, _(d->help), A_NORMAL);
		free(keys);
	}
}

/* Scrolls the help; any other key closes it. */
static int help_key(struct ui *u, const struct key *k, void *ctx)
{
	struct help_view *hv = ctx;
	int h = u->rows - 2;
	enum action a = ui_action(u, u->view, k);
	size_t page = (size_t)(h > 3 ? h - 3 : 1);

	if (a == ACT_DOWN && hv->top + (size_t)(h - 2) < hv->n)
		hv->top++;
	else if (a == ACT_UP && hv->top > 0)
		hv->top--;
	else if (a == ACT_PAGE_DOWN)
		hv->top = hv->top + page + (size_t)(h - 2) < hv->n + page
			  ? hv->top + page : hv->top;
	else if (a == ACT_PAGE_UP)
		hv->top = hv->top > page ? hv->top - page : 0;
	else
		return UI_MODAL_DONE;
	return UI_MODAL_GO;
}

void ui_help(struct ui *u)
{
	struct help_view hv = { 0 };
	const struct ui_modal m = { draw_help, NULL, help_key, &hv };

	for (size_t i = 0; i < n_keydefs; i++)
		if (keydefs[i].views & (1u << u->view))
			hv.lines[hv.n++] = i;
	ui_modal(u, &m);
}

/* The keys of a screen without a view: what ui_help_list shows. */
struct help_list {
	const char *screen;
	const struct key_help *keys;
	size_t n, top;
};

static void draw_help_list(struct ui *u, void *ctx)
{
	struct help_list *hl = ctx;
	int h = u->rows - 2, w = u->cols, y = 1;
	char *title = xasprintf(_("Keys: %s (Esc closes)"), hl->screen);

	ui_frame(1, 0, h, w, title);
	free(title);
	for (size_t i = hl->top; i < hl->n && y < h - 1; i++, y++) {
		ui_put(1 + y, 2, 16, hl->keys[i].keys, A_BOLD);
		ui_put(1 + y, 19, w - 21, _(hl->keys[i].what), A_NORMAL);
	}
}

static int help_list_key(struct ui *u, const struct key *k, void *ctx)
{
	struct help_list *hl = ctx;
	int h = u->rows - 2;

	if (k->is_key && k->ch == KEY_DOWN && hl->top + (size_t)(h - 2) < hl->n)
		hl->top++;
	else if (k->is_key && k->ch == KEY_UP && hl->top > 0)
		hl->top--;
	else
		return UI_MODAL_DONE;
	(void)u;
	return UI_MODAL_GO;
}

void ui_help_list(struct ui *u, const char *screen,
		  const struct key_help *keys, size_t n)
{
	struct help_list hl = { screen, keys, n, 0 };
	const struct ui_modal m = { draw_help_list, NULL, help_list_key, &hl };

	ui_modal(u, &m);
}

bool ui_is_help_key(const struct key *k, bool typed_text)
{
	if (k->is_key)
		return k->ch == KEY_F(1);
	return k->ch == '?' && !typed_text;
}

bool ui_on_top(const struct ui *u, const void *ctx)
{
	return u->n_layers > 0 && u->layers[u->n_layers - 1].ctx == ctx;
}
