/*
 * test_ics_keep.c - what hearth keeps of what other programs write
 * (issue 11): a broken property or line is dropped with a note at its line
 * and the event kept; an event is skipped only without a start it can be
 * placed by; DTSTART is always an occurrence; changed occurrences off the
 * rule, excluded by an EXDATE too, cancelled, or without their series are
 * kept; a UID given twice is handled and said; an occurrence's own title
 * and description are its own; SEQUENCE never goes down.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "icsutil.h"
#include "testutil.h"

/* The occurrences of [from, to) in Asia/Shanghai, cancelled ones too, as
 * "YYYY-MM-DDTHH:MM title" lines ("(cancelled)" after those), sorted. */
static char *listing(struct env *e, const char *from, const char *to)
{
	struct occ_filter f = { .statuses = 7, .with_cancelled = true };
	struct occ_list l = { 0 };
	struct sbuf b = { 0 };
	struct herr err;
	const struct tz *z = tz_get("Asia/Shanghai");

	assert_int_equal(store_occurrences(e->st, at("Asia/Shanghai", from),
					   at("Asia/Shanghai", to), &f, 0, &l,
					   &err), HE_OK);
	for (size_t i = 0; i < l.n; i++) {
		struct civil c = tz_from_utc(z, l.v[i].start, NULL);
		sbuf_addf(&b, "%04d-%02d-%02dT%02d:%02d %s%s\n", c.year, c.month,
			  c.day, c.hour, c.min, l.v[i].title,
			  l.v[i].cancelled ? " (cancelled)" : "");
	}
	occ_list_free(&l);
	sbuf_add(&b, "");
	return sbuf_take(&b);
}

/* The occurrences of [from, to) are listed as want says (see listing). */
static void assert_listed(struct env *e, const char *from, const char *to,
			  const char *want)
{
	char *got = listing(e, from, to);

	assert_string_equal(got, want);
	free(got);
}

#define EVENT(uid, rest) "BEGIN:VEVENT\r\nUID:" uid "\r\n" rest "END:VEVENT\r\n"

static void empty_rrule_keeps_the_event(void **state)
{
	struct env *e = *state;
	static const char text[] = CAL(
		EVENT("h1", "DTSTART;VALUE=DATE:20270101\r\nRRULE:\r\n"
		      "SUMMARY:New Year's Day\r\n")
		EVENT("h2", "DTSTART;VALUE=DATE:20270405\r\nRRULE:\r\n"
		      "SUMMARY:清明节\r\n"));

	assert_int_equal(import_text(e, text, false), HE_OK);
	assert_int_equal(e->s.added, 2);
	assert_int_equal(e->s.problems, 0);
	assert_true(noted(e, "7: note: RRULE: no value; dropped"));
	assert_listed(e, "2027-01-01T00:00:00", "2027-12-31T00:00:00",
		      "2027-01-01T00:00 New Year's Day\n"
		      "2027-04-05T00:00 清明节\n");
}

static void bad_alarm_drops_that_alarm(void **state)
{
	struct env *e = *state;
	static const char text[] = CAL(
		EVENT("a1", "DTSTART:20270110T020000Z\r\nSUMMARY:带提醒\r\n"
		      "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:bad\r\n"
		      "TRIGGER;VALUE=TIME:230000\r\nEND:VALARM\r\n"
		      "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:good\r\n"
		      "TRIGGER:-PT15M\r\nEND:VALARM\r\n"));
	struct series_ical x;
	struct series s;

	assert_int_equal(import_text(e, text, false), HE_OK);
	assert_int_equal(e->s.added, 1);
	assert_true(noted(e, "11: note: TRIGGER: "));
	assert_true(noted(e, "; the VALARM of line 8 is dropped, the event is "
			  "kept"));
	assert_int_equal(e->s.problems, 0);
	load(e, "a1", &s);
	assert_int_equal(store_series_ical_get(e->st, s.id, &x, NULL), HE_OK);
	assert_non_null(x.extra);
	assert_null(strstr(x.extra, "DESCRIPTION:bad"));
	assert_non_null(strstr(x.extra, "DESCRIPTION:good"));
	series_ical_free(&x);
	series_free(&s);
}

/* Confluence: properties of its own, and ORGANIZER folded without the
 * space (the next line starts "l Latham;"). */
static void confluence_names_and_a_fold_without_space(void **state)
{
	struct env *e = *state;
	static const char text[] = CAL(
		EVENT("c1", "DTSTART;VALUE=DATE:20270111\r\nSUMMARY:WfH\r\n"
		      "SUBCALENDAR-NAME:Calendar name here\r\n"
		      "EVENT-ID:75697\r\nEVENT-ALLDAY:true\r\n"
		      "ORGANIZER;X-CONFLUENCE-USER-KEY=ab12;CN=Paul Ado\r\n"
		      "l Latham;CUTYPE=INDIVIDUAL:mailto:pl@example.org\r\n"));
	struct series_ical x;
	struct series s;

	assert_int_equal(import_text(e, text, false), HE_OK);
	assert_int_equal(e->s.added, 1);
	assert_int_equal(e->s.problems, 0);
	assert_true(noted(e, "12: note: this line does not start a property; "
			  "read as the rest of line 11"));
	load(e, "c1", &s);
	assert_string_equal(series_org_with_role(&s, ROLE_HOST),
			    "Paul Adol Latham");
	assert_int_equal(store_series_ical_get(e->st, s.id, &x, NULL), HE_OK);
	assert_non_null(strstr(x.extra, "SUBCALENDAR-NAME:Calendar name here\r\n"));
	assert_non_null(strstr(x.extra, "EVENT-ID:75697\r\n"));
	assert_non_null(strstr(x.extra, "EVENT-ALLDAY:true\r\n"));
	series_ical_free(&x);
	series_free(&s);
}

/* RFC 5545 3.8.5.3: DTSTART is the first instance whatever the rule. */
static void dtstart_is_always_an_occurrence(void **state)
{
	struct env *e = *state;
	static const char text[] = CAL(
		EVENT("u1", "DTSTART:20270104T020000Z\r\n"
		      "RRULE:FREQ=WEEKLY;UNTIL=20261201T000000Z\r\n"
		      "SUMMARY:UNTIL before DTSTART\r\n")
		EVENT("u2", "DTSTART:20270105T020000Z\r\n"
		      "RRULE:FREQ=MONTHLY;BYDAY=1TH;BYSETPOS=2\r\n"
		      "SUMMARY:A rule that yields nothing\r\n"));

	assert_int_equal(import_text(e, text, false), HE_OK);
	assert_int_equal(e->s.added, 2);
	assert_listed(e, "2027-01-01T00:00:00", "2028-01-01T00:00:00",
		      "2027-01-04T10:00 UNTIL before DTSTART\n"
		      "2027-01-05T10:00 A rule that yields nothing\n");
}

/* Instances that still exist as components are kept: one whose original
 * start the rule does not produce (after UNTIL), one the master also
 * excludes, a cancelled one (listed as such); each has its own title. */
static void instances_are_kept(void **state)
{
	struct env *e = *state;
	static const char text[] = CAL(
		EVENT("w1", "DTSTART;TZID=Asia/Shanghai:20270104T100000\r\n"
		      "DTEND;TZID=Asia/Shanghai:20270104T110000\r\n"
		      "RRULE:FREQ=WEEKLY;UNTIL=20270118T020000Z\r\n"
		      "EXDATE;TZID=Asia/Shanghai:20270111T100000\r\n"
		      "SUMMARY:读书会\r\n")
		EVENT("w1", "RECURRENCE-ID;TZID=Asia/Shanghai:20270125T100000\r\n"
		      "DTSTART;TZID=Asia/Shanghai:20270126T140000\r\n"
		      "DTEND;TZID=Asia/Shanghai:20270126T150000\r\n"
		      "SUMMARY:读书会（改期）\r\n")
		EVENT("w1", "RECURRENCE-ID;TZID=Asia/Shanghai:20270111T100000\r\n"
		      "DTSTART;TZID=Asia/Shanghai:20270111T100000\r\n"
		      "DTEND;TZID=Asia/Shanghai:20270111T110000\r\n"
		      "SUMMARY:读书会（特别场）\r\n")
		EVENT("w1", "RECURRENCE-ID;TZID=Asia/Shanghai:20270118T100000\r\n"
		      "DTSTART;TZID=Asia/Shanghai:20270118T100000\r\n"
		      "STATUS:CANCELLED\r\nSUMMARY:读书会\r\n"));
	static const char want[] = "2027-01-04T10:00 读书会\n"
				   "2027-01-11T10:00 读书会（特别场）\n"
				   "2027-01-18T10:00 读书会 (cancelled)\n"
				   "2027-01-26T14:00 读书会（改期）\n";
	char *ics;

	assert_int_equal(import_text(e, text, false), HE_OK);
	assert_int_equal(e->s.added, 1);
	assert_int_equal(e->s.skipped, 0);
	assert_true(noted(e, ": note: the series' rule has no occurrence at "
			  "this RECURRENCE-ID; kept as an extra date"));
	assert_true(noted(e, ": note: the series also excludes this occurrence "
			  "(EXDATE); the changed occurrence is kept"));
	assert_listed(e, "2027-01-01T00:00:00", "2027-02-01T00:00:00", want);
	/* ... and exported back: a re-import gives the same occurrences. */
	ics = export_all(e);
	assert_non_null(strstr(ics, "SUMMARY:读书会（特别场）\r\n"));
	assert_int_equal(store_series_delete(e->st, 1, NULL), HE_OK);
	assert_int_equal(import_text(e, ics, false), HE_OK);
	assert_listed(e, "2027-01-01T00:00:00", "2027-02-01T00:00:00", want);
	free(ics);
}

/* The case measured on a generated calendar (issue 10): instances with a
 * SUMMARY of their own are listed with it, and written back with it, with
 * a SEQUENCE no lower than the file's. */
static void own_titles_and_sequence(void **state)
{
	struct env *e = *state;
	static const char text[] = CAL(
		EVENT("s1", "SEQUENCE:0\r\n"
		      "DTSTART;TZID=Asia/Shanghai:20270105T090000\r\n"
		      "DTEND;TZID=Asia/Shanghai:20270105T100000\r\n"
		      "RRULE:FREQ=DAILY;COUNT=5\r\nSUMMARY:晨间测量\r\n"
		      "DESCRIPTION:量血压\r\n")
		EVENT("s1", "SEQUENCE:1\r\n"
		      "RECURRENCE-ID;TZID=Asia/Shanghai:20270107T090000\r\n"
		      "DTSTART;TZID=Asia/Shanghai:20270107T150000\r\n"
		      "DTEND;TZID=Asia/Shanghai:20270107T160000\r\n"
		      "SUMMARY:晨间测量（改期）\r\nDESCRIPTION:改到下午\r\n"));
	struct occ_filter f = { .statuses = 7, .text = "改到下午" };
	struct occ_list l = { 0 };
	struct series s;
	char *ics;

	assert_int_equal(import_text(e, text, false), HE_OK);
	load(e, "s1", &s);
	assert_int_equal(s.revision, 2); /* the highest SEQUENCE, plus one */
	assert_int_equal(s.n_overrides, 1);
	assert_string_equal(s.overrides[0].title, "晨间测量（改期）");
	assert_string_equal(s.overrides[0].description, "改到下午");
	assert_int_equal(store_occurrences(e->st, at("Asia/Shanghai",
						     "2027-01-01T00:00:00"),
					   at("Asia/Shanghai",
					      "2027-02-01T00:00:00"),
					   &f, 0, &l, NULL), HE_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].title, "晨间测量（改期）");
	assert_string_equal(l.v[0].description, "改到下午");
	occ_list_free(&l);
	ics = export_all(e);
	assert_null(strstr(ics, "SEQUENCE:0\r\n"));
	assert_non_null(strstr(ics, "SUMMARY:晨间测量（改期）\r\n"));
	assert_non_null(strstr(ics, "X-HEARTH-TITLE:晨间测量（改期）\r\n"));
	free(ics);
	/* Every change of the series makes SEQUENCE grow. */
	str_replace(&s.title, "晨间健康测量");
	assert_int_equal(store_series_save(e->st, &s, NULL), HE_OK);
	ics = export_all(e);
	assert_null(strstr(ics, "SEQUENCE:1\r\n"));
	assert_non_null(strstr(ics, "SEQUENCE:2\r\n"));
	free(ics);
	series_free(&s);
}

static void a_uid_given_twice(void **state)
{
	struct env *e = *state;
	static const char text[] = CAL(
		/* Another start: another event, kept apart. */
		EVENT("d1", "DTSTART:20270105T020000Z\r\nSUMMARY:Test next\r\n")
		EVENT("d1", "DTSTART:20270106T020000Z\r\nSUMMARY:Test last\r\n")
		/* The same start and a newer version: it replaces the first,
		 * whose changed occurrence stays although it is excluded. */
		EVENT("v1", "SEQUENCE:1\r\nDTSTART;VALUE=DATE:20270104\r\n"
		      "RRULE:FREQ=WEEKLY;COUNT=3\r\nSUMMARY:周会\r\n")
		EVENT("v1", "SEQUENCE:2\r\nRECURRENCE-ID;VALUE=DATE:20270111\r\n"
		      "DTSTART;VALUE=DATE:20270112\r\nSUMMARY:周会（改）\r\n")
		EVENT("v1", "SEQUENCE:3\r\nDTSTART;VALUE=DATE:20270104\r\n"
		      "RRULE:FREQ=WEEKLY;COUNT=3\r\nEXDATE;VALUE=DATE:20270111\r\n"
		      "SUMMARY:周会\r\n"));

	assert_int_equal(import_text(e, text, false), HE_OK);
	assert_true(noted(e, "note: the UID 'd1' was given at line 4 too; this "
			  "event is kept apart as 'd1-2'"));
	assert_true(noted(e, "note: a newer version of the event with the UID "
			  "'v1' given at line 14; it replaces that one"));
	assert_listed(e, "2027-01-01T00:00:00", "2027-02-01T00:00:00",
		      "2027-01-04T00:00 周会\n"
		      "2027-01-05T10:00 Test next\n"
		      "2027-01-06T10:00 Test last\n"
		      "2027-01-12T00:00 周会（改）\n"
		      "2027-01-18T00:00 周会\n");
	/* The same file again changes nothing. */
	assert_int_equal(import_text(e, text, false), HE_OK);
	assert_int_equal(e->s.added, 0);
	assert_int_equal(e->s.updated, 0);
}

/* Texts as written: libical strips spaces at both ends, other readers do
 * not ("Germany: Epiphany "); and a bare VEVENT is read as a calendar. */
static void texts_as_written_and_bare_events(void **state)
{
	struct env *e = *state;
	static const char text[] =
		"BEGIN:VEVENT\r\nUID:t1\r\nDTSTART:20270105T020000Z\r\n"
		"SUMMARY:  Germany: Epiphany \r\nEND:VEVENT\r\n";
	struct series s;

	assert_int_equal(import_text(e, text, false), HE_OK);
	assert_true(noted(e, "1: note: no BEGIN:VCALENDAR before this "
			  "component; read as if it were there"));
	assert_int_equal(e->s.problems, 0);
	load(e, "t1", &s);
	assert_string_equal(s.title, "  Germany: Epiphany ");
	series_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(empty_rrule_keeps_the_event, setup,
						teardown),
		cmocka_unit_test_setup_teardown(bad_alarm_drops_that_alarm, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			confluence_names_and_a_fold_without_space, setup,
			teardown),
		cmocka_unit_test_setup_teardown(dtstart_is_always_an_occurrence,
						setup, teardown),
		cmocka_unit_test_setup_teardown(instances_are_kept, setup,
						teardown),
		cmocka_unit_test_setup_teardown(own_titles_and_sequence, setup,
						teardown),
		cmocka_unit_test_setup_teardown(a_uid_given_twice, setup, teardown),
		cmocka_unit_test_setup_teardown(texts_as_written_and_bare_events,
						setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
