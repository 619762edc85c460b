/* test_ics_import.c - importing calendars and exporting them back. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../core/ical/read_stream.h" /* its limits */
#include "../../core/store_int.h" /* to break the database on purpose */
#include "icsutil.h"

static const char weekly[] = CAL(
	"BEGIN:VEVENT\r\n"
	"UID:w1\r\n"
	"DTSTAMP:20261201T000000Z\r\n"
	"LAST-MODIFIED:20261101T000000Z\r\n"
	"SEQUENCE:1\r\n"
	"DTSTART;TZID=Asia/Shanghai:20270108T100000\r\n"
	"DTEND;TZID=Asia/Shanghai:20270108T120000\r\n"
	"RRULE:FREQ=WEEKLY;COUNT=4\r\n"
	"SUMMARY:暖冬驿站\r\n"
	"END:VEVENT\r\n");

static void same_file_twice_changes_nothing(void **state)
{
	struct env *e = *state;

	assert_int_equal(import_text(e, weekly, false), HE_OK);
	assert_int_equal(e->s.added, 1);
	assert_int_equal(import_text(e, weekly, false), HE_OK);
	assert_int_equal(e->s.added, 0);
	assert_int_equal(e->s.updated, 0);
	assert_int_equal(e->s.unchanged, 1);
}

static void newer_updates_older_is_skipped(void **state)
{
	struct env *e = *state;
	char *v2 = strdup(weekly), *p;
	struct series s;

	p = strstr(v2, "SEQUENCE:1");
	p[9] = '2';
	p = strstr(v2, "暖冬驿站");
	memcpy(p, "暖春", strlen("暖春"));
	assert_int_equal(import_text(e, weekly, false), HE_OK);
	assert_int_equal(import_text(e, v2, false), HE_OK);
	assert_int_equal(e->s.updated, 1);
	load(e, "w1", &s);
	assert_int_equal(s.revision, 3);
	assert_non_null(strstr(s.title, "暖春"));
	series_free(&s);
	/* The old file again: reported and skipped, nothing lost. */
	assert_int_equal(import_text(e, weekly, false), HE_OK);
	assert_int_equal(e->s.skipped, 1);
	assert_true(noted(e, "newer version"));
	load(e, "w1", &s);
	assert_non_null(strstr(s.title, "暖春"));
	series_free(&s);
	free(v2);
}

static void local_edit_wins_over_same_file(void **state)
{
	struct env *e = *state;
	struct series s;
	struct herr err;

	assert_int_equal(import_text(e, weekly, false), HE_OK);
	load(e, "w1", &s);
	str_replace(&s.title, "本地修改");
	assert_int_equal(store_series_save(e->st, &s, &err), HE_OK);
	series_free(&s);
	assert_int_equal(import_text(e, weekly, false), HE_OK);
	assert_int_equal(e->s.skipped, 1);
	load(e, "w1", &s);
	assert_string_equal(s.title, "本地修改");
	series_free(&s);
}

static void changes_before_and_long_after_their_series(void **state)
{
	struct env *e = *state;
	static const char text[] = CAL(
		"BEGIN:VEVENT\r\nUID:w1\r\n"
		"RECURRENCE-ID;TZID=Asia/Shanghai:20270115T100000\r\n"
		"DTSTART;TZID=Asia/Shanghai:20270115T140000\r\n"
		"DTEND;TZID=Asia/Shanghai:20270115T160000\r\n"
		"SUMMARY:暖冬驿站\r\nEND:VEVENT\r\n"
		"BEGIN:VEVENT\r\nUID:w1\r\nSEQUENCE:1\r\n"
		"DTSTART;TZID=Asia/Shanghai:20270108T100000\r\n"
		"DTEND;TZID=Asia/Shanghai:20270108T120000\r\n"
		"RRULE:FREQ=WEEKLY;COUNT=4\r\nSUMMARY:暖冬驿站\r\nEND:VEVENT\r\n"
		"BEGIN:VEVENT\r\nUID:other\r\n"
		"DTSTART:20270110T010000Z\r\nSUMMARY:别的\r\nEND:VEVENT\r\n"
		"BEGIN:VEVENT\r\nUID:w1\r\n"
		"RECURRENCE-ID;TZID=Asia/Shanghai:20270122T100000\r\n"
		"DTSTART;TZID=Asia/Shanghai:20270122T100000\r\n"
		"DTEND;TZID=Asia/Shanghai:20270122T120000\r\n"
		"STATUS:CANCELLED\r\nSUMMARY:暖冬驿站\r\nEND:VEVENT\r\n"
		"BEGIN:VEVENT\r\nUID:w1\r\n"
		"RECURRENCE-ID;TZID=Asia/Shanghai:20270123T100000\r\n"
		"DTSTART;TZID=Asia/Shanghai:20270123T100000\r\n"
		"SUMMARY:no such occurrence\r\nEND:VEVENT\r\n");
	struct series s;
	struct override *o;
	struct civil moved = { 2027, 1, 15, 10, 0, 0 };
	struct civil gone = { 2027, 1, 22, 10, 0, 0 };
	struct civil off_rule = { 2027, 1, 23, 10, 0, 0 };

	assert_int_equal(import_text(e, text, false), HE_OK);
	assert_int_equal(e->s.added, 2);
	/* An instance the rule does not produce is kept (issue 11). */
	assert_true(noted(e, ": note: the series' rule has no occurrence at "
			  "this RECURRENCE-ID; kept as an extra date"));
	load(e, "w1", &s);
	assert_int_equal(s.n_overrides, 3);
	o = series_find_override(&s, &moved);
	assert_non_null(o);
	assert_true(o->moved);
	assert_int_equal(o->start.hour, 14);
	o = series_find_override(&s, &gone);
	assert_non_null(o);
	assert_true(o->cancelled);
	assert_true(civil_list_has(&s.sched.rdates, &off_rule));
	o = series_find_override(&s, &off_rule);
	assert_non_null(o);
	assert_string_equal(o->title, "no such occurrence");
	series_free(&s);
}

/* A change to a stored series that the series cannot take is counted as
 * skipped, and the series stays as it was. */
static void refused_late_change_is_skipped(void **state)
{
	struct env *e = *state;
	static const char text[] = CAL(
		"BEGIN:VEVENT\r\nUID:w1\r\n"
		"RECURRENCE-ID;TZID=Asia/Shanghai:20270115T100000\r\n"
		"DTSTART;TZID=Asia/Shanghai:20270115T140000\r\n"
		"X-HEARTH-NOTE:%FF\r\nEND:VEVENT\r\n");
	struct series s;

	assert_int_equal(import_text(e, weekly, false), HE_OK);
	assert_int_equal(import_text(e, text, false), HE_OK);
	assert_true(noted(e, "4: note is not valid UTF-8"));
	assert_int_equal(e->s.updated, 0);
	assert_int_equal(e->s.skipped, 1);
	load(e, "w1", &s);
	assert_int_equal(s.n_overrides, 0);
	series_free(&s);
}

static void dry_run_writes_nothing(void **state)
{
	struct env *e = *state;

	assert_int_equal(import_text(e, weekly, true), HE_OK);
	assert_int_equal(e->s.added, 1);
	assert_true(store_is_empty(e->st));
}

/* A stream that gives its text and then fails, as a disk or pipe can. */
static ssize_t read_then_fail(void *cookie, char *buf, size_t size)
{
	const char **rest = cookie;
	size_t n = strlen(*rest);

	if (n == 0) {
		errno = EIO;
		return -1;
	}
	if (n > size)
		n = size;
	memcpy(buf, *rest, n);
	*rest += n;
	return (ssize_t)n;
}

static void failure_part_way_keeps_what_was_stored(void **state)
{
	struct env *e = *state;
	/* A newer w1 (written to the database when n1 comes), then n1, and
	 * the input breaks off before the calendar ends. */
	const char *rest = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
		"BEGIN:VEVENT\r\nUID:w1\r\nSEQUENCE:5\r\n"
		"DTSTART;TZID=Asia/Shanghai:20270108T100000\r\n"
		"SUMMARY:改过\r\nEND:VEVENT\r\n"
		"BEGIN:VEVENT\r\nUID:n1\r\n"
		"DTSTART;TZID=Asia/Shanghai:20270109T100000\r\n"
		"SUMMARY:新的\r\nEND:VEVENT\r\n"
		"BEGIN:VEVENT\r\nUID:n2\r\n";
	cookie_io_functions_t io = { .read = read_then_fail };
	FILE *in = fopencookie(&rest, "r", io);
	struct series s;
	struct herr err;
	int64_t id;

	assert_int_equal(import_text(e, weekly, false), HE_OK);
	assert_non_null(in);
	assert_int_equal(import_file(e, in, false, &err), HE_INTERNAL);
	fclose(in);
	assert_non_null(strstr(err.msg, "read error"));
	assert_non_null(strstr(err.msg, strerror(EIO)));
	load(e, "w1", &s);
	assert_string_equal(s.title, "暖冬驿站");
	assert_int_equal(s.revision, 2);
	series_free(&s);
	assert_int_equal(store_series_by_uid(e->st, "n1", &id, &err), HE_USER);
}

static void problems_name_their_lines(void **state)
{
	struct env *e = *state;
	static const char text[] =
		"BEGIN:VCALENDAR\r\n"                               /* 1 */
		"END:VEVENT\r\n"                                     /* 2 */
		"BEGIN:VEVENT\r\nUID:a\r\n"                          /* 3, 4 */
		"DTSTART:20271301T100000Z\r\n"                       /* 5 */
		"END:VEVENT\r\n"                                     /* 6 */
		"BEGIN:VEVENT\r\nUID:b\r\nDTSTART:20270101T1\r\n"    /* 7-9 */
		" 00000Z\r\nSUMMARY:bad \xC3\x28 utf8\r\n"           /* 10, 11 */
		"END:VEVENT\r\n"                                     /* 12 */
		"BEGIN:VEVENT\r\nUID:c\r\nDTSTART:20270101T100000Z\r\n" /* 13-15 */
		"RRULE:FREQ=DAILY;COUNT=2147483647\r\nEND:VEVENT\r\n" /* 16, 17 */
		"END:VCALENDAR\r\n";

	assert_int_equal(import_text(e, text, false), HE_OK);
	assert_true(noted(e, "2: END:VEVENT without its BEGIN"));
	assert_true(noted(e, "5: DTSTART: not a valid date"));
	/* What is broken goes, the event stays (issue 11). */
	assert_true(noted(e, "11: note: SUMMARY: line is not valid UTF-8; "
			  "dropped"));
	assert_true(noted(e, "16: note: RRULE:"));
	assert_int_equal(e->s.added, 2);
	assert_int_equal(e->s.skipped, 1);
	assert_int_equal(e->s.problems, 2);
}

/* Foreign files' quirks: each handled, and said so at its line. */
static void quirks_of_other_programs(void **state)
{
	struct env *e = *state;
	static const char text[] =
		"\xEF\xBB\xBF" "BEGIN:VCALENDAR\r\n"              /* 1 */
		"BEGIN:VTODO\r\nSUMMARY:任务\r\nEND:VTODO\r\n"    /* 2-4 */
		"BEGIN:VTODO\r\nEND:VTODO\r\n"                    /* 5, 6 */
		"BEGIN:VJOURNAL\r\nEND:VJOURNAL\r\n"              /* 7, 8 */
		"BEGIN:VEVENT\r\nDTSTART:20270101T100000Z\r\n"    /* 9, 10 */
		"SUMMARY:无UID\r\nEND:VEVENT\r\n"                 /* 11, 12 */
		"BEGIN:VEVENT\r\nUID:t\r\n"                       /* 13, 14 */
		"DTSTART:20270102T100000Z\r\nEND:VEVENT\r\n"      /* 15, 16 */
		"BEGIN:VEVENT\r\nUID:nostart\r\nSUMMARY:x\r\n"    /* 17-19 */
		"END:VEVENT\r\n";                                 /* 20 */
	struct series s;
	char *uid = NULL;

	assert_int_equal(import_text(e, text, false), HE_OK);
	/* The BOM is no junk before BEGIN:VCALENDAR. */
	assert_false(noted(e, "expected BEGIN:VCALENDAR"));
	/* One note for each kind of component skipped. */
	assert_true(noted(e, "2: note: hearth keeps events only"));
	assert_false(noted(e, "5: "));
	assert_true(noted(e, "7: note: hearth keeps events only"));
	assert_true(noted(e, "9: note: event without UID; given hearth-import-"));
	assert_true(noted(e, "13: note: event without SUMMARY"));
	assert_true(noted(e, "17: event without DTSTART skipped"));
	assert_true(noted(e, "21: note: END:VCALENDAR is missing at the end"));
	assert_int_equal(e->s.added, 2);
	assert_int_equal(e->s.skipped, 1);
	load(e, "t", &s);
	assert_string_equal(s.title, "(no title)");
	series_free(&s);
	/* The UID made up is the same each time: no duplicate on re-import. */
	for (size_t i = 0; i < e->notes.n; i++)
		if (strstr(e->notes.v[i], "given hearth-import-"))
			uid = strdup(strstr(e->notes.v[i], "hearth-import-"));
	assert_int_equal(import_text(e, text, false), HE_OK);
	assert_int_equal(e->s.added, 0);
	assert_int_equal(e->s.unchanged, 2);
	assert_non_null(uid);
	assert_true(noted(e, uid));
	free(uid);
}

/* An event with a UID, a DTSTART and line n times. */
static void big_event(struct sbuf *b, const char *uid, int n,
		      const char *line)
{
	sbuf_addf(b, "BEGIN:VEVENT\r\nUID:%s\r\n"
		  "DTSTART:20270101T100000Z\r\n", uid);
	for (int i = 0; i < n; i++)
		sbuf_add(b, line);
	sbuf_add(b, "END:VEVENT\r\n");
}

/* The bounds that keep a hostile file's cost in memory limited. */
static void limits_skip_what_exceeds_them(void **state)
{
	struct env *e = *state;
	struct sbuf b = { 0 }, line = { 0 };

	sbuf_add(&b, "BEGIN:VCALENDAR\r\n");
	/* With its UID and DTSTART: two properties too many. */
	big_event(&b, "props", ICS_MAX_PROPS, "X-A:1\r\n");
	big_event(&b, "alarms", ICS_MAX_SUBCOMPS + 1,
		  "BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT1M\r\n"
		  "END:VALARM\r\n");
	/* 21 lines of 200 KiB: each allowed, together over 4 MiB. */
	sbuf_add(&line, "X-B:");
	for (int i = 0; i < 200 * 1024; i++)
		sbuf_addc(&line, 'a');
	sbuf_add(&line, "\r\n");
	big_event(&b, "big", 21, sbuf_str(&line));
	big_event(&b, "fine", 1, "SUMMARY:好\r\n");
	sbuf_add(&b, "END:VCALENDAR\r\n");
	assert_int_equal(import_text(e, sbuf_str(&b), false), HE_OK);
	assert_true(noted(e, ": more than 5000 properties in one component"));
	assert_true(noted(e, "2: VEVENT starting here skipped"));
	assert_true(noted(e, ": more than 500 components inside one"));
	assert_true(noted(e, ": component larger than 4 MiB"));
	assert_int_equal(e->s.added, 1);
	assert_int_equal(e->s.skipped, 3);
	sbuf_free(&b);
	sbuf_free(&line);
}

static void changes_waiting_for_their_series_are_bounded(void **state)
{
	struct env *e = *state;
	struct sbuf b = { 0 };

	sbuf_add(&b, "BEGIN:VCALENDAR\r\n");
	for (int i = 0; i <= ICS_MAX_PENDING; i++)
		sbuf_addf(&b, "BEGIN:VEVENT\r\nUID:w%d\r\n"
			  "RECURRENCE-ID:20270101T100000Z\r\n"
			  "DTSTART:20270101T110000Z\r\nEND:VEVENT\r\n", i);
	sbuf_add(&b, "END:VCALENDAR\r\n");
	assert_int_equal(import_text(e, sbuf_str(&b), true), HE_OK);
	assert_true(noted(e, "more than 20000 changed occurrences before their "
			  "events; this one skipped"));
	/* The first 20000 waited, and having no series, became events of
	 * their own. */
	assert_int_equal(e->s.skipped, 1);
	assert_int_equal(e->s.added, ICS_MAX_PENDING);
	sbuf_free(&b);
}

/* export --occurrences when the database fails half-way through a series:
 * an error naming it, and nothing of the series left allocated. */
static void occurrences_export_fails_cleanly(void **state)
{
	struct env *e = *state;
	struct ics_export_opts o = { .now = NOW, .cfg = &e->cfg,
				     .zone = "Asia/Shanghai",
				     .occurrences = true };
	char *buf = NULL;
	size_t n = 0;
	FILE *out = open_memstream(&buf, &n);
	struct herr err;

	assert_int_equal(import_text(e, weekly, false), HE_OK);
	/* The series loads; its iCalendar extras then cannot be read. */
	assert_int_equal(sqlite3_exec(e->st->db, "ALTER TABLE series_ical "
				      "RENAME COLUMN extra TO gone", NULL, NULL,
				      NULL), SQLITE_OK);
	o.q.from = NOW;
	o.q.to = NOW + 60 * 86400;
	assert_int_equal(ics_export(e->st, &o, out, &err), HE_INTERNAL);
	assert_non_null(strstr(err.msg, "no such column: extra"));
	fclose(out);
	free(buf);
}

static void reminders_and_unknown_properties_come_back(void **state)
{
	struct env *e = *state;
	static const char text[] = CAL(
		"BEGIN:VEVENT\r\nUID:r1\r\n"
		"DTSTART:20270110T093000\r\nDTEND:20270110T113000\r\n"
		"SUMMARY:读书角\r\n"
		"X-MICROSOFT-CDO-BUSYSTATUS:BUSY\r\nCLASS:PUBLIC\r\n"
		"ATTENDEE;CN=Zhang:mailto:zhang@example.org\r\n"
		"ORGANIZER;CN=王老师:mailto:wang@example.org\r\n"
		"BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:提醒\r\n"
		"TRIGGER:-PT15M\r\nEND:VALARM\r\nEND:VEVENT\r\n");
	char *out;

	assert_int_equal(import_text(e, text, false), HE_OK);
	out = export_all(e);
	assert_non_null(strstr(out, "X-MICROSOFT-CDO-BUSYSTATUS:BUSY\r\n"));
	assert_non_null(strstr(out, "CLASS:PUBLIC\r\n"));
	assert_non_null(strstr(out, "BEGIN:VALARM\r\n"));
	assert_non_null(strstr(out, "TRIGGER:-PT15M\r\n"));
	assert_non_null(strstr(out,
		"ORGANIZER;CN=王老师:mailto:wang@example.org\r\n"));
	assert_null(strstr(out, "ATTENDEE"));
	/* Floating stays floating. */
	assert_non_null(strstr(out, "DTSTART:20270110T093000\r\n"));
	free(out);
}

static void export_import_export_is_stable(void **state)
{
	struct env *e = *state;
	static const char text[] = CAL(
		"BEGIN:VEVENT\r\nUID:x1\r\nSEQUENCE:4\r\n"
		"CREATED:20261001T000000Z\r\nLAST-MODIFIED:20261002T000000Z\r\n"
		"DTSTART;TZID=Europe/Berlin:20270320T100000\r\n"
		"DTEND;TZID=Europe/Berlin:20270320T120000\r\n"
		"RRULE:FREQ=WEEKLY;UNTIL=20270501T000000Z\r\n"
		"RDATE;TZID=Europe/Berlin:20270330T150000\r\n"
		"EXDATE;TZID=Europe/Berlin:20270403T100000\r\n"
		"SUMMARY:Sprechstunde\r\nLOCATION:Rathaus\r\nEND:VEVENT\r\n"
		"BEGIN:VEVENT\r\nUID:x1\r\n"
		"RECURRENCE-ID;TZID=Europe/Berlin:20270327T100000\r\n"
		"DTSTART;TZID=Europe/Berlin:20270327T110000\r\n"
		"DTEND;TZID=Europe/Berlin:20270327T130000\r\n"
		"LOCATION:Bibliothek\r\nSUMMARY:Sprechstunde\r\nEND:VEVENT\r\n"
		"BEGIN:VEVENT\r\nUID:x1\r\n"
		"RECURRENCE-ID;TZID=Europe/Berlin:20270410T100000\r\n"
		"DTSTART;TZID=Europe/Berlin:20270410T100000\r\n"
		"STATUS:CANCELLED\r\nSUMMARY:Sprechstunde\r\nEND:VEVENT\r\n"
		"BEGIN:VEVENT\r\nUID:d1\r\nDTSTART;VALUE=DATE:20270123\r\n"
		"DTEND;VALUE=DATE:20270125\r\nSUMMARY:两天\r\nEND:VEVENT\r\n");
	char *first, *second;
	struct env *fresh;

	assert_int_equal(import_text(e, text, false), HE_OK);
	first = export_all(e);
	/* Extra dates as events of their own; the cancelled one shown as a
	   cancelled instance (cancelled = exdate would make it an EXDATE). */
	assert_null(strstr(first, "\r\nRDATE"));
	assert_non_null(strstr(first, "UID:x1-rdate-20270330T150000\r\n"));
	assert_non_null(strstr(first, "EXDATE;TZID=Europe/Berlin:"
				      "20270403T100000\r\n"));
	assert_non_null(strstr(first, "RECURRENCE-ID;TZID=Europe/Berlin:"
				      "20270410T100000\r\n"));
	assert_non_null(strstr(first, "STATUS:CANCELLED\r\n"));
	assert_non_null(strstr(first, "SEQUENCE:4\r\n"));
	assert_non_null(strstr(first, "CREATED:20261001T000000Z\r\n"));
	assert_non_null(strstr(first, "RECURRENCE-ID;TZID=Europe/Berlin:"
				      "20270327T100000\r\n"));
	assert_non_null(strstr(first, "DTSTART;VALUE=DATE:20270123\r\n"));
	assert_int_equal(setup((void **)&fresh), 0);
	assert_int_equal(import_text(fresh, first, false), HE_OK);
	assert_int_equal(fresh->s.added, 2);
	second = export_all(fresh);
	assert_string_equal(first, second);
	free(first);
	free(second);
	teardown((void **)&fresh);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(same_file_twice_changes_nothing,
						setup, teardown),
		cmocka_unit_test_setup_teardown(newer_updates_older_is_skipped,
						setup, teardown),
		cmocka_unit_test_setup_teardown(local_edit_wins_over_same_file,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			changes_before_and_long_after_their_series, setup, teardown),
		cmocka_unit_test_setup_teardown(refused_late_change_is_skipped,
						setup, teardown),
		cmocka_unit_test_setup_teardown(dry_run_writes_nothing, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			failure_part_way_keeps_what_was_stored, setup, teardown),
		cmocka_unit_test_setup_teardown(problems_name_their_lines, setup,
						teardown),
		cmocka_unit_test_setup_teardown(quirks_of_other_programs, setup,
						teardown),
		cmocka_unit_test_setup_teardown(limits_skip_what_exceeds_them,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			changes_waiting_for_their_series_are_bounded, setup,
			teardown),
		cmocka_unit_test_setup_teardown(occurrences_export_fails_cleanly,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			reminders_and_unknown_properties_come_back, setup, teardown),
		cmocka_unit_test_setup_teardown(export_import_export_is_stable,
						setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
