/*
 * test_publish.c - getting the calendar to phones, in core: reminders,
 * changed occurrences told in words, feed names and addresses, files
 * rewritten only when they change, republishing exactly the feeds a change
 * touched, the chat notice, and text cleaned for other programs. Served
 * through a real web server and read by other programs in
 * tests/cli/publish.sh, phones.sh, notice.sh.
 */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "../../core/alarm.h"
#include "../../core/occ_text.h"
#include "../../core/publish/publish.h"
#include "../../core/text.h"
#include "testutil.h"

static void alarms_read_and_written(void **state)
{
	struct alarms a;
	struct herr err;
	char *s;

	(void)state;
	assert_int_equal(alarms_parse("2h, 1d", &a, &err), HE_OK);
	assert_true(a.set);
	assert_int_equal(a.n, 2);
	assert_int_equal(a.before[0], 86400); /* longest first */
	assert_int_equal(a.before[1], 7200);
	s = alarms_format(&a);
	assert_string_equal(s, "1d, 2h");
	free(s);
	s = alarms_to_text(&a);
	assert_string_equal(s, "86400,7200");
	assert_true(alarms_from_text(s, &a));
	assert_int_equal(a.n, 2);
	free(s);
	assert_int_equal(alarms_parse("1h 1h", &a, &err), HE_OK);
	assert_int_equal(a.n, 1); /* the same twice is once */
	assert_int_equal(alarms_parse("none", &a, &err), HE_OK);
	assert_true(a.set);
	assert_int_equal(a.n, 0);
	s = alarms_to_text(&a);
	assert_string_equal(s, "");
	free(s);
	assert_int_equal(alarms_parse("2x", &a, &err), HE_USER);
	assert_non_null(strstr(err.msg, "2x"));
	assert_int_equal(alarms_parse("5w", &a, &err), HE_USER);
	assert_int_equal(alarms_parse(", ,", &a, &err), HE_USER);
	assert_int_equal(alarms_parse("1m 2m 3m 4m 5m 6m 7m 8m 9m", &a, &err),
			 HE_USER);
	assert_false(alarms_from_text("12,abc", &a));
	assert_true(alarms_from_text(NULL, &a));
	assert_false(a.set);
}

static void changes_in_words(void **state)
{
	struct series s;
	struct override o = { 0 };
	char *t;

	(void)state;
	series_init(&s);
	s.venue = xstrdup("图书馆");
	o.rid = (struct civil){ 2027, 1, 17, 10, 0, 0 };
	assert_null(occ_text_changes(&s, &o));
	o.moved = true;
	o.start = (struct civil){ 2027, 1, 17, 11, 0, 0 };
	o.end = (struct civil){ 2027, 1, 17, 19, 0, 0 };
	t = occ_text_changes(&s, &o);
	assert_string_equal(t, "Time changed: originally 10:00");
	free(t);
	o.start.day = 18;
	o.venue = "体育馆";
	t = occ_text_changes(&s, &o);
	assert_string_equal(t, "Time changed: originally 2027-01-17 10:00\n"
			       "Venue changed: originally 图书馆");
	free(t);
	t = occ_text_title("读书会", true);
	assert_string_equal(t, "[Cancelled] 读书会");
	free(t);
	series_free(&s);
}

static void feed_addresses(void **state)
{
	char *u;

	(void)state;
	u = publish_feed_url("https://example.org/cal", "venue-3", false);
	assert_string_equal(u, "https://example.org/cal/venue-3.ics");
	free(u);
	u = publish_feed_url("https://example.org/cal/", "all", true);
	assert_string_equal(u, "webcal://example.org/cal/all.ics");
	free(u);
	u = publish_feed_url("http://127.0.0.1:8080/", "kind-fair", true);
	assert_string_equal(u, "webcal://127.0.0.1:8080/kind-fair.ics");
	free(u);
}

static void cleaned_for_others(void **state)
{
	char *t;

	(void)state;
	t = text_clean("a\tb\x1b[31m\xe2\x80\xae" "c\r\nd\re\xff", true);
	assert_string_equal(t, "a b[31mc\nd\ne\xef\xbf\xbd");
	free(t);
	t = text_clean("a\r\nb", false);
	assert_string_equal(t, "a b");
	free(t);
}

/* A series of kind at venue, hosted by host, from start for n weeks. */
static int64_t add(struct store *st, const char *title, const char *kind,
		   const char *venue, const char *host)
{
	struct series s;
	struct herr err;

	series_init(&s);
	s.title = xstrdup(title);
	s.kind = xstrdup(kind);
	s.venue = xstrdup0(venue);
	if (host)
		series_add_org(&s, host, ROLE_HOST);
	snprintf(s.sched.tzid, sizeof s.sched.tzid, "Asia/Shanghai");
	s.sched.start = (struct civil){ 2027, 1, 15, 10, 0, 0 };
	s.sched.end = (struct civil){ 2027, 1, 15, 18, 0, 0 };
	s.sched.rrule = xstrdup("FREQ=WEEKLY;COUNT=3");
	assert_int_equal(sched_prepare(&s.sched, &err), HE_OK);
	if (store_series_save(st, &s, &err) != HE_OK)
		fail_msg("%s", err.msg);
	int64_t id = s.id;
	series_free(&s);
	return id;
}

/* The file's modification time in nanoseconds, -1 when it is missing. */
static long long mtime(const char *dir, const char *name)
{
	char *p = xasprintf("%s/%s", dir, name);
	struct stat sb;
	long long t = stat(p, &sb) == 0 ? sb.st_mtim.tv_sec * 1000000000LL +
						  sb.st_mtim.tv_nsec : -1;
	free(p);
	return t;
}

/* Removes dir and the files in it. */
static void remove_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	while (d && (e = readdir(d))) {
		char *p;
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		p = xasprintf("%s/%s", dir, e->d_name);
		unlink(p);
		free(p);
	}
	if (d)
		closedir(d);
	rmdir(dir);
}

/* Every feed written, none rewritten when nothing changed; a change made
 * while watching rewrites its feeds and leaves the others alone. */
static void republishes_what_changed(void **state)
{
	struct store *st = open_new("pub.db");
	char *dir = scratch_path("www");
	struct config cfg;
	struct publish_opts o = { 0 };
	struct publish_result r;
	struct publisher *p;
	struct herr err;
	struct series s;
	long long all, fair, warm, lib;
	int64_t id;

	(void)state;
	config_init(&cfg);
	id = add(st, "暖冬驿站", "warm-station", "万达广场", "总工会");
	add(st, "文明集市", "fair", "图书馆", NULL);
	o.dir = dir;
	o.base_url = "https://example.org/c/";
	o.cfg = &cfg;
	o.zone = "Asia/Shanghai";
	o.now = 1798416000;
	assert_int_equal(publish_run(st, &o, &r, &err), HE_OK);
	/* all, 6 kinds, 2 venues, 1 organisation; each with 2 QR codes;
	   index.html. */
	assert_int_equal(r.written, 10 * 3 + 1);
	assert_int_equal(publish_run(st, &o, &r, &err), HE_OK);
	assert_int_equal(r.written, 0);
	assert_int_equal(r.unchanged, 31);
	all = mtime(dir, "all.ics");
	fair = mtime(dir, "kind-fair.ics");
	warm = mtime(dir, "kind-warm-station.ics");
	lib = mtime(dir, "venue-2.ics");
	assert_int_equal(publish_watch(st, &o, &p, &err), HE_OK);
	assert_int_equal(store_series_load(st, id, &s, &err), HE_OK);
	str_replace(&s.title, "暖冬驿站（改）");
	assert_int_equal(store_series_save(st, &s, &err), HE_OK);
	series_free(&s);
	assert_false(publisher_failed(p, &err));
	assert_true(mtime(dir, "all.ics") != all);
	assert_true(mtime(dir, "kind-warm-station.ics") != warm);
	assert_int_equal(mtime(dir, "kind-fair.ics"), fair);
	assert_int_equal(mtime(dir, "venue-2.ics"), lib);
	/* A failure is kept for the caller, once. */
	o.dir = "/dev/null/x";
	publish_unwatch(&p);
	assert_int_equal(publish_watch(st, &o, &p, &err), HE_OK);
	id = add(st, "扫雪", "volunteer", NULL, NULL);
	assert_true(publisher_failed(p, &err));
	assert_non_null(strstr(err.msg, "/dev/null/x"));
	assert_false(publisher_failed(p, &err));
	publish_unwatch(&p);
	config_free(&cfg);
	store_close(&st);
	remove_dir(dir);
	free(dir);
}

static void notice_of_a_week(void **state)
{
	struct store *st = open_new("notice.db");
	struct config cfg;
	struct notice_opts o = { 0 };
	struct series s;
	struct override *ov;
	struct herr err;
	char *text;
	int64_t id;

	(void)state;
	config_init(&cfg);
	id = add(st, "暖冬驿站", "warm-station", "万达广场", NULL);
	assert_int_equal(store_series_load(st, id, &s, &err), HE_OK);
	assert_int_equal(series_override(&s, CT(2027, 1, 22, 10, 0), &ov, &err),
			 HE_OK);
	ov->cancelled = true;
	ov->note = xstrdup("商场检修");
	assert_int_equal(store_series_save(st, &s, &err), HE_OK);
	series_free(&s);
	o.zone = tz_get("Asia/Shanghai");
	o.from = at("Asia/Shanghai", "2027-01-15");
	o.to = at("Asia/Shanghai", "2027-01-30");
	o.cfg = &cfg;
	o.base_url = "https://example.org/c";
	assert_int_equal(publish_notice(st, &o, &text, &err), HE_OK);
	assert_string_equal(text,
		"暖冬驿站, 15 Jan to 29 Jan\n"
		"Fri 15 Jan 10:00–18:00 · 万达广场\n"
		"Fri 22 Jan closed: 商场检修\n"
		"Fri 29 Jan 10:00–18:00 · 万达广场\n"
		"Subscribe to the calendar: https://example.org/c/all.ics\n");
	free(text);
	config_free(&cfg);
	store_close(&st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(alarms_read_and_written),
		cmocka_unit_test(changes_in_words),
		cmocka_unit_test(feed_addresses),
		cmocka_unit_test(cleaned_for_others),
		cmocka_unit_test(republishes_what_changed),
		cmocka_unit_test(notice_of_a_week),
	};

	setlocale(LC_ALL, "C.UTF-8");
	setenv("TZ", "UTC", 1);
	return cmocka_run_group_tests(tests, NULL, teardown_all);
}
