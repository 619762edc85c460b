/*
 * account.c - [sync NAME] sections of the config, and the password.
 *
 * A password is never kept in the config, the database or on a command
 * line (where every user of the machine could read it in ps): it comes
 * from a file only its owner may read (as ssh insists for its keys), or
 * from the first line a command prints (pass, secret-tool, a vault).
 */
#include "sync_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../i18n.h"
#include "../paths.h"

#define MAX_PASSWORD 4096
#define DEFAULT_TIMEOUT 60
#define DEFAULT_MAX_MIB 64

struct sync_config *sync_config_new(void)
{
	return xcalloc(1, sizeof(struct sync_config));
}

static void account_free(struct sync_account *a)
{
	free(a->name);
	free(a->url);
	free(a->calendar);
	free(a->user);
	free(a->password_file);
	free(a->password_command);
	free(a->ca_file);
	strv_free(&a->send_kinds);
	free(a->send_org);
	free(a->receive_kind);
	free(a->receive_org);
}

void sync_config_free(struct sync_config **sc)
{
	if (!*sc)
		return;
	for (size_t i = 0; i < (*sc)->n; i++)
		account_free(&(*sc)->v[i]);
	free((*sc)->v);
	free(*sc);
	*sc = NULL;
}

bool sync_config_section(const char *section)
{
	return !strncmp(section, "sync ", 5);
}

static struct sync_account *account_for(struct sync_config *sc,
					const char *name, int line)
{
	struct sync_account *a;

	for (size_t i = 0; i < sc->n; i++)
		if (!strcmp(sc->v[i].name, name))
			return &sc->v[i];
	sc->v = xgrow(sc->v, &sc->cap, sc->n + 1, sizeof *sc->v);
	a = &sc->v[sc->n++];
	memset(a, 0, sizeof *a);
	a->name = xstrdup(name);
	a->line = line;
	a->send = true;
	a->use_sync_collection = true;
	a->timeout = DEFAULT_TIMEOUT;
	a->max_response = (size_t)DEFAULT_MAX_MIB << 20;
	return a;
}

static int yes_no(const char *value)
{
	if (!strcasecmp(value, "yes") || !strcasecmp(value, "true") ||
	    !strcasecmp(value, "on") || !strcmp(value, "1"))
		return 1;
	if (!strcasecmp(value, "no") || !strcasecmp(value, "false") ||
	    !strcasecmp(value, "off") || !strcmp(value, "0"))
		return 0;
	return -1;
}

static bool set_flag(bool *slot, const char *name, const char *value,
		     char *msg, size_t msglen)
{
	int b = yes_no(value);

	if (b < 0) {
		snprintf(msg, msglen, _("%s must be yes or no, not '%s'"), name,
			 value);
		return false;
	}
	*slot = b;
	return true;
}

static bool set_number(long *slot, const char *name, const char *value,
		       long min, long max, char *msg, size_t msglen)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(value, &end, 10);
	if (errno || end == value || *end || n < min || n > max) {
		snprintf(msg, msglen, _("%s must be a number from %ld to %ld, "
			 "not '%s'"), name, min, max, value);
		return false;
	}
	*slot = n;
	return true;
}

static bool set_url(struct sync_account *a, const char *value, char *msg,
		    size_t msglen)
{
	char *origin = url_origin(value);
	bool ok = origin != NULL;

	/* user:password@host would put the password in the config. */
	if (ok && strchr(origin, '@')) {
		snprintf(msg, msglen, _("url may not carry a user or password; "
			 "use user and password_file"));
		free(origin);
		return false;
	}
	for (const char *p = value; ok && *p; p++)
		if ((unsigned char)*p <= ' ' || *p == '"' || *p == '<' ||
		    *p == '>' || *p == '\\' || (unsigned char)*p == 0x7F)
			ok = false;
	free(origin);
	if (!ok) {
		snprintf(msg, msglen, _("url must be an https:// or http:// URL, "
			 "not '%s'"), value);
		return false;
	}
	str_replace(&a->url, value);
	return true;
}

static void set_list(struct strv *sv, const char *value)
{
	char *copy = xstrdup(value), *save = NULL;

	strv_free(sv);
	for (char *t = strtok_r(copy, ",", &save); t;
	     t = strtok_r(NULL, ",", &save)) {
		while (*t == ' ')
			t++;
		for (char *e = t + strlen(t); e > t && e[-1] == ' '; e--)
			e[-1] = '\0';
		if (*t)
			strv_add(sv, t);
	}
	free(copy);
}

/* The options that take a text as it is (empty: unset). */
static char **text_slot(struct sync_account *a, const char *name)
{
	if (!strcmp(name, "calendar"))
		return &a->calendar;
	if (!strcmp(name, "user"))
		return &a->user;
	if (!strcmp(name, "password_command"))
		return &a->password_command;
	if (!strcmp(name, "send_org"))
		return &a->send_org;
	if (!strcmp(name, "receive_kind"))
		return &a->receive_kind;
	if (!strcmp(name, "receive_org"))
		return &a->receive_org;
	return NULL;
}

static bool set_option(struct sync_account *a, const char *name,
		       const char *value, char *msg, size_t msglen)
{
	char **slot = text_slot(a, name);
	long n;

	if (slot) {
		str_replace(slot, *value ? value : NULL);
	} else if (!strcmp(name, "url")) {
		return set_url(a, value, msg, msglen);
	} else if (!strcmp(name, "password_file") || !strcmp(name, "ca_file")) {
		char **path = name[0] == 'p' ? &a->password_file : &a->ca_file;
		free(*path);
		*path = *value ? path_expand_home(value) : NULL;
	} else if (!strcmp(name, "password")) {
		snprintf(msg, msglen, _("a password is never kept in the config: "
			 "use password_file (a file only you may read) or "
			 "password_command"));
		return false;
	} else if (!strcmp(name, "auth")) {
		if (strcasecmp(value, "basic") && strcasecmp(value, "digest")) {
			snprintf(msg, msglen, _("auth must be basic or digest, not "
				 "'%s'"), value);
			return false;
		}
		a->digest = !strcasecmp(value, "digest");
	} else if (!strcmp(name, "allow_http")) {
		return set_flag(&a->allow_http, name, value, msg, msglen);
	} else if (!strcmp(name, "send")) {
		return set_flag(&a->send, name, value, msg, msglen);
	} else if (!strcmp(name, "sync_collection")) {
		return set_flag(&a->use_sync_collection, name, value, msg,
				msglen);
	} else if (!strcmp(name, "send_kind")) {
		set_list(&a->send_kinds, value);
	} else if (!strcmp(name, "timeout")) {
		return set_number(&a->timeout, name, value, 1, 3600, msg, msglen);
	} else if (!strcmp(name, "max_response")) {
		if (!set_number(&n, name, value, 1, 4096, msg, msglen))
			return false;
		a->max_response = (size_t)n << 20;
	} else {
		snprintf(msg, msglen, _("unknown option '%s' in [sync %s]"), name,
			 a->name);
		return false;
	}
	return true;
}

bool sync_config_set(struct sync_config *sc, const char *section,
		     const char *name, const char *value, int line, char *msg,
		     size_t msglen)
{
	const char *key = section + 5;

	if (!*key) {
		snprintf(msg, msglen, _("[sync] needs a name: [sync NAME]"));
		return false;
	}
	for (const char *p = key; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		      *p == '-' || *p == '_')) {
			snprintf(msg, msglen, _("sync name '%s' may hold only "
				 "a-z, 0-9, - and _"), key);
			return false;
		}
	return set_option(account_for(sc, key, line), name, value, msg,
			  msglen);
}

const struct sync_account *sync_account_find(const struct config *c,
					     const char *name)
{
	for (size_t i = 0; c->sync && i < c->sync->n; i++)
		if (!strcmp(c->sync->v[i].name, name))
			return &c->sync->v[i];
	return NULL;
}

static int bad(const struct config *c, const struct sync_account *a,
	       struct herr *err, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int bad(const struct config *c, const struct sync_account *a,
	       struct herr *err, const char *fmt, ...)
{
	va_list ap;
	char msg[400];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (c->path && a->line > 0)
		return herr_set(err, HE_USER, "%s:%d: [sync %s]: %s", c->path,
				a->line, a->name, msg);
	return herr_set(err, HE_USER, "[sync %s]: %s", a->name, msg);
}

int sync_account_check(const struct config *c, const struct sync_account *a,
		       struct herr *err)
{
	if (!a->url)
		return bad(c, a, err, _("url is missing"));
	if (!strncmp(a->url, "http://", 7) && !a->allow_http &&
	    !url_loopback(a->url))
		return bad(c, a, err, _("http:// would send the password "
			   "unencrypted: use https://, or allow_http = yes "
			   "on a network you trust"));
	if (a->password_file && a->password_command)
		return bad(c, a, err, _("give password_file or password_command, "
			   "not both"));
	if ((a->password_file || a->password_command) && !a->user)
		return bad(c, a, err, _("a password needs a user"));
	if (a->receive_kind && !config_kind(c, a->receive_kind))
		return bad(c, a, err, _("receive_kind: unknown kind '%s'"),
			   a->receive_kind);
	for (size_t i = 0; i < a->send_kinds.n; i++)
		if (!config_kind(c, a->send_kinds.v[i]))
			return bad(c, a, err, _("send_kind: unknown kind '%s'"),
				   a->send_kinds.v[i]);
	return HE_OK;
}

/* The first line of what fd holds (at most MAX_PASSWORD bytes). */
static char *first_line(FILE *f)
{
	char *buf = xmalloc(MAX_PASSWORD + 2);
	size_t n;

	if (!fgets(buf, MAX_PASSWORD + 2, f)) {
		free(buf);
		return NULL;
	}
	n = strcspn(buf, "\r\n");
	buf[n] = '\0';
	return buf;
}

static int password_from_file(const char *path, char **out, struct herr *err)
{
	struct stat sb;
	FILE *f;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return herr_set(err, HE_USER, _("cannot read password_file %s: "
				"%s"), path, strerror(errno));
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return herr_set(err, HE_USER, _("password_file %s is not a "
				"file"), path);
	}
	if (sb.st_uid != getuid() || (sb.st_mode & 077)) {
		close(fd);
		return herr_set(err, HE_USER, _("password_file %s may be read "
				"by others (mode %04o, owner %ld): it must be "
				"yours alone (chmod 600 %s)"), path,
				(unsigned)(sb.st_mode & 07777), (long)sb.st_uid,
				path);
	}
	if (!(f = fdopen(fd, "r"))) {
		close(fd);
		return herr_set(err, HE_INTERNAL, "%s: %s", path,
				strerror(errno));
	}
	*out = first_line(f);
	fclose(f);
	if (!*out || !**out) {
		sync_password_free(out);
		return herr_set(err, HE_USER, _("password_file %s is empty"),
				path);
	}
	return HE_OK;
}

static int password_from_command(const char *cmd, char **out,
				 struct herr *err)
{
	FILE *p = popen(cmd, "r");
	int status;

	if (!p)
		return herr_set(err, HE_USER, _("cannot run password_command: "
				"%s"), strerror(errno));
	*out = first_line(p);
	/* The rest is not read: a pipe closed early ends the command. */
	status = pclose(p);
	if (status != 0) {
		sync_password_free(out);
		return herr_set(err, HE_USER, _("password_command '%s' failed "
				"(exit status %d)"), cmd,
				WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	}
	if (!*out || !**out) {
		sync_password_free(out);
		return herr_set(err, HE_USER, _("password_command '%s' printed "
				"no password"), cmd);
	}
	return HE_OK;
}

int sync_password(const struct sync_account *a, char **out, struct herr *err)
{
	*out = NULL;
	if (a->password_file)
		return password_from_file(a->password_file, out, err);
	if (a->password_command)
		return password_from_command(a->password_command, out, err);
	return HE_OK;
}

void sync_password_free(char **pw)
{
	if (*pw) {
		explicit_bzero(*pw, strlen(*pw));
		free(*pw);
		*pw = NULL;
	}
}
