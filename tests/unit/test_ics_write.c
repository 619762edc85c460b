/* test_ics_write.c - content lines: folding, escaping, X-HEARTH fields. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "../../core/ical/model.h"
#include "../../core/ical/write_lines.h"
#include "../../core/text.h"

/* Checks every physical line: at most 75 octets, CRLF, whole UTF-8. */
static void check_folded(const char *s)
{
	while (*s) {
		const char *end = strstr(s, "\r\n");
		char *line;
		assert_non_null(end);
		assert_true(end - s <= ICS_FOLD);
		line = strndup(s, (size_t)(end - s));
		assert_true(text_valid_utf8(line, NULL));
		free(line);
		s = end + 2;
	}
}

/* Undoes folding: CRLF followed by one space or tab disappears. */
static char *unfold(const char *s)
{
	struct sbuf b = { 0 };

	for (; *s; s++) {
		if (s[0] == '\r' && s[1] == '\n' && (s[2] == ' ' || s[2] == '\t')) {
			s += 2;
			continue;
		}
		sbuf_addc(&b, *s);
	}
	return sbuf_take(&b);
}

static void folds_at_75_octets_never_inside_utf8(void **state)
{
	struct sbuf out = { 0 };
	struct sbuf long_text = { 0 };
	char *flat;

	(void)state;
	/* Three-byte characters shifted by one ASCII byte, so that a naive
	 * cut at 75 octets would fall inside one. */
	sbuf_add(&long_text, "x");
	for (int i = 0; i < 200; i++)
		sbuf_add(&long_text, i % 7 ? "暖" : "a");
	ics_prop_text(&out, "SUMMARY", long_text.s);
	check_folded(out.s);
	assert_non_null(strstr(out.s, "\r\n "));
	flat = unfold(out.s);
	assert_int_equal(strlen(flat), strlen("SUMMARY:") + long_text.len + 2);
	assert_memory_equal(flat + strlen("SUMMARY:"), long_text.s, long_text.len);
	free(flat);
	sbuf_free(&out);
	sbuf_free(&long_text);
}

static void text_is_escaped(void **state)
{
	struct sbuf out = { 0 };
	const char *cats[] = { "骑手, 司机", "a;b" };
	struct ics_line l;

	(void)state;
	ics_prop_text(&out, "DESCRIPTION", "a,b;c\\d\nnext\r\nline");
	assert_string_equal(out.s,
		"DESCRIPTION:a\\,b\\;c\\\\d\\nnext\\nline\r\n");
	out.len = 0;
	ics_begin(&l, &out, "CATEGORIES");
	ics_text_list(&l, cats, 2);
	assert_string_equal(out.s, "CATEGORIES:骑手\\, 司机,a\\;b\r\n");
	sbuf_free(&out);
}

static void params_are_quoted_and_cleaned(void **state)
{
	struct sbuf out = { 0 };
	struct ics_line l;

	(void)state;
	ics_begin(&l, &out, "ORGANIZER");
	ics_param(&l, "CN", "Li \"Xiao\": 粮库, 社区");
	ics_raw(&l, "mailto:li@example.org");
	assert_string_equal(out.s, "ORGANIZER;CN=\"Li Xiao: 粮库, 社区\":"
			    "mailto:li@example.org\r\n");
	out.len = 0;
	ics_begin(&l, &out, "DTSTART");
	ics_param(&l, "TZID", "Asia/Shanghai");
	ics_raw(&l, "20270108T100000");
	assert_string_equal(out.s, "DTSTART;TZID=Asia/Shanghai:20270108T100000\r\n");
	sbuf_free(&out);
}

static void xfields_round_trip(void **state)
{
	const char *in[] = { "09:30", "", "抚顺总医院; 门诊部", "100%,\\x", "a\nb" };
	struct sbuf b = { 0 };
	char *f[5];

	(void)state;
	for (int i = 0; i < 5; i++)
		ics_xfield_add(&b, in[i], i == 0);
	assert_null(strpbrk(b.s, ",\\\n"));
	assert_int_equal(ics_xfield_split(b.s, f, 5), 5);
	for (int i = 0; i < 5; i++) {
		assert_string_equal(f[i], in[i]);
		free(f[i]);
	}
	/* Too many fields, a broken escape, an encoded NUL: refused. */
	assert_int_equal(ics_xfield_split(b.s, f, 4), -1);
	assert_int_equal(ics_xfield_split("a;%4", f, 5), -1);
	assert_int_equal(ics_xfield_split("a%00b", f, 5), -1);
	assert_int_equal(ics_xfield_split("", f, 5), 1);
	free(f[0]);
	sbuf_free(&b);
}

static void times_are_formatted(void **state)
{
	struct civil c = { 2027, 1, 8, 10, 5, 9 };
	char buf[CIVIL_BUFSZ];

	(void)state;
	ics_format_time(&c, false, false, buf);
	assert_string_equal(buf, "20270108T100509");
	ics_format_time(&c, true, false, buf);
	assert_string_equal(buf, "20270108");
	ics_format_utc(0, buf);
	assert_string_equal(buf, "19700101T000000Z");
}

static void description_lists_segments_and_strips_back(void **state)
{
	struct series s;
	struct segment g = { .title = "签到", .timed = true, .from_min = 570,
			     .to_min = 600 };
	struct segment h = { .title = "扫雪", .note = "工具\n由社区提供",
			     .venue = "长江路小区" };
	char *d, *back;

	(void)state;
	series_init(&s);
	s.description = strdup("读书会。");
	strv_add(&g.partners, "团市委");
	strv_add(&g.partners, "本溪县图书馆");
	series_add_segment(&s, &g);
	strv_free(&g.partners);
	series_add_segment(&s, &h);
	d = ics_description(&s, s.description);
	assert_string_equal(d, "读书会。\n\n09:30–10:00 签到 (团市委, 本溪县图书馆)\n"
			    "扫雪 @ 长江路小区: 工具 由社区提供");
	back = ics_description_strip(d, &s);
	assert_string_equal(back, "读书会。");
	free(back);
	/* Edited by someone else: kept whole. */
	back = ics_description_strip("读书会改期。", &s);
	assert_string_equal(back, "读书会改期。");
	free(back);
	free(d);
	series_free(&s);
}

static void organiser_addresses(void **state)
{
	char *a;

	(void)state;
	a = ics_cal_address("王老师 wang.li@example.org");
	assert_string_equal(a, "mailto:wang.li@example.org");
	free(a);
	a = ics_cal_address("024-8765 4321");
	assert_string_equal(a, "tel:024-87654321");
	free(a);
	assert_null(ics_cal_address("找社区办公室"));
	assert_null(ics_contact_from_address(ICS_NO_ADDRESS));
	a = ics_contact_from_address("MAILTO:x@example.org");
	assert_string_equal(a, "x@example.org");
	free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(folds_at_75_octets_never_inside_utf8),
		cmocka_unit_test(text_is_escaped),
		cmocka_unit_test(params_are_quoted_and_cleaned),
		cmocka_unit_test(xfields_round_trip),
		cmocka_unit_test(times_are_formatted),
		cmocka_unit_test(description_lists_segments_and_strips_back),
		cmocka_unit_test(organiser_addresses),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
