/*
 * http.c - requests to one CalDAV server through libcurl.
 *
 * One easy handle per server, so that connections are kept between
 * requests where the server allows it. TLS is always verified (a CA file
 * may be added for a district's own CA); credentials go only to the
 * server they were given for (redirects are not followed here; discovery
 * follows them itself, dav.c). An answer may not be larger than
 * max_body, nor stall for longer than timeout: a hostile or broken
 * server costs bounded memory and time.
 */
#include "sync_int.h"

#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../i18n.h"

struct http {
	CURL *curl;
	char *server;
	struct http_opts o;
	char *user, *password;
	long requests;
	char errbuf[CURL_ERROR_SIZE];
	bool too_big;
};

/* libcurl is set up once per process, before any thread could race. */
static void global_init(void)
{
	static bool done;

	if (!done) {
		curl_global_init(CURL_GLOBAL_DEFAULT);
		done = true;
	}
}

int http_new(struct http **out, const char *server, const struct http_opts *o,
	     struct herr *err)
{
	struct http *h;

	global_init();
	h = xcalloc(1, sizeof *h);
	if (!(h->curl = curl_easy_init())) {
		free(h);
		return herr_set(err, HE_INTERNAL, _("cannot start libcurl"));
	}
	h->server = xstrdup(server);
	h->o = *o;
	h->user = xstrdup0(o->user);
	h->password = xstrdup0(o->password);
	h->o.user = h->user;
	h->o.password = h->password;
	h->o.ca_file = NULL;
	if (o->ca_file)
		h->o.ca_file = xstrdup(o->ca_file);
	*out = h;
	return HE_OK;
}

void http_free(struct http **hp)
{
	struct http *h = *hp;

	if (!h)
		return;
	curl_easy_cleanup(h->curl);
	if (h->password) {
		explicit_bzero(h->password, strlen(h->password));
		free(h->password);
	}
	free(h->user);
	free((char *)h->o.ca_file);
	free(h->server);
	free(h);
	*hp = NULL;
}

long http_requests(const struct http *h)
{
	return h->requests;
}

const char *http_server(const struct http *h)
{
	return h->server;
}

void http_resp_free(struct http_resp *resp)
{
	sbuf_free(&resp->body);
	free(resp->etag);
	free(resp->location);
	memset(resp, 0, sizeof *resp);
}

struct transfer {
	struct http *h;
	struct http_resp *resp;
};

static size_t on_body(char *data, size_t size, size_t n, void *ctx)
{
	struct transfer *t = ctx;
	size_t len = size * n;

	if (t->resp->body.len + len > t->h->o.max_body) {
		t->h->too_big = true;
		return 0; /* libcurl stops with CURLE_WRITE_ERROR */
	}
	sbuf_addn(&t->resp->body, data, len);
	return len;
}

/* The value of header line "Name: value" when it is name, else NULL. */
static char *header_value(const char *line, size_t len, const char *name)
{
	size_t n = strlen(name);
	const char *v, *end = line + len;

	if (len <= n || strncasecmp(line, name, n) || line[n] != ':')
		return NULL;
	for (v = line + n + 1; v < end && (*v == ' ' || *v == '\t'); v++)
		;
	while (end > v && (end[-1] == '\r' || end[-1] == '\n' ||
			   end[-1] == ' '))
		end--;
	return xstrndup(v, (size_t)(end - v));
}

static size_t on_header(char *data, size_t size, size_t n, void *ctx)
{
	struct transfer *t = ctx;
	size_t len = size * n;
	char *v;

	/* A new status line (after a 100 Continue) starts the headers over. */
	if (len > 5 && !strncmp(data, "HTTP/", 5)) {
		free(t->resp->etag);
		free(t->resp->location);
		t->resp->etag = t->resp->location = NULL;
	} else if ((v = header_value(data, len, "ETag"))) {
		free(t->resp->etag);
		t->resp->etag = v;
	} else if ((v = header_value(data, len, "Location"))) {
		free(t->resp->location);
		t->resp->location = v;
	}
	return len;
}

static struct curl_slist *request_headers(const struct http_req *r)
{
	struct curl_slist *l = NULL;
	char *line;

	/* No "Expect: 100-continue" round trip before a body. */
	l = curl_slist_append(l, "Expect:");
	if (r->depth) {
		line = xasprintf("Depth: %s", r->depth);
		l = curl_slist_append(l, line);
		free(line);
	}
	if (r->content_type) {
		line = xasprintf("Content-Type: %s", r->content_type);
		l = curl_slist_append(l, line);
		free(line);
	}
	if (r->if_match) {
		line = xasprintf("If-Match: %s", r->if_match);
		l = curl_slist_append(l, line);
		free(line);
	}
	if (r->if_none_match)
		l = curl_slist_append(l, "If-None-Match: *");
	return l;
}

static void set_options(struct http *h, const struct http_req *r,
			struct transfer *t, struct curl_slist *headers)
{
	CURL *c = h->curl;

	curl_easy_reset(c);
	curl_easy_setopt(c, CURLOPT_URL, r->url);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, r->method);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, h->errbuf);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	if (h->o.ca_file)
		curl_easy_setopt(c, CURLOPT_CAINFO, h->o.ca_file);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, h->o.timeout);
	/* Slower than a byte a second for timeout seconds is a stall; a big
	   answer that keeps coming is not. */
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, h->o.timeout);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "hearth");
	curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
	if (h->user) {
		curl_easy_setopt(c, CURLOPT_USERNAME, h->user);
		curl_easy_setopt(c, CURLOPT_PASSWORD, h->password ? h->password
								  : "");
		curl_easy_setopt(c, CURLOPT_HTTPAUTH, h->o.digest
				 ? CURLAUTH_DIGEST : CURLAUTH_BASIC);
	}
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
	if (r->body) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, r->body);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
				 (curl_off_t)r->body_len);
	}
	/* A HEAD-like method without a body still reads the answer. */
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, t);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, t);
}

/* The path of url for messages: what people see in the server's logs. */
static const char *resource_of(const char *url)
{
	const char *p = strstr(url, "://");

	p = p ? strchr(p + 3, '/') : NULL;
	return p ? p : "/";
}

static int transfer_error(struct http *h, const struct http_req *r,
			  CURLcode code, struct herr *err)
{
	const char *what = h->errbuf[0] ? h->errbuf : curl_easy_strerror(code);

	if (h->too_big)
		return herr_set(err, HE_INTERNAL, _("server %s: the answer to %s "
				"%s is larger than %zu bytes (max_response); "
				"stopped"), h->server, r->method,
				resource_of(r->url), h->o.max_body);
	if (code == CURLE_OPERATION_TIMEDOUT)
		return herr_set(err, HE_INTERNAL, _("server %s: no answer to %s "
				"%s within %ld seconds (timeout)"), h->server,
				r->method, resource_of(r->url), h->o.timeout);
	if (code == CURLE_PEER_FAILED_VERIFICATION ||
	    code == CURLE_SSL_CACERT_BADFILE || code == CURLE_SSL_CERTPROBLEM)
		return herr_set(err, HE_INTERNAL, _("server %s: its certificate "
				"cannot be verified (%s); a district's own CA "
				"goes in ca_file"), h->server, what);
	return herr_set(err, HE_INTERNAL, _("server %s: %s %s failed: %s"),
			h->server, r->method, resource_of(r->url), what);
}

int http_do(struct http *h, const struct http_req *r, struct http_resp *resp,
	    struct herr *err)
{
	struct transfer t = { h, resp };
	struct curl_slist *headers = request_headers(r);
	CURLcode code;

	http_resp_free(resp);
	h->errbuf[0] = '\0';
	h->too_big = false;
	set_options(h, r, &t, headers);
	h->requests++;
	code = curl_easy_perform(h->curl);
	curl_slist_free_all(headers);
	if (code != CURLE_OK)
		return transfer_error(h, r, code, err);
	curl_easy_getinfo(h->curl, CURLINFO_RESPONSE_CODE, &resp->status);
	return HE_OK;
}

int http_status_error(struct http *h, const char *method, const char *url,
		      long status, struct herr *err)
{
	const char *res = resource_of(url);

	switch (status) {
	case 401:
		return herr_set(err, HE_USER, _("server %s: %s %s: 401 "
				"Unauthorized: the user or the password is "
				"wrong"), h->server, method, res);
	case 403:
		return herr_set(err, HE_USER, _("server %s: %s %s: 403 "
				"Forbidden: the user may not do this there"),
				h->server, method, res);
	case 404:
		return herr_set(err, HE_USER, _("server %s: %s %s: 404 Not Found"),
				h->server, method, res);
	default:
		return herr_set(err, status >= 500 ? HE_INTERNAL : HE_USER,
				_("server %s: %s %s: status %ld"), h->server,
				method, res, status);
	}
}
