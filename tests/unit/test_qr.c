/*
 * test_qr.c - QR symbols from libqrencode, the PNG and half-block forms,
 * and the VEVENT text of an occurrence. That the symbols decode to what
 * was encoded is tested with a reader no one here wrote (zbarimg) in
 * tests/cli/qr.sh.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../../core/qr/qr.h"
#include "../../core/text.h"

static void symbol_sizes(void **state)
{
	struct qr q;
	struct herr err;

	(void)state;
	assert_int_equal(qr_encode("hello", true, &q, &err), HE_OK);
	/* Version 1 at level M holds 14 bytes: 21 modules a side. */
	assert_int_equal(q.width, 21);
	assert_int_equal(qr_side(&q), 21 + 2 * QR_QUIET);
	/* The finder pattern's corner is dark, the quiet zone light. */
	assert_true(qr_module(&q, QR_QUIET, QR_QUIET));
	assert_false(qr_module(&q, 0, 0));
	assert_false(qr_module(&q, QR_QUIET - 1, QR_QUIET));
	assert_false(qr_module(&q, qr_side(&q) - 1, qr_side(&q) - 1));
	assert_false(qr_module(&q, -1, 5));
	qr_free(&q);
}

static void eci_costs_room_only_for_non_ascii(void **state)
{
	struct qr with, without, ascii_with, ascii_without;
	struct herr err;
	/* 13 bytes of UTF-8: fits version 1 (14 bytes) without the ECI's
	   12 bits, not with them. */
	const char *text = "暖冬驿站 a";

	(void)state;
	assert_int_equal(strlen(text), 14);
	assert_int_equal(qr_encode(text, true, &with, &err), HE_OK);
	assert_int_equal(qr_encode(text, false, &without, &err), HE_OK);
	assert_int_equal(without.width, 21);
	assert_int_equal(with.width, 25);
	assert_int_equal(qr_encode("ABCDEFGHIJKLMN", true, &ascii_with, &err),
			 HE_OK);
	assert_int_equal(qr_encode("ABCDEFGHIJKLMN", false, &ascii_without,
				   &err), HE_OK);
	assert_int_equal(ascii_with.width, ascii_without.width);
	assert_memory_equal(ascii_with.dark, ascii_without.dark,
			    (size_t)ascii_with.width * (size_t)ascii_with.width);
	qr_free(&with);
	qr_free(&without);
	qr_free(&ascii_with);
	qr_free(&ascii_without);
}

static void too_long_or_empty(void **state)
{
	struct qr q;
	struct herr err;
	char *big = xmalloc(4000);

	(void)state;
	memset(big, 'x', 3999);
	big[3999] = '\0';
	assert_int_equal(qr_encode(big, true, &q, &err), HE_USER);
	assert_non_null(strstr(err.msg, "3999"));
	assert_null(q.dark);
	assert_int_equal(qr_encode("", true, &q, &err), HE_USER);
	free(big);
}

static void png_is_a_png(void **state)
{
	struct qr q;
	struct herr err;
	struct sbuf a = { 0 }, b = { 0 };

	(void)state;
	assert_int_equal(qr_encode("https://example.org/all.ics", true, &q, &err),
			 HE_OK);
	assert_int_equal(qr_png(&q, 4, &a, &err), HE_OK);
	assert_true(a.len > 100);
	assert_memory_equal(a.s, "\x89PNG\r\n\x1a\n", 8);
	/* Width and height in the IHDR chunk: (width + quiet zone) * 4. */
	assert_int_equal((unsigned char)a.s[19], (unsigned)qr_side(&q) * 4);
	/* The same symbol, the same bytes: a rewritten file need not change. */
	assert_int_equal(qr_png(&q, 4, &b, &err), HE_OK);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.s, b.s, a.len);
	assert_int_equal(qr_png(&q, 0, &b, &err), HE_USER);
	sbuf_free(&a);
	sbuf_free(&b);
	qr_free(&q);
}

/* Each half-block cell is the pair of modules it stands for. */
static void halfblocks_match_modules(void **state)
{
	struct qr q;
	struct herr err;
	struct strv lines = { 0 };

	(void)state;
	assert_int_equal(qr_encode("BEGIN:VEVENT 暖冬驿站", true, &q, &err),
			 HE_OK);
	qr_halfblocks(&q, &lines);
	assert_int_equal(lines.n, (size_t)qr_rows(&q));
	assert_int_equal(lines.n, (size_t)(qr_side(&q) + 1) / 2);
	for (size_t r = 0; r < lines.n; r++) {
		const char *p = lines.v[r];
		assert_int_equal(text_width(p), qr_side(&q));
		for (int x = 0; x < qr_side(&q); x++) {
			bool up = qr_module(&q, x, 2 * (int)r);
			bool down = qr_module(&q, x, 2 * (int)r + 1);
			const char *want = up && down ? "█" : up ? "▀"
					 : down ? "▄" : " ";
			assert_memory_equal(p, want, strlen(want));
			p += strlen(want);
		}
		assert_int_equal(*p, '\0');
	}
	/* Quiet zone: the first two lines are blank. */
	assert_string_equal(lines.v[0] + strspn(lines.v[0], " "), "");
	strv_free(&lines);
	qr_free(&q);
}

static struct qr_event timed_event(void)
{
	struct qr_event e = { 0 };

	e.title = "暖冬驿站; 周六";
	e.location = "盘锦市总工会, 兴隆台区";
	e.description = "热水\n充电";
	e.start = 1799373600; /* 2027-01-08T02:00:00Z */
	e.end = 1799402400;   /* 2027-01-08T10:00:00Z */
	return e;
}

static void event_text(void **state)
{
	struct qr_event e = timed_event();
	char *t;

	(void)state;
	t = qr_event_text(&e, QR_EVENT_MAX);
	assert_string_equal(t,
		"BEGIN:VEVENT\r\n"
		"SUMMARY:暖冬驿站\\; 周六\r\n"
		"DTSTART:20270108T020000Z\r\n"
		"DTEND:20270108T100000Z\r\n"
		"LOCATION:盘锦市总工会\\, 兴隆台区\r\n"
		"DESCRIPTION:热水\\n充电\r\n"
		"END:VEVENT\r\n");
	free(t);
}

static void event_text_all_day_and_hostile(void **state)
{
	struct qr_event e = { 0 };
	char *t;

	(void)state;
	e.title = "Snow\x1b[31m \xe2\x80\xae" "clearing\r\nday";
	e.all_day = true;
	e.first_day = (struct civil){ 2027, 1, 9, 0, 0, 0 };
	e.end_day = (struct civil){ 2027, 1, 10, 0, 0, 0 };
	t = qr_event_text(&e, QR_EVENT_MAX);
	/* ESC and the bidi override are gone; the line break is a space. */
	assert_string_equal(t,
		"BEGIN:VEVENT\r\n"
		"SUMMARY:Snow[31m clearing day\r\n"
		"DTSTART;VALUE=DATE:20270109\r\n"
		"DTEND;VALUE=DATE:20270110\r\n"
		"END:VEVENT\r\n");
	free(t);
}

/* A long description is cut at a character to keep the text in budget. */
static void event_text_shortened(void **state)
{
	struct qr_event e = timed_event();
	struct sbuf d = { 0 };
	char *t;

	(void)state;
	for (int i = 0; i < 100; i++)
		sbuf_add(&d, "热水,");
	e.description = sbuf_str(&d);
	t = qr_event_text(&e, QR_EVENT_MAX);
	assert_true(strlen(t) <= QR_EVENT_MAX);
	assert_true(strlen(t) > QR_EVENT_MAX / 2);
	assert_true(text_valid_utf8(t, NULL));
	assert_non_null(strstr(t, "…\r\nEND:VEVENT\r\n"));
	assert_non_null(strstr(t, "SUMMARY:暖冬驿站\\; 周六\r\n"));
	free(t);
	/* So small that the description, then the location must go. */
	t = qr_event_text(&e, 120);
	assert_true(strlen(t) <= 120);
	assert_null(strstr(t, "DESCRIPTION"));
	assert_non_null(strstr(t, "DTEND:20270108T100000Z\r\n"));
	free(t);
	sbuf_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(symbol_sizes),
		cmocka_unit_test(eci_costs_room_only_for_non_ascii),
		cmocka_unit_test(too_long_or_empty),
		cmocka_unit_test(png_is_a_png),
		cmocka_unit_test(halfblocks_match_modules),
		cmocka_unit_test(event_text),
		cmocka_unit_test(event_text_all_day_and_hostile),
		cmocka_unit_test(event_text_shortened),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
