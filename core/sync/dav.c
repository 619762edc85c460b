/*
 * dav.c - the WebDAV (RFC 4918) and CalDAV (RFC 4791) requests of a sync:
 * discovery (RFC 6764 section 6), sync-collection (RFC 6578), listing,
 * calendar-multiget, GET, PUT, DELETE and MKCALENDAR.
 *
 * Paths are passed decoded (href.c) and encoded here. A request that
 * expects a multistatus and gets anything else, or XML that cannot be
 * read, is an error naming the server, the method, the resource and the
 * status.
 */
#include "sync_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../i18n.h"

#define XML_HEAD "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
#define NS_ALL " xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\"" \
	" xmlns:cs=\"http://calendarserver.org/ns/\"" \
	" xmlns:a=\"http://apple.com/ns/ical/\""
#define MAX_REDIRECTS 5

/* What discovery asks of each collection. */
static const char props_body[] =
	XML_HEAD "<d:propfind" NS_ALL "><d:prop>"
	"<d:resourcetype/><d:displayname/><d:current-user-principal/>"
	"<c:calendar-home-set/><c:supported-calendar-component-set/>"
	"<cs:getctag/><d:sync-token/><d:supported-report-set/>"
	"<a:calendar-color/></d:prop></d:propfind>";

static const char list_body[] =
	XML_HEAD "<d:propfind xmlns:d=\"DAV:\"><d:prop>"
	"<d:resourcetype/><d:getetag/></d:prop></d:propfind>";

static void xml_escape(struct sbuf *b, const char *s)
{
	for (; *s; s++)
		switch (*s) {
		case '&': sbuf_add(b, "&amp;"); break;
		case '<': sbuf_add(b, "&lt;"); break;
		case '>': sbuf_add(b, "&gt;"); break;
		case '"': sbuf_add(b, "&quot;"); break;
		default: sbuf_addc(b, *s); break;
		}
}

int dav_open(struct dav *d, const struct sync_account *a,
	     const char *password, struct herr *err)
{
	struct http_opts o = {
		.user = a->user, .password = password, .ca_file = a->ca_file,
		.digest = a->digest, .timeout = a->timeout,
		.max_body = a->max_response,
	};

	memset(d, 0, sizeof *d);
	if (!(d->origin = url_origin(a->url)))
		return herr_set(err, HE_USER, _("[sync %s]: url must be an "
				"https:// or http:// URL, not '%s'"), a->name,
				a->url);
	return http_new(&d->http, d->origin, &o, err);
}

void dav_close(struct dav *d)
{
	http_free(&d->http);
	free(d->origin);
	memset(d, 0, sizeof *d);
}

long dav_requests(const struct dav *d)
{
	return d->http ? http_requests(d->http) : 0;
}

/* Sends a request to decoded path; the answer in resp. */
static int send_to(struct dav *d, const char *method, const char *path,
		   const char *depth, const char *type, const char *body,
		   struct http_resp *resp, struct herr *err)
{
	char *url = href_url(d->origin, path);
	struct http_req r = { .method = method, .url = url, .depth = depth,
			      .content_type = type, .body = body,
			      .body_len = body ? strlen(body) : 0 };
	int rc = http_do(d->http, &r, resp, err);

	free(url);
	return rc;
}

static int status_error(struct dav *d, const char *method, const char *path,
			long status, struct herr *err)
{
	char *url = href_url(d->origin, path);
	int rc = http_status_error(d->http, method, url, status, err);

	free(url);
	return rc;
}

/* Names the server and the resource in front of a parse error. */
static int parse_answer(struct dav *d, const char *method, const char *path,
			const struct http_resp *resp, struct dav_items *out,
			struct herr *err)
{
	if (dav_parse(resp->body.s ? resp->body.s : "", resp->body.len, out,
		      err) == HE_OK)
		return HE_OK;
	herr_prefix(err, _("server %s: %s %s"), d->origin, method, path);
	return HE_INTERNAL;
}

/*
 * A PROPFIND or REPORT that wants 207 Multi-Status. Redirects are
 * followed on the same server (*path becomes the new place) a few times;
 * credentials never go to another one.
 */
static int multistatus(struct dav *d, const char *method, char **path,
		       const char *depth, const char *body,
		       struct dav_items *out, long *status, struct herr *err)
{
	struct http_resp resp = { 0 };
	int rc;

	memset(out, 0, sizeof *out);
	for (int hops = 0;; hops++) {
		rc = send_to(d, method, *path, depth,
			     "application/xml; charset=utf-8", body, &resp, err);
		if (rc != HE_OK)
			break;
		*status = resp.status;
		if (resp.status >= 300 && resp.status < 400 && resp.location &&
		    hops < MAX_REDIRECTS) {
			char *origin = url_origin(resp.location);
			if (origin && strcmp(origin, d->origin)) {
				rc = herr_set(err, HE_USER, _("server %s: %s is "
					      "moved to another server (%s); put "
					      "that address in url"), d->origin,
					      *path, resp.location);
				free(origin);
				break;
			}
			free(origin);
			free(*path);
			*path = href_decode(resp.location);
			continue;
		}
		if (resp.status == 207)
			rc = parse_answer(d, method, *path, &resp, out, err);
		break;
	}
	http_resp_free(&resp);
	return rc;
}

/* The answer's item for path (a collection may be written with or
 * without its final '/'), or NULL. */
static struct dav_item *item_for(struct dav_items *l, const char *path)
{
	size_t n = strlen(path);

	while (n > 1 && path[n - 1] == '/')
		n--;
	for (size_t i = 0; i < l->n; i++) {
		size_t m = strlen(l->v[i].href);
		while (m > 1 && l->v[i].href[m - 1] == '/')
			m--;
		if (m == n && !strncmp(l->v[i].href, path, n))
			return &l->v[i];
	}
	return NULL;
}

static void item_clear(struct dav_item *it)
{
	dav_item_free(it);
}

static void item_move(struct dav_item *dst, struct dav_item *src)
{
	*dst = *src;
	memset(src, 0, sizeof *src);
}

int dav_collection(struct dav *d, const char *path, struct dav_item *out,
		   struct herr *err)
{
	struct dav_items l;
	struct dav_item *it;
	char *p = xstrdup(path);
	long status = 0;
	int rc = multistatus(d, "PROPFIND", &p, "0", props_body, &l, &status,
			     err);

	memset(out, 0, sizeof *out);
	if (rc == HE_OK && status != 207)
		rc = status_error(d, "PROPFIND", p, status, err);
	if (rc == HE_OK) {
		it = item_for(&l, p);
		if (!it && l.n == 1)
			it = &l.v[0];
		if (it)
			item_move(out, it);
		else
			rc = herr_set(err, HE_INTERNAL, _("server %s: PROPFIND %s: "
				      "the answer does not describe it"),
				      d->origin, p);
	}
	dav_items_free(&l);
	free(p);
	return rc;
}

/* The properties of path, following redirects (*path is updated). */
static int describe(struct dav *d, char **path, struct dav_item *out,
		    long *status, struct herr *err)
{
	struct dav_items l;
	struct dav_item *it;
	int rc = multistatus(d, "PROPFIND", path, "0", props_body, &l, status,
			     err);

	memset(out, 0, sizeof *out);
	if (rc == HE_OK && *status == 207) {
		it = item_for(&l, *path);
		if (!it && l.n)
			it = &l.v[0];
		if (it)
			item_move(out, it);
	}
	dav_items_free(&l);
	return rc;
}

/* The calendars among the members of home. */
static int list_calendars(struct dav *d, const char *home,
			  struct dav_found *out, struct herr *err)
{
	struct dav_items l;
	char *p = xstrdup(home);
	long status = 0;
	int rc = multistatus(d, "PROPFIND", &p, "1", props_body, &l, &status,
			     err);

	if (rc == HE_OK && status != 207)
		rc = status_error(d, "PROPFIND", p, status, err);
	for (size_t i = 0; rc == HE_OK && i < l.n; i++) {
		struct dav_item *it = &l.v[i];
		if (!it->calendar || !it->vevent)
			continue;
		out->calendars.v = xgrow(out->calendars.v, &out->calendars.cap,
					 out->calendars.n + 1,
					 sizeof *out->calendars.v);
		item_move(&out->calendars.v[out->calendars.n++], it);
	}
	dav_items_free(&l);
	free(p);
	return rc;
}

/* The principal through /.well-known/caldav (RFC 6764 section 5). */
static int well_known(struct dav *d, struct dav_found *out, struct herr *err)
{
	char *p = xstrdup("/.well-known/caldav");
	struct dav_item it;
	long status = 0;
	int rc = describe(d, &p, &it, &status, err);

	if (rc == HE_OK && status == 207) {
		if (it.home)
			str_replace(&out->home, it.home);
		if (it.principal)
			str_replace(&out->principal, it.principal);
		else if (!it.home && !it.calendar)
			str_replace(&out->principal, p);
	} else if (rc == HE_OK && status == 401) {
		rc = status_error(d, "PROPFIND", p, status, err);
	}
	free(p);
	item_clear(&it);
	return rc;
}

int dav_discover(struct dav *d, const char *url, struct dav_found *out,
		 struct herr *err)
{
	char *p = url_path(url);
	struct dav_item it;
	long status = 0;
	int rc = describe(d, &p, &it, &status, err);
	long first = status;

	memset(out, 0, sizeof *out);
	if (rc == HE_OK && (status == 401 || status == 403 || status >= 500))
		rc = status_error(d, "PROPFIND", p, status, err);
	/* A path that is not there is an error, not a server's root to look
	   behind: another calendar must never be taken for it. */
	if (rc == HE_OK && (status == 404 || status == 410) && strcmp(p, "/"))
		rc = status_error(d, "PROPFIND", p, status, err);
	if (rc == HE_OK && status == 207 && it.calendar) {
		out->calendar = xstrdup(p);
		out->calendars.v = xgrow(NULL, &out->calendars.cap, 1,
					 sizeof *out->calendars.v);
		item_move(&out->calendars.v[out->calendars.n++], &it);
	} else if (rc == HE_OK && status == 207) {
		out->home = xstrdup0(it.home);
		out->principal = xstrdup0(it.principal);
	}
	item_clear(&it);
	if (rc == HE_OK && !out->calendar && !out->home && !out->principal)
		rc = well_known(d, out, err);
	if (rc == HE_OK && !out->calendar && !out->home && out->principal) {
		char *pp = xstrdup(out->principal);
		if ((rc = describe(d, &pp, &it, &status, err)) == HE_OK &&
		    status != 207)
			rc = status_error(d, "PROPFIND", pp, status, err);
		if (rc == HE_OK)
			out->home = xstrdup0(it.home);
		item_clear(&it);
		free(pp);
	}
	/* A login page or a plain web site answers PROPFIND like a GET. */
	if (rc == HE_OK && !out->calendar && !out->home && first != 207 &&
	    first != 404 && first != 410)
		rc = herr_set(err, HE_USER, _("server %s: PROPFIND %s: status "
			      "%ld, not a WebDAV answer: is this the address "
			      "of a CalDAV server?"), d->origin, p, first);
	if (rc == HE_OK && !out->calendar && !out->home)
		rc = herr_set(err, HE_USER, _("server %s: no calendars found at "
			      "%s (neither a calendar, a principal nor a "
			      "calendar home, and nothing at "
			      "/.well-known/caldav)"), d->origin, p);
	if (rc == HE_OK && out->home)
		rc = list_calendars(d, out->home, out, err);
	free(p);
	return rc;
}

void dav_found_free(struct dav_found *f)
{
	free(f->principal);
	free(f->home);
	free(f->calendar);
	dav_items_free(&f->calendars);
	memset(f, 0, sizeof *f);
}

int dav_sync_collection(struct dav *d, const char *path, const char *token,
			struct dav_items *out, bool *invalid,
			struct herr *err)
{
	struct sbuf body = { 0 };
	struct http_resp resp = { 0 };
	int rc;

	*invalid = false;
	memset(out, 0, sizeof *out);
	sbuf_add(&body, XML_HEAD "<d:sync-collection xmlns:d=\"DAV:\">"
		 "<d:sync-token>");
	xml_escape(&body, token ? token : "");
	sbuf_add(&body, "</d:sync-token><d:sync-level>1</d:sync-level>"
		 "<d:prop><d:getetag/></d:prop></d:sync-collection>");
	rc = send_to(d, "REPORT", path, "0", "application/xml; charset=utf-8",
		     body.s, &resp, err);
	if (rc == HE_OK && resp.status == 207) {
		rc = parse_answer(d, "REPORT", path, &resp, out, err);
	} else if (rc == HE_OK) {
		char *cond = dav_error_condition(resp.body.s ? resp.body.s : "",
						 resp.body.len);
		*invalid = cond && !strcmp(cond, "valid-sync-token");
		free(cond);
		rc = *invalid ? herr_set(err, HE_USER, _("server %s: the sync "
					 "token of %s is no longer valid"),
					 d->origin, path)
			      : status_error(d, "REPORT", path, resp.status, err);
	}
	sbuf_free(&body);
	http_resp_free(&resp);
	return rc;
}

int dav_list(struct dav *d, const char *path, struct dav_items *out,
	     struct herr *err)
{
	char *p = xstrdup(path);
	long status = 0;
	int rc = multistatus(d, "PROPFIND", &p, "1", list_body, out, &status,
			     err);
	size_t keep = 0;

	if (rc == HE_OK && status != 207)
		rc = status_error(d, "PROPFIND", p, status, err);
	/* The collection itself and collections inside are not objects. */
	for (size_t i = 0; rc == HE_OK && i < out->n; i++) {
		if (out->v[i].collection) {
			item_clear(&out->v[i]);
			continue;
		}
		out->v[keep++] = out->v[i];
	}
	if (rc == HE_OK)
		out->n = keep;
	free(p);
	return rc;
}

int dav_multiget(struct dav *d, const char *path, char *const *hrefs,
		 size_t n, struct dav_items *out, struct herr *err)
{
	struct sbuf body = { 0 };
	char *p = xstrdup(path);
	long status = 0;
	int rc;

	sbuf_add(&body, XML_HEAD "<c:calendar-multiget" NS_ALL "><d:prop>"
		 "<d:getetag/><c:calendar-data/></d:prop>");
	for (size_t i = 0; i < n; i++) {
		char *enc = href_url("", hrefs[i]);
		sbuf_add(&body, "<d:href>");
		xml_escape(&body, enc);
		sbuf_add(&body, "</d:href>");
		free(enc);
	}
	sbuf_add(&body, "</c:calendar-multiget>");
	rc = multistatus(d, "REPORT", &p, "1", body.s, out, &status, err);
	if (rc == HE_OK && status != 207)
		rc = status_error(d, "REPORT", p, status, err);
	sbuf_free(&body);
	free(p);
	return rc;
}

int dav_get(struct dav *d, const char *path, long *status, char **data,
	    char **etag, struct herr *err)
{
	struct http_resp resp = { 0 };
	int rc = send_to(d, "GET", path, NULL, NULL, NULL, &resp, err);

	*data = *etag = NULL;
	*status = resp.status;
	if (rc == HE_OK && resp.status == 200) {
		*data = sbuf_take(&resp.body);
		*etag = resp.etag;
		resp.etag = NULL;
	} else if (rc == HE_OK && resp.status != 404 && resp.status != 410) {
		rc = status_error(d, "GET", path, resp.status, err);
	}
	http_resp_free(&resp);
	return rc;
}

int dav_put(struct dav *d, const char *path, const char *data,
	    const char *if_match, long *status, char **etag,
	    struct herr *err)
{
	char *url = href_url(d->origin, path);
	struct http_req r = { .method = "PUT", .url = url,
			      .content_type = "text/calendar; charset=utf-8",
			      .body = data, .body_len = strlen(data),
			      .if_match = if_match,
			      .if_none_match = if_match == NULL };
	struct http_resp resp = { 0 };
	int rc = http_do(d->http, &r, &resp, err);

	*etag = NULL;
	*status = resp.status;
	if (rc == HE_OK && resp.status >= 200 && resp.status < 300) {
		*etag = resp.etag;
		resp.etag = NULL;
	}
	free(url);
	http_resp_free(&resp);
	return rc;
}

int dav_delete(struct dav *d, const char *path, const char *etag,
	       long *status, struct herr *err)
{
	char *url = href_url(d->origin, path);
	struct http_req r = { .method = "DELETE", .url = url,
			      .if_match = etag };
	struct http_resp resp = { 0 };
	int rc = http_do(d->http, &r, &resp, err);

	*status = resp.status;
	free(url);
	http_resp_free(&resp);
	return rc;
}

int dav_mkcalendar(struct dav *d, const char *path, const char *name,
		   struct herr *err)
{
	struct sbuf body = { 0 };
	struct http_resp resp = { 0 };
	int rc;

	sbuf_add(&body, XML_HEAD "<c:mkcalendar" NS_ALL "><d:set><d:prop>"
		 "<d:displayname>");
	xml_escape(&body, name);
	sbuf_add(&body, "</d:displayname><c:supported-calendar-component-set>"
		 "<c:comp name=\"VEVENT\"/></c:supported-calendar-component-set>"
		 "</d:prop></d:set></c:mkcalendar>");
	rc = send_to(d, "MKCALENDAR", path, NULL,
		     "application/xml; charset=utf-8", body.s, &resp, err);
	if (rc == HE_OK && resp.status != 201)
		rc = resp.status == 405
			? herr_set(err, HE_USER, _("server %s: %s exists "
				   "already"), d->origin, path)
			: status_error(d, "MKCALENDAR", path, resp.status, err);
	sbuf_free(&body);
	http_resp_free(&resp);
	return rc;
}
