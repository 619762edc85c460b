/* test_text.c - UTF-8 decoding, sanitising for terminals, column widths. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../../core/text.h"

#define FFFD "\xef\xbf\xbd"

/* Asserts that text_sanitize(in) is want. */
static void sanitizes_to(const char *in, const char *want)
{
	char *got = text_sanitize(in);
	assert_string_equal(got, want);
	free(got);
}

static void fits_to(const char *in, int width, bool pad, const char *want)
{
	char *got = text_fit(in, width, pad);
	int w = text_width(got);

	assert_string_equal(got, want);
	free(got);
	if (width > 0 && pad)
		assert_int_equal(w, width);
	else
		assert_true(w <= (width > 0 ? width : 0));
}

/* No byte below 0x20 and no C1 control (U+0080..U+009F) may remain. */
static void assert_terminal_safe(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		assert_true(*p >= 0x20 && *p != 0x7F);
		if (*p == 0xC2)
			assert_false(p[1] >= 0x80 && p[1] < 0xA0);
	}
	assert_true(text_valid_utf8(s, NULL));
}

static void decode(void **state)
{
	uint32_t cp = 0;

	(void)state;
	assert_int_equal(text_decode("A", 1, &cp), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(text_decode("é", 2, &cp), 2);
	assert_int_equal(cp, 0xE9);
	assert_int_equal(text_decode("暖", 3, &cp), 3);
	assert_int_equal(cp, 0x6696);
	assert_int_equal(text_decode("😀", 4, &cp), 4);
	assert_int_equal(cp, 0x1F600);
	assert_int_equal(text_decode("", 0, &cp), 0);
	assert_int_equal(text_decode("暖", 2, &cp), 0);          /* truncated */
	assert_int_equal(text_decode("\xC0\xAF", 2, &cp), 0);     /* overlong / */
	assert_int_equal(text_decode("\xE0\x80\xAF", 3, &cp), 0); /* overlong */
	assert_int_equal(text_decode("\xED\xA0\x80", 3, &cp), 0); /* surrogate */
	assert_int_equal(text_decode("\xF4\x90\x80\x80", 4, &cp), 0); /* > 10FFFF */
	assert_int_equal(text_decode("\x80", 1, &cp), 0);
	assert_int_equal(text_decode("\xFF", 1, &cp), 0);
	assert_int_equal(text_decode("\xE6\x9A", 3, &cp), 0);     /* bad tail */
}

static void encode_round_trip(void **state)
{
	static const uint32_t cps[] = { 0x41, 0x7F, 0x80, 0x7FF, 0x800, 0x6696,
					0xFFFD, 0x10000, 0x10FFFF };
	char buf[4];

	(void)state;
	for (size_t i = 0; i < sizeof cps / sizeof *cps; i++) {
		uint32_t back = 0;
		size_t n = text_encode(cps[i], buf);
		assert_int_equal(text_decode(buf, n, &back), n);
		assert_int_equal(back, cps[i]);
	}
}

static void valid_utf8(void **state)
{
	size_t bad = 0;

	(void)state;
	assert_true(text_valid_utf8("", NULL));
	assert_true(text_valid_utf8("本溪 reading 读书会", &bad));
	assert_false(text_valid_utf8("ab\xFF", &bad));
	assert_int_equal(bad, 2);
	assert_false(text_valid_utf8("读\xE4\xB9", &bad));
	assert_int_equal(bad, 3);
	assert_false(text_valid_utf8("\xC0\x80", NULL));
}

static void sanitize_escapes(void **state)
{
	static const char *const hostile[] = {
		"\x1b[2J\x1b[31mred",                  /* CSI with ESC */
		"\x1b]0;owned\x07title",               /* OSC ending in BEL */
		"\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", /* OSC 8 hyperlink */
		"\xc2\x9b" "31m",                      /* 8-bit CSI (U+009B) */
		"\xc2\x9d" "0;x\xc2\x9c",              /* 8-bit OSC and ST */
		"\x9b" "31m",                          /* raw C1 byte */
		"\x1bP+q\x1b\\",                       /* DCS */
		"a\rb\bc\x7f" "d\x00",
	};

	(void)state;
	sanitizes_to("\x1b[31mred", FFFD "[31mred");
	sanitizes_to("\x1b]0;t\x07x", FFFD "]0;t" FFFD "x");
	sanitizes_to("\xc2\x9b" "1m", FFFD "1m");
	sanitizes_to("a\tb\nc\rd", "a b c d");
	sanitizes_to("\x7f", FFFD);
	for (size_t i = 0; i < sizeof hostile / sizeof *hostile; i++) {
		char *s = text_sanitize(hostile[i]);
		assert_terminal_safe(s);
		assert_null(strchr(s, 0x1b));
		free(s);
	}
}

static void sanitize_bidi_and_invalid(void **state)
{
	(void)state;
	/* RLO, LRE, PDF, isolates, marks and the Arabic letter mark vanish. */
	sanitizes_to("a\u202Eb\u202Ac\u202Cd", "abcd");
	sanitizes_to("\u2066x\u2067y\u2068z\u2069", "xyz");
	sanitizes_to("\u200Ea\u200Fb\u061C", "ab");
	/* Invalid bytes become U+FFFD one byte at a time. */
	sanitizes_to("ok\xFF\xFE", "ok" FFFD FFFD);
	sanitizes_to("\xE6\x9A", FFFD FFFD);
	sanitizes_to("\xED\xA0\x80", FFFD FFFD FFFD);
	sanitizes_to("", "");
	/* Ordinary text, Chinese and emoji pass through unchanged. */
	sanitizes_to("暖冬驿站 β 1–2 “新” 😀", "暖冬驿站 β 1–2 “新” 😀");
}

/* Zero-width, joiners and separators that terminals do not agree on. */
static void sanitize_invisible(void **state)
{
	static const uint32_t invisible[] = { 0x200B, 0x200C, 0x200D, 0x2060,
		0x2061, 0x2064, 0x206A, 0x206F, 0xFEFF, 0x180E, 0xFFF9, 0xFFFB };
	char buf[8];

	(void)state;
	/* The emoji family: each person drawn on its own, 8 columns in
	   tmux, xterm and wcwidth alike (tmux 3.3a drew the joined form in
	   2 and dropped the last person). */
	sanitizes_to("家👨‍👩‍👧‍👦日", "家👨👩👧👦日");
	assert_int_equal(text_width("👨‍👩‍👧‍👦"), 8);
	sanitizes_to("零​宽‌字‍符⁠测﻿试", "零宽字符测试");
	assert_int_equal(text_width("﻿零​宽"), 4);
	for (size_t i = 0; i < sizeof invisible / sizeof *invisible; i++) {
		size_t n = text_encode(invisible[i], buf);
		buf[n] = '\0';
		assert_true(text_is_invisible(invisible[i]));
		sanitizes_to(buf, "");
		assert_int_equal(text_shown(invisible[i]), 0);
	}
	assert_false(text_is_invisible(0x200E - 0x10)); /* U+20FE: a mark */
	assert_false(text_is_invisible(0x00AD));        /* soft hyphen shows */
	/* Line and paragraph separators break like newlines: a space. */
	sanitizes_to("a b c", "a b c");
	/* No width at all (unassigned, noncharacter): U+FFFD, one column,
	   where tmux would have drawn nothing. */
	sanitizes_to("a͸b￾c", "a" FFFD "b" FFFD "c");
	assert_int_equal(text_width("a͸b"), 3);
	/* A combining mark with nothing to combine with is dropped; one on a
	   letter stays. */
	sanitizes_to("́é", "é");
	assert_int_equal(text_shown('a'), 'a');
	assert_int_equal(text_shown('\t'), ' ');
	assert_int_equal(text_shown(0x1b), 0xFFFD);
	assert_int_equal(text_shown(0x202E), 0);
	/* Under plain C nothing past ASCII has a width: text is kept whole
	   rather than taken for unassigned characters. */
	assert_non_null(setlocale(LC_CTYPE, "C"));
	sanitizes_to("暖冬‍驿站", "暖冬驿站");
	assert_non_null(setlocale(LC_CTYPE, "C.UTF-8"));
}

static void widths(void **state)
{
	(void)state;
	assert_int_equal(text_width(""), 0);
	assert_int_equal(text_width("abc"), 3);
	assert_int_equal(text_width("读书会"), 6);
	assert_int_equal(text_width("本溪 reading"), 12);
	assert_int_equal(text_width("（兴隆台）"), 10);  /* fullwidth brackets */
	assert_int_equal(text_width("ｈｅａｒｔｈ"), 12); /* fullwidth Latin */
	assert_int_equal(text_width("e\u0301"), 1);      /* combining accent */
	assert_int_equal(text_width("a\u202Eb"), 2);     /* dropped override */
	assert_int_equal(text_width("\x1b[1m"), 4);      /* U+FFFD + "[1m" */
	assert_int_equal(text_width("\xFF"), 1);
	assert_int_equal(text_cp_width(0x6696), 2);
	assert_int_equal(text_cp_width('a'), 1);
	assert_int_equal(text_cp_width(0x0301), 0);
	assert_int_equal(text_cp_width(0x1b), 1);        /* non-printable */
}

static void fit_crops_and_pads(void **state)
{
	(void)state;
	fits_to("abc", 5, true, "abc  ");
	fits_to("abc", 5, false, "abc");
	fits_to("abc", 3, true, "abc");
	fits_to("abcdef", 4, true, "abc…");
	fits_to("abcdef", 4, false, "abc…");
	fits_to("abcdef", 1, true, "…");
	fits_to("abcdef", 0, true, "");
	fits_to("abcdef", -3, true, "");
	fits_to("", 3, true, "   ");
	/* Wide characters are never split: a column left over is padding. */
	fits_to("读书分享会", 10, true, "读书分享会");
	fits_to("读书分享会", 9, true, "读书分享…");
	fits_to("读书分享会", 8, true, "读书分… ");
	fits_to("读书分享会", 8, false, "读书分…");
	fits_to("读书分享会", 2, true, "… ");
	fits_to("a读书", 4, true, "a读…");
	fits_to("a读书", 3, true, "a… ");
	/* What is fitted is sanitized first. */
	fits_to("\x1b[31mX", 3, true, FFFD "[…");
	fits_to("x\u202Ey", 2, true, "xy");
}

static void fit_never_splits(void **state)
{
	const char *samples[] = { "盘锦工会驿站（兴隆台）", "a暖b冬c驿d站",
				  "😀😀x😀", "e\u0301e\u0301e\u0301e\u0301",
				  "家👨\u200D👩\u200D👧\u200D👦日\u200B\u2028" };

	(void)state;
	for (size_t s = 0; s < sizeof samples / sizeof *samples; s++) {
		for (int w = 1; w <= 24; w++) {
			char *got = text_fit(samples[s], w, true);
			assert_true(text_valid_utf8(got, NULL));
			assert_int_equal(text_width(got), w);
			if (text_width(samples[s]) > w)
				assert_non_null(strstr(got, "…"));
			else
				assert_null(strstr(got, "…"));
			free(got);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(decode),
		cmocka_unit_test(encode_round_trip),
		cmocka_unit_test(valid_utf8),
		cmocka_unit_test(sanitize_escapes),
		cmocka_unit_test(sanitize_bidi_and_invalid),
		cmocka_unit_test(sanitize_invisible),
		cmocka_unit_test(widths),
		cmocka_unit_test(fit_crops_and_pads),
		cmocka_unit_test(fit_never_splits),
	};

	if (!setlocale(LC_ALL, "C.UTF-8"))
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
