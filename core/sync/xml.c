/*
 * xml.c - WebDAV multistatus answers (RFC 4918 section 13) read with
 * libxml2.
 *
 * A server's answer is untrusted input. A document type declaration is
 * refused before the parser sees the text: no DAV server needs one, and
 * it is where external entities (XXE: a file or URL read into the answer)
 * and entity expansion bombs live. The parser itself is told never to
 * reach the network nor substitute entities, and to keep its own limits
 * (no XML_PARSE_HUGE).
 */
#include "sync_int.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "../i18n.h"

#define NS_DAV "DAV:"
#define NS_CALDAV "urn:ietf:params:xml:ns:caldav"
#define NS_CS "http://calendarserver.org/ns/"
#define NS_APPLE "http://apple.com/ns/ical/"

static bool is(const xmlNode *n, const char *ns, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
	       !strcmp((const char *)n->ns->href, ns) &&
	       !strcmp((const char *)n->name, name);
}

static const xmlNode *child(const xmlNode *n, const char *ns, const char *name)
{
	for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (is(c, ns, name))
			return c;
	return NULL;
}

/* The text of n, trimmed when trim; NULL for no node. */
static char *text_of(const xmlNode *n, bool trim)
{
	xmlChar *t;
	char *s, *p, *e;

	if (!n || !(t = xmlNodeGetContent(n)))
		return NULL;
	s = xstrdup((const char *)t);
	xmlFree(t);
	if (!trim)
		return s;
	for (p = s; *p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'; p++)
		;
	e = p + strlen(p);
	while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' ||
			 e[-1] == '\n'))
		e--;
	memmove(s, p, (size_t)(e - p));
	s[e - p] = '\0';
	return s;
}

/* "HTTP/1.1 404 Not Found" -> 404; 0 when it is not a status line. */
static long status_of(const xmlNode *n)
{
	char *t = text_of(n, true);
	char *sp = t ? strchr(t, ' ') : NULL;
	long code = sp ? strtol(sp + 1, NULL, 10) : 0;

	free(t);
	return code >= 100 && code <= 999 ? code : 0;
}

/* The decoded href inside n (<x><href>...</href></x>), or NULL. */
static char *href_in(const xmlNode *n)
{
	char *t = text_of(child(n, NS_DAV, "href"), true);
	char *d = t && *t ? href_decode(t) : NULL;

	free(t);
	return d;
}

static void take_text(char **slot, const xmlNode *n, bool trim)
{
	free(*slot);
	*slot = text_of(n, trim);
}

static void read_resourcetype(struct dav_item *it, const xmlNode *n)
{
	it->collection = child(n, NS_DAV, "collection") != NULL;
	it->calendar = child(n, NS_CALDAV, "calendar") != NULL;
}

static void read_components(struct dav_item *it, const xmlNode *n)
{
	it->vevent = false;
	for (const xmlNode *c = n->children; c; c = c->next) {
		xmlChar *name;
		if (!is(c, NS_CALDAV, "comp"))
			continue;
		name = xmlGetProp(c, (const xmlChar *)"name");
		if (name && !strcmp((const char *)name, "VEVENT"))
			it->vevent = true;
		xmlFree(name);
	}
}

static void read_reports(struct dav_item *it, const xmlNode *n)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		const xmlNode *rep = is(c, NS_DAV, "supported-report")
			? child(c, NS_DAV, "report") : NULL;
		if (rep && child(rep, NS_DAV, "sync-collection"))
			it->has_sync = true;
	}
}

/* One property found (status 200). */
static void read_prop(struct dav_item *it, const xmlNode *p)
{
	if (is(p, NS_DAV, "getetag"))
		take_text(&it->etag, p, true);
	else if (is(p, NS_CALDAV, "calendar-data"))
		take_text(&it->data, p, false);
	else if (is(p, NS_DAV, "displayname"))
		take_text(&it->displayname, p, true);
	else if (is(p, NS_CS, "getctag"))
		take_text(&it->ctag, p, true);
	else if (is(p, NS_DAV, "sync-token"))
		take_text(&it->sync_token, p, true);
	else if (is(p, NS_APPLE, "calendar-color"))
		take_text(&it->colour, p, true);
	else if (is(p, NS_DAV, "resourcetype"))
		read_resourcetype(it, p);
	else if (is(p, NS_CALDAV, "supported-calendar-component-set"))
		read_components(it, p);
	else if (is(p, NS_DAV, "supported-report-set"))
		read_reports(it, p);
	else if (is(p, NS_DAV, "current-user-principal")) {
		free(it->principal);
		it->principal = href_in(p);
	} else if (is(p, NS_CALDAV, "calendar-home-set")) {
		free(it->home);
		it->home = href_in(p);
	}
}

static void read_response(struct dav_items *out, const xmlNode *r)
{
	struct dav_item *it;
	char *href = href_in(r);

	if (!href)
		return; /* nothing to name it by: ignored */
	out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
	it = &out->v[out->n++];
	memset(it, 0, sizeof *it);
	it->href = href;
	/* Says nothing about components: may hold anything, events too. */
	it->vevent = true;
	it->status = status_of(child(r, NS_DAV, "status"));
	for (const xmlNode *ps = r->children; ps; ps = ps->next) {
		long st;
		if (!is(ps, NS_DAV, "propstat"))
			continue;
		st = status_of(child(ps, NS_DAV, "status"));
		if (st < 200 || st > 299)
			continue;
		const xmlNode *props = child(ps, NS_DAV, "prop");
		for (const xmlNode *p = props ? props->children : NULL; p;
		     p = p->next)
			read_prop(it, p);
	}
	if (it->status == 507)
		out->truncated = true;
}

/* Refuses what must never reach the parser. */
static int refuse_dtd(const char *body, size_t len, struct herr *err)
{
	if (memmem(body, len, "<!DOCTYPE", 9) || memmem(body, len, "<!ENTITY", 8))
		return herr_set(err, HE_USER, _("the answer declares a document "
				"type or entities, which a WebDAV answer never "
				"needs; refused"));
	if (len > INT_MAX)
		return herr_set(err, HE_USER, _("the answer is too large"));
	return HE_OK;
}

static xmlDoc *parse(const char *body, size_t len, struct herr *err)
{
	xmlDoc *doc;
	const xmlError *e;

	if (refuse_dtd(body, len, err) != HE_OK)
		return NULL;
	xmlResetLastError();
	doc = xmlReadMemory(body, (int)len, "answer.xml", NULL,
			    XML_PARSE_NONET | XML_PARSE_NOCDATA |
			    XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc) {
		e = xmlGetLastError();
		/* libxml2's messages end with a line break. */
		int n = e && e->message ? (int)strcspn(e->message, "\n") : 1;
		herr_set(err, HE_USER, _("the answer is not XML (line %d: %.*s)"),
			 e ? e->line : 0, n, e && e->message ? e->message : "?");
		return NULL;
	}
	if (doc->intSubset || doc->extSubset) {
		xmlFreeDoc(doc);
		herr_set(err, HE_USER, _("the answer declares a document type; "
			 "refused"));
		return NULL;
	}
	return doc;
}

int dav_parse(const char *body, size_t len, struct dav_items *out,
	      struct herr *err)
{
	xmlDoc *doc;
	const xmlNode *root;

	memset(out, 0, sizeof *out);
	if (!(doc = parse(body, len, err)))
		return HE_USER;
	root = xmlDocGetRootElement(doc);
	if (!is(root, NS_DAV, "multistatus")) {
		xmlFreeDoc(doc);
		return herr_set(err, HE_USER, _("the answer is not a WebDAV "
				"multistatus"));
	}
	for (const xmlNode *n = root->children; n; n = n->next) {
		if (is(n, NS_DAV, "response"))
			read_response(out, n);
		else if (is(n, NS_DAV, "sync-token"))
			take_text(&out->sync_token, n, true);
	}
	xmlFreeDoc(doc);
	return HE_OK;
}

char *dav_error_condition(const char *body, size_t len)
{
	struct herr err;
	xmlDoc *doc = len ? parse(body, len, &err) : NULL;
	const xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
	char *name = NULL;

	if (is(root, NS_DAV, "error"))
		for (const xmlNode *c = root->children; c && !name; c = c->next)
			if (c->type == XML_ELEMENT_NODE)
				name = xstrdup((const char *)c->name);
	if (doc)
		xmlFreeDoc(doc);
	return name;
}

void dav_item_free(struct dav_item *it)
{
	free(it->href);
	free(it->etag);
	free(it->data);
	free(it->displayname);
	free(it->ctag);
	free(it->sync_token);
	free(it->principal);
	free(it->home);
	free(it->colour);
	memset(it, 0, sizeof *it);
}

void dav_items_free(struct dav_items *l)
{
	for (size_t i = 0; i < l->n; i++)
		dav_item_free(&l->v[i]);
	free(l->v);
	free(l->sync_token);
	memset(l, 0, sizeof *l);
}
