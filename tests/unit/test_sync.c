/*
 * test_sync.c - the parts of CalDAV sync that need no server: reading
 * WebDAV answers (and refusing hostile ones: XXE, entity bombs), paths,
 * [sync NAME] sections, passwords kept out of reach, and one series as a
 * calendar object and back. The sync itself runs against Radicale in
 * tests/cli/sync.sh.
 */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "../../core/changes.h"
#include "../../core/config.h"
#include "../../core/ical/ical.h"
#include "../../core/sync/sync_int.h"
#include "testutil.h"

static const char answer[] =
	"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	"<D:multistatus xmlns:D=\"DAV:\" "
	"xmlns:C=\"urn:ietf:params:xml:ns:caldav\" "
	"xmlns:CS=\"http://calendarserver.org/ns/\">"
	"<D:response><D:href>/dav/%E7%A4%BE%E5%8C%BA/</D:href>"
	" <D:propstat><D:prop>"
	"  <D:resourcetype><D:collection/><C:calendar/></D:resourcetype>"
	"  <D:displayname>社区 &amp; 街道</D:displayname>"
	"  <CS:getctag>\"ctag-1\"</CS:getctag>"
	"  <C:supported-calendar-component-set><C:comp name=\"VTODO\"/>"
	"   <C:comp name=\"VEVENT\"/></C:supported-calendar-component-set>"
	"  <D:supported-report-set><D:supported-report><D:report>"
	"   <D:sync-collection/></D:report></D:supported-report>"
	"  </D:supported-report-set>"
	" </D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>"
	" <D:propstat><D:prop><D:getetag/></D:prop>"
	"  <D:status>HTTP/1.1 404 Not Found</D:status></D:propstat>"
	"</D:response>"
	"<D:response><D:href>http://example.org/dav/%E7%A4%BE%E5%8C%BA/a.ics"
	"</D:href><D:propstat><D:prop><D:getetag>\"e1\"</D:getetag>"
	"<C:calendar-data>BEGIN:VCALENDAR&#13;\nEND:VCALENDAR&#13;\n"
	"</C:calendar-data></D:prop>"
	"<D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>"
	"<D:response><D:href>/dav/%E7%A4%BE%E5%8C%BA/gone.ics</D:href>"
	"<D:status>HTTP/1.1 404 Not Found</D:status></D:response>"
	"<D:sync-token>http://example.org/sync/42</D:sync-token>"
	"</D:multistatus>";

static void reads_a_multistatus(void **state)
{
	struct dav_items l;
	struct herr err;

	(void)state;
	assert_int_equal(dav_parse(answer, sizeof answer - 1, &l, &err), HE_OK);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.v[0].href, "/dav/社区/");
	assert_true(l.v[0].collection);
	assert_true(l.v[0].calendar);
	assert_true(l.v[0].vevent);
	assert_true(l.v[0].has_sync);
	assert_string_equal(l.v[0].displayname, "社区 & 街道");
	assert_string_equal(l.v[0].ctag, "\"ctag-1\"");
	/* A property the server did not have (404) is not read. */
	assert_null(l.v[0].etag);
	assert_string_equal(l.v[1].href, "/dav/社区/a.ics");
	assert_string_equal(l.v[1].etag, "\"e1\"");
	assert_string_equal(l.v[1].data, "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");
	assert_false(l.v[1].collection);
	assert_int_equal(l.v[2].status, 404);
	assert_string_equal(l.v[2].href, "/dav/社区/gone.ics");
	assert_string_equal(l.sync_token, "http://example.org/sync/42");
	assert_false(l.truncated);
	dav_items_free(&l);
}

/* An XXE attack: the server's answer asks for a local file. */
static void refuses_external_entities(void **state)
{
	static const char xxe[] =
		"<?xml version=\"1.0\"?>\n"
		"<!DOCTYPE m [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
		"<d:multistatus xmlns:d=\"DAV:\"><d:response><d:href>/a</d:href>"
		"<d:propstat><d:prop><d:displayname>&x;</d:displayname></d:prop>"
		"<d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>"
		"</d:multistatus>";
	static const char laughs[] =
		"<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
		"<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
		"<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>"
		"<d:multistatus xmlns:d=\"DAV:\"><d:response><d:href>&lol3;"
		"</d:href></d:response></d:multistatus>";
	/* No declaration: the reference alone is not well-formed XML. */
	static const char undeclared[] =
		"<d:multistatus xmlns:d=\"DAV:\"><d:response><d:href>&x;"
		"</d:href></d:response></d:multistatus>";
	struct dav_items l;
	struct herr err;

	(void)state;
	assert_int_equal(dav_parse(xxe, sizeof xxe - 1, &l, &err), HE_USER);
	assert_non_null(strstr(err.msg, "document type"));
	assert_int_equal(l.n, 0);
	assert_int_equal(dav_parse(laughs, sizeof laughs - 1, &l, &err),
			 HE_USER);
	assert_int_equal(l.n, 0);
	assert_int_equal(dav_parse(undeclared, sizeof undeclared - 1, &l, &err),
			 HE_USER);
	assert_non_null(strstr(err.msg, "not XML"));
	assert_null(dav_error_condition(xxe, sizeof xxe - 1));
}

static void refuses_what_is_not_a_multistatus(void **state)
{
	static const char html[] = "<html><body>login</body></html>";
	static const char cut[] = "<d:multistatus xmlns:d=\"DAV:\"><d:resp";
	static const char error[] = "<d:error xmlns:d=\"DAV:\">"
				    "<d:valid-sync-token/></d:error>";
	struct dav_items l;
	struct herr err;
	char *cond;

	(void)state;
	assert_int_equal(dav_parse(html, sizeof html - 1, &l, &err), HE_USER);
	assert_non_null(strstr(err.msg, "multistatus"));
	assert_int_equal(dav_parse(cut, sizeof cut - 1, &l, &err), HE_USER);
	assert_int_equal(dav_parse("", 0, &l, &err), HE_USER);
	cond = dav_error_condition(error, sizeof error - 1);
	assert_string_equal(cond, "valid-sync-token");
	free(cond);
}

static void paths(void **state)
{
	char *s;

	(void)state;
	s = url_origin("https://dav.example.org:8443/remote.php/dav/");
	assert_string_equal(s, "https://dav.example.org:8443");
	free(s);
	assert_null(url_origin("ftp://example.org/"));
	assert_null(url_origin("https:///x"));
	s = url_path("https://h/a%20b/c?x=1");
	assert_string_equal(s, "/a b/c");
	free(s);
	s = url_path("https://h");
	assert_string_equal(s, "/");
	free(s);
	s = href_decode("/a%2Fb%00c/%zz");
	assert_string_equal(s, "/a/b_c/%zz"); /* NUL never gets through */
	free(s);
	s = href_url("http://h", "/社区/a b.ics");
	assert_string_equal(s, "http://h/%E7%A4%BE%E5%8C%BA/a%20b.ics");
	free(s);
	s = href_for_uid("/c/", "0314ba11-c16c-4c31-96c8-e08178e93c82");
	assert_string_equal(s, "/c/0314ba11-c16c-4c31-96c8-e08178e93c82.ics");
	free(s);
	/* A UID with other characters gets a stable digest. */
	s = href_for_uid("/c/", "event@example.org/1");
	assert_non_null(strstr(s, "/c/hearth-"));
	char *again = href_for_uid("/c/", "event@example.org/1");
	assert_string_equal(s, again);
	free(again);
	free(s);
	s = href_for_uid("/c/", "../../etc");
	assert_null(strstr(s, ".."));
	free(s);
	assert_true(url_loopback("http://127.0.0.1:5232/"));
	assert_true(url_loopback("http://localhost/"));
	assert_false(url_loopback("http://192.168.1.5/"));
	assert_false(url_loopback("http://localhost.evil.org/"));
}

static int load(struct config *c, const char *text, struct herr *err)
{
	config_init(c);
	return config_load_string(c, text, "conf", err);
}

static void sync_sections(void **state)
{
	struct config c;
	struct herr err;
	const struct sync_account *a;

	(void)state;
	assert_int_equal(load(&c, "[sync district]\n"
			      "url = https://dav.example.org/\n"
			      "calendar = 社区活动\n"
			      "user = liangku\n"
			      "password_command = pass show caldav\n"
			      "send_kind = reading, fair\n"
			      "receive_kind = volunteer\n"
			      "receive_org = 皇姑区委社会工作部\n"
			      "timeout = 10\n"
			      "max_response = 8\n", &err), HE_OK);
	assert_non_null(a = sync_account_find(&c, "district"));
	assert_string_equal(a->calendar, "社区活动");
	assert_int_equal(a->send_kinds.n, 2);
	assert_string_equal(a->send_kinds.v[1], "fair");
	assert_int_equal(a->timeout, 10);
	assert_int_equal(a->max_response, 8u << 20);
	assert_true(a->send);
	assert_true(a->use_sync_collection);
	assert_int_equal(sync_account_check(&c, a, &err), HE_OK);
	assert_null(sync_account_find(&c, "other"));
	config_free(&c);
	assert_int_equal(load(&c, "[sync a]\nurl = https://h/\n"
			      "sync_collection = no\n", &err), HE_OK);
	assert_false(sync_account_find(&c, "a")->use_sync_collection);
	config_free(&c);

	assert_int_equal(load(&c, "[sync a]\nurl = https://h/\n"
			      "password = secret\n", &err), HE_USER);
	assert_non_null(strstr(err.msg, "conf:3:"));
	assert_non_null(strstr(err.msg, "password_file"));
	config_free(&c);
	assert_int_equal(load(&c, "[sync a]\nurl = https://u:p@h/\n", &err),
			 HE_USER);
	config_free(&c);
	assert_int_equal(load(&c, "[sync A B]\nurl = https://h/\n", &err),
			 HE_USER);
	config_free(&c);
	assert_int_equal(load(&c, "[sync a]\nsend = maybe\n", &err), HE_USER);
	config_free(&c);
	assert_int_equal(load(&c, "[sync a]\ncolour = red\n", &err), HE_USER);
	assert_non_null(strstr(err.msg, "unknown option"));
	config_free(&c);

	/* Plain http:// to another machine would send the password in clear. */
	assert_int_equal(load(&c, "[sync a]\nurl = http://192.168.1.5/\n"
			      "user = u\npassword_file = /x\n", &err), HE_OK);
	a = sync_account_find(&c, "a");
	assert_int_equal(sync_account_check(&c, a, &err), HE_USER);
	assert_non_null(strstr(err.msg, "[sync a]"));
	config_free(&c);
	assert_int_equal(load(&c, "[sync a]\nurl = http://192.168.1.5/\n"
			      "allow_http = yes\n", &err), HE_OK);
	assert_int_equal(sync_account_check(&c, sync_account_find(&c, "a"),
					    &err), HE_OK);
	config_free(&c);
	assert_int_equal(load(&c, "[sync a]\nuser = u\n", &err), HE_OK);
	assert_int_equal(sync_account_check(&c, sync_account_find(&c, "a"),
					    &err), HE_USER);
	assert_non_null(strstr(err.msg, "url is missing"));
	config_free(&c);
	assert_int_equal(load(&c, "[sync a]\nurl = https://h/\n"
			      "receive_kind = nosuch\n", &err), HE_OK);
	assert_int_equal(sync_account_check(&c, sync_account_find(&c, "a"),
					    &err), HE_USER);
	config_free(&c);
}

static void passwords(void **state)
{
	struct sync_account a = { .name = (char *)"a", .user = (char *)"u" };
	char *path = scratch_path("pw"), *pw;
	struct herr err;
	FILE *f = fopen(path, "w");

	(void)state;
	fputs("s3cret\nsecond line\n", f);
	fclose(f);
	a.password_file = path;
	chmod(path, 0644);
	assert_int_equal(sync_password(&a, &pw, &err), HE_USER);
	assert_null(pw);
	assert_non_null(strstr(err.msg, "chmod 600"));
	chmod(path, 0600);
	assert_int_equal(sync_password(&a, &pw, &err), HE_OK);
	assert_string_equal(pw, "s3cret");
	sync_password_free(&pw);
	assert_null(pw);
	f = fopen(path, "w");
	fclose(f);
	assert_int_equal(sync_password(&a, &pw, &err), HE_USER);
	assert_non_null(strstr(err.msg, "empty"));
	a.password_file = NULL;
	a.password_command = (char *)"printf 'from-a-vault\\nnote\\n'";
	assert_int_equal(sync_password(&a, &pw, &err), HE_OK);
	assert_string_equal(pw, "from-a-vault");
	sync_password_free(&pw);
	a.password_command = (char *)"exit 3";
	assert_int_equal(sync_password(&a, &pw, &err), HE_USER);
	assert_non_null(strstr(err.msg, "exit status 3"));
	a.password_command = NULL;
	assert_int_equal(sync_password(&a, &pw, &err), HE_OK);
	assert_null(pw);
	free(path);
}

/* A series with what a round trip can lose: overrides, a cancelled
 * occurrence, extra and exception dates, segments, organisations. */
static void full_series(struct series *s)
{
	struct segment g = { .title = (char *)"分享", .timed = true,
			     .from_min = 9 * 60 + 30, .to_min = 10 * 60 + 30 };
	struct override *o;
	struct herr err;

	series_init(s);
	s->uid = xstrdup("round-trip-1");
	s->kind = xstrdup("reading");
	s->title = xstrdup("青少年读书分享会");
	s->description = xstrdup("带上一本书。\n第二行");
	s->venue = xstrdup("棉织社区党群服务中心");
	series_add_org(s, "棉织社区党委", ROLE_HOST);
	series_add_org(s, "区图书馆", ROLE_PARTNER);
	strv_add(&s->audience, "青少年");
	s->capacity = 30;
	snprintf(s->sched.tzid, sizeof s->sched.tzid, "Asia/Shanghai");
	s->sched.start = cv("2027-01-09T09:00:00");
	s->sched.end = cv("2027-01-09T12:00:00");
	s->sched.rrule = xstrdup("FREQ=WEEKLY;COUNT=6");
	civil_list_add(&s->sched.rdates, cv("2027-01-13T09:00:00"));
	civil_list_add(&s->sched.exdates, cv("2027-01-23T09:00:00"));
	series_add_segment(s, &g);
	assert_int_equal(sched_prepare(&s->sched, &err), HE_OK);
	assert_int_equal(series_override(s, CT(2027, 1, 16, 9, 0), &o, &err),
			 HE_OK);
	o->moved = true;
	o->start = cv("2027-01-17T14:00:00");
	o->end = cv("2027-01-17T17:00:00");
	o->note = xstrdup("改到周日");
	assert_int_equal(series_override(s, CT(2027, 1, 30, 9, 0), &o, &err),
			 HE_OK);
	o->cancelled = true;
	o->note = xstrdup("停电");
}

static bool same(const struct series *a, const struct series *b)
{
	struct changes ch = { 0 };
	struct civil_list rids = { 0 };
	bool yes;

	series_diff(a, b, &ch);
	series_overrides_changed(a, b, &rids);
	for (size_t i = 0; i < ch.n; i++)
		print_message("# differs: %s: '%s' / '%s'\n", ch.v[i].field,
			      ch.v[i].before ? ch.v[i].before : "",
			      ch.v[i].after ? ch.v[i].after : "");
	yes = ch.n == 0 && rids.n == 0;
	changes_free(&ch);
	civil_list_free(&rids);
	return yes;
}

static void a_series_as_one_object_and_back(void **state)
{
	struct store *st = open_new("object.db");
	struct config cfg;
	struct ics_export_opts eo = { .cfg = &cfg, .now = 1800000000 };
	struct ics_import_opts io = { .cfg = &cfg, .kind = "volunteer",
				      .zone = tz_get("Asia/Shanghai"),
				      .now = 1800000000 };
	struct ics_writer *w;
	struct ics_object ob;
	struct series s, stored;
	struct herr err;
	char *text, *again;

	(void)state;
	config_init(&cfg);
	full_series(&s);
	assert_int_equal(store_series_save(st, &s, &err), HE_OK);
	assert_int_equal(store_series_load(st, s.id, &stored, &err), HE_OK);
	assert_int_equal(ics_writer_new(st, &eo, &w, &err), HE_OK);
	text = ics_writer_object(w, &stored, NULL);
	/* One object: one UID, RDATEs in the series, no METHOD (RFC 4791). */
	assert_null(strstr(text, "METHOD:"));
	assert_non_null(strstr(text, "RDATE;TZID=Asia/Shanghai:20270113T090000"));
	assert_non_null(strstr(text, "BEGIN:VTIMEZONE"));
	assert_null(strstr(text, "-rdate-"));
	/* The same version gives the same bytes. */
	again = ics_writer_object(w, &stored, NULL);
	assert_string_equal(text, again);
	free(again);
	assert_int_equal(ics_object_read(text, strlen(text), &io, &ob, &err),
			 HE_OK);
	assert_null(ob.problem);
	assert_string_equal(ob.uid, "round-trip-1");
	assert_true(same(&stored, &ob.s));
	ics_object_free(&ob);
	free(text);
	ics_writer_free(&w);
	series_free(&s);
	series_free(&stored);
	config_free(&cfg);
	store_close(&st);
}

static void objects_hearth_cannot_model(void **state)
{
	static const char *const objects[] = {
		/* a to-do */
		"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VTODO\r\n"
		"UID:t1\r\nDTSTAMP:20270101T000000Z\r\nSUMMARY:s\r\n"
		"END:VTODO\r\nEND:VCALENDAR\r\n",
		/* two UIDs in one object */
		"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\n"
		"UID:a\r\nDTSTAMP:20270101T000000Z\r\nDTSTART:20270101T100000Z\r\n"
		"DTEND:20270101T110000Z\r\nSUMMARY:a\r\nEND:VEVENT\r\n"
		"BEGIN:VEVENT\r\nUID:b\r\nDTSTAMP:20270101T000000Z\r\n"
		"DTSTART:20270102T100000Z\r\nDTEND:20270102T110000Z\r\n"
		"SUMMARY:b\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
		/* a changed occurrence without its series */
		"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\n"
		"UID:c\r\nRECURRENCE-ID:20270108T100000Z\r\n"
		"DTSTAMP:20270101T000000Z\r\nDTSTART:20270108T120000Z\r\n"
		"DTEND:20270108T130000Z\r\nSUMMARY:c\r\nEND:VEVENT\r\n"
		"END:VCALENDAR\r\n",
		/* a change of an occurrence the rule does not have */
		"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\n"
		"UID:d\r\nDTSTAMP:20270101T000000Z\r\nDTSTART:20270101T100000Z\r\n"
		"DTEND:20270101T110000Z\r\nRRULE:FREQ=WEEKLY;COUNT=2\r\n"
		"SUMMARY:d\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:d\r\n"
		"RECURRENCE-ID:20270103T100000Z\r\nDTSTAMP:20270101T000000Z\r\n"
		"DTSTART:20270103T120000Z\r\nDTEND:20270103T130000Z\r\n"
		"SUMMARY:d\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
		/* nothing at all */
		"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nEND:VCALENDAR\r\n",
	};
	static const char *const uids[] = { "t1", "a", "c", "d", NULL };
	struct config cfg;
	struct ics_import_opts io = { .cfg = &cfg, .zone = tz_get("UTC"),
				      .now = 1800000000 };
	struct ics_object ob;
	struct herr err;

	(void)state;
	config_init(&cfg);
	for (size_t i = 0; i < sizeof objects / sizeof *objects; i++) {
		assert_int_equal(ics_object_read(objects[i], strlen(objects[i]),
						 &io, &ob, &err), HE_OK);
		if (!ob.problem)
			fail_msg("object %zu was taken as an event", i);
		if (uids[i] && (!ob.uid || strcmp(ob.uid, uids[i])))
			fail_msg("object %zu: UID '%s', not '%s' (%s)", i,
				 ob.uid ? ob.uid : "(none)", uids[i], ob.problem);
		ics_object_free(&ob);
	}
	config_free(&cfg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reads_a_multistatus),
		cmocka_unit_test(refuses_external_entities),
		cmocka_unit_test(refuses_what_is_not_a_multistatus),
		cmocka_unit_test(paths),
		cmocka_unit_test(sync_sections),
		cmocka_unit_test(passwords),
		cmocka_unit_test(a_series_as_one_object_and_back),
		cmocka_unit_test(objects_hearth_cannot_model),
	};

	setenv("TZ", "UTC", 1);
	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, teardown_all);
}
