/*
 * href.c - paths on a WebDAV server.
 *
 * Servers write hrefs as paths or as whole URLs, with or without
 * percent-encoding ("/a%40b/" and "/a@b/" are one resource). hearth keeps
 * every path decoded, compares decoded paths, and encodes once, when it
 * makes a URL.
 */
#include "sync_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *url_origin(const char *url)
{
	const char *host, *end;

	if (!strncmp(url, "https://", 8))
		host = url + 8;
	else if (!strncmp(url, "http://", 7))
		host = url + 7;
	else
		return NULL;
	end = host + strcspn(host, "/?#");
	if (end == host)
		return NULL;
	return xstrndup(url, (size_t)(end - url));
}

static int hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes %XX of s[0..n); a '%' not followed by two digits stays. */
static char *decode(const char *s, size_t n)
{
	struct sbuf b = { 0 };

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n && hex(s[i + 1]) >= 0 &&
		    hex(s[i + 2]) >= 0) {
			char c = (char)(hex(s[i + 1]) * 16 + hex(s[i + 2]));
			/* A NUL byte in a path is an attack, not a name. */
			sbuf_addc(&b, c ? c : '_');
			i += 2;
		} else {
			sbuf_addc(&b, s[i]);
		}
	}
	return sbuf_take(&b);
}

char *url_path(const char *url)
{
	const char *p = strstr(url, "://");
	size_t n;

	p = p ? p + 3 + strcspn(p + 3, "/?#") : url;
	if (*p != '/')
		return xstrdup("/");
	n = strcspn(p, "?#");
	return decode(p, n);
}

char *href_decode(const char *href)
{
	if (!strncmp(href, "http://", 7) || !strncmp(href, "https://", 8))
		return url_path(href);
	return decode(href, strcspn(href, "?#"));
}

/* RFC 3986 unreserved characters, sub-delims and ':' '@' '/' stay. */
static bool path_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || strchr("-._~!$&'()*+,;=:@/", c);
}

char *href_url(const char *origin, const char *path)
{
	struct sbuf b = { 0 };

	sbuf_add(&b, origin);
	if (*path != '/')
		sbuf_addc(&b, '/');
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if (path_char(*p))
			sbuf_addc(&b, (char)*p);
		else
			sbuf_addf(&b, "%%%02X", *p);
	}
	return sbuf_take(&b);
}

char *path_dir(const char *path)
{
	size_t n = strlen(path);

	if (n && path[n - 1] == '/')
		return xstrdup(path);
	return xasprintf("%s/", path);
}

char *href_for_uid(const char *dir, const char *uid)
{
	uint64_t h = 14695981039346656037u;
	bool plain = *uid && strlen(uid) <= 120 && uid[0] != '.';

	for (const char *p = uid; *p; p++) {
		char c = *p;
		h = (h ^ (unsigned char)c) * 1099511628211u;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'))
			plain = false;
	}
	if (plain)
		return xasprintf("%s%s.ics", dir, uid);
	return xasprintf("%shearth-%016llx.ics", dir, (unsigned long long)h);
}

bool url_loopback(const char *url)
{
	char *origin = url_origin(url);
	const char *host;
	bool yes = false;

	if (!origin)
		return false;
	host = strstr(origin, "://") + 3;
	yes = !strncmp(host, "127.", 4) || !strncmp(host, "[::1]", 5) ||
	      !strcmp(host, "localhost") || !strncmp(host, "localhost:", 10);
	free(origin);
	return yes;
}
