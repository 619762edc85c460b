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

struct named_key {
	const char *name;
	wint_t ch;
	bool is_key;
};

static const struct named_key named_keys[] = {
	{ "Enter", '\n', false }, { "Esc", 27, false }, { "Tab", '\t', false },
	{ "S-Tab", KEY_BTAB, true }, { "Space", ' ', false },
	{ "Backspace", KEY_BACKSPACE, true }, { "Del", KEY_DC, true },
	{ "Up", KEY_UP, true }, { "Down", KEY_DOWN, true },
	{ "Left", KEY_LEFT, true }, { "Right", KEY_RIGHT, true },
	{ "PgUp", KEY_PPAGE, true }, { "PgDn", KEY_NPAGE, true },
	{ "Home", KEY_HOME, true }, { "End", KEY_END, true },
	{ "F1", KEY_F(1), true }, { "F2", KEY_F(2), true },
	{ "F3", KEY_F(3), true }, { "F4", KEY_F(4), true },
	{ "F5", KEY_F(5), true }, { "F6", KEY_F(6), true },
	{ "F7", KEY_F(7), true }, { "F8", KEY_F(8), true },
	{ "F9", KEY_F(9), true }, { "F10", KEY_F(10), true },
};

/* Reads one key name ("a", "C-l", "PgUp", "字"). */
static bool parse_key(const char *name, struct key *k)
{
	uint32_t cp;
	size_t n = strlen(name);

	for (size_t i = 0; i < sizeof named_keys / sizeof *named_keys; i++)
		if (strcasecmp(name, named_keys[i].name) == 0) {
			k->ch = named_keys[i].ch;
			k->is_key = named_keys[i].is_key;
			return true;
		}
	if (n == 3 && (name[0] == 'C' || name[0] == 'c') && name[1] == '-' &&
	    ((name[2] >= 'a' && name[2] <= 'z') ||
	     (name[2] >= 'A' && name[2] <= 'Z'))) {
		k->ch = (wint_t)(name[2] & 0x1f);
		k->is_key = false;
		return true;
	}
	if (n > 0 && text_decode(name, n, &cp) == n && cp > ' ' && cp != 0x7f) {
		k->ch = cp;
		k->is_key = false;
		return true;
	}
	return false;
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

/* Binds the space-separated key names in list to action a. */
static int bind_keys(int a, const char *list, bool replace, struct herr *err)
{
	char *copy = xstrdup(list), *save = NULL;
	struct binding *b = &bindings[a];

	if (replace)
		b->n = 0;
	for (char *w = strtok_r(copy, " \t", &save); w;
	     w = strtok_r(NULL, " \t", &save)) {
		struct key k;
		if (!parse_key(w, &k)) {
			herr_set(err, HE_USER, _("unknown key name '%s'"), w);
			free(copy);
			return HE_USER;
		}
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
	return HE_OK;
}

static void bind_defaults(void)
{
	memset(bindings, 0, sizeof bindings);
	for (size_t i = 0; i < n_keydefs; i++) {
		bindings[keydefs[i].action].views = keydefs[i].views;
		bind_keys(keydefs[i].action, keydefs[i].keys, false, NULL);
	}
	/* C-c quits too, as in most terminal programs; it is not rebindable. */
	bindings[ACT_QUIT].keys[bindings[ACT_QUIT].n].ch = 3;
	bindings[ACT_QUIT].keys[bindings[ACT_QUIT].n++].is_key = false;
}

int ui_keys_configure(struct ui *u, struct herr *err)
{
	const char *file = u->app->cfg.path ? u->app->cfg.path : "config";

	bind_defaults();
	for (size_t i = 0; i < u->app->cfg.n_entries; i++) {
		const struct config_entry *e = &u->app->cfg.entries[i];
		const struct keydef *d;
		if (strcmp(e->section, "keys") != 0)
			continue;
		d = keytab_find(e->name);
		if (!d)
			return herr_set(err, HE_USER,
					_("%s:%d: unknown action '%s' in [keys] (see "
					  "'hearth keys')"), file, e->line, e->name);
		if (bind_keys(d->action, e->value, true, err) != HE_OK) {
			herr_prefix(err, "%s:%d", file, e->line);
			return HE_USER;
		}
	}
	return HE_OK;
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
	for (size_t i = 0; i < sizeof named_keys / sizeof *named_keys; i++)
		if (named_keys[i].is_key == k->is_key && named_keys[i].ch == k->ch) {
			snprintf(buf, 16, "%s", named_keys[i].name);
			return;
		}
	if (!k->is_key && k->ch < 32)
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

void ui_help(struct ui *u)
{
	struct help_view hv = { 0 };

	for (size_t i = 0; i < n_keydefs; i++)
		if (keydefs[i].views & (1u << u->view))
			hv.lines[hv.n++] = i;
	ui_push_layer(u, draw_help, &hv);
	for (;;) {
		int h = u->rows - 2;
		struct key k;
		int rc;
		ui_draw_all(u);
		rc = ui_read_key(u, &k);
		if (rc == UI_KEY_QUIT)
			break;
		if (rc == UI_KEY_NONE)
			continue;
		enum action a = ui_action(u, u->view, &k);
		size_t page = (size_t)(h > 3 ? h - 3 : 1);
		if (a == ACT_DOWN && hv.top + (size_t)(h - 2) < hv.n)
			hv.top++;
		else if (a == ACT_UP && hv.top > 0)
			hv.top--;
		else if (a == ACT_PAGE_DOWN)
			hv.top = hv.top + page + (size_t)(h - 2) < hv.n + page
				 ? hv.top + page : hv.top;
		else if (a == ACT_PAGE_UP)
			hv.top = hv.top > page ? hv.top - page : 0;
		else
			break;
	}
	ui_pop_layer(u);
}
