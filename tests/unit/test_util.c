/* test_util.c - error records, allocation helpers, strings and lists. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../../core/util.h"

static void errors(void **state)
{
	struct herr err = { 0 };
	char big[1024];

	(void)state;
	assert_int_equal(herr_set(&err, HE_USER, "bad %s at %d", "date", 3), HE_USER);
	assert_int_equal(err.code, HE_USER);
	assert_string_equal(err.msg, "bad date at 3");
	herr_prefix(&err, "%s:%d", "cfg", 7);
	assert_string_equal(err.msg, "cfg:7: bad date at 3");
	/* NULL records nothing but still returns the code. */
	assert_int_equal(herr_set(NULL, HE_INTERNAL, "x"), HE_INTERNAL);
	herr_prefix(NULL, "x");
	herr_clear(NULL);
	/* Long messages are cut, not overflowed. */
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	herr_set(&err, HE_USER, "%s", big);
	assert_int_equal(strlen(err.msg), sizeof err.msg - 1);
	herr_prefix(&err, "prefix");
	assert_int_equal(strlen(err.msg), sizeof err.msg - 1);
	assert_memory_equal(err.msg, "prefix: aaa", 11);
	herr_clear(&err);
	assert_int_equal(err.code, HE_OK);
	assert_string_equal(err.msg, "");
}

/* A cut message never ends in half a Chinese character (3 bytes each). */
static void errors_cut_whole_characters(void **state)
{
	struct herr err = { 0 };
	char big[1024];
	size_t n;

	(void)state;
	for (int shift = 0; shift < 3; shift++) {
		memset(big, 'a', (size_t)shift);
		for (n = (size_t)shift; n + 3 < sizeof big; n += 3)
			memcpy(big + n, "\xe5\xad\x97", 3); /* 字 */
		big[n] = '\0';
		herr_set(&err, HE_USER, "%s", big);
		n = strlen(err.msg);
		assert_true(n >= sizeof err.msg - 3 && n < sizeof err.msg);
		assert_int_equal((n - (size_t)shift) % 3, 0);
		herr_prefix(&err, "前缀");
		n = strlen(err.msg);
		assert_int_equal((n - 8 - (size_t)shift) % 3, 0);
		assert_memory_equal(err.msg, "前缀: ", 8);
	}
}

static void allocation(void **state)
{
	size_t cap = 0;
	int *v = NULL;
	char *s;

	(void)state;
	free(xmalloc(0));
	free(xcalloc(0, 0));
	v = xgrow(v, &cap, 3, sizeof *v);
	assert_int_equal(cap, 8);
	v = xgrow(v, &cap, 8, sizeof *v);
	assert_int_equal(cap, 8);
	v = xgrow(v, &cap, 9, sizeof *v);
	assert_int_equal(cap, 16);
	v[15] = 1;
	v = xrealloc(v, 0);
	free(v);
	s = xstrndup("驿站abc", 6);
	assert_string_equal(s, "驿站");
	free(s);
	assert_null(xstrdup0(NULL));
	s = xasprintf("%d-%s", 42, "x");
	assert_string_equal(s, "42-x");
	free(s);
}

static void strings(void **state)
{
	char *slot = NULL;

	(void)state;
	str_replace(&slot, "a");
	str_replace(&slot, slot); /* replacing with itself is safe */
	assert_string_equal(slot, "a");
	str_replace(&slot, NULL);
	assert_null(slot);
	assert_true(str_empty(NULL));
	assert_true(str_empty(""));
	assert_false(str_empty(" "));
	assert_true(str_eq0(NULL, ""));
	assert_true(str_eq0("x", "x"));
	assert_false(str_eq0("x", NULL));
}

static void buffers(void **state)
{
	struct sbuf b = { 0 };
	char *s;

	(void)state;
	assert_string_equal(sbuf_str(&b), "");
	s = sbuf_take(&b);
	assert_string_equal(s, "");
	free(s);
	sbuf_add(&b, "暖");
	sbuf_addc(&b, '-');
	sbuf_addn(&b, "冬驿站", 3);
	sbuf_addf(&b, "%02d", 7);
	assert_string_equal(sbuf_str(&b), "暖-冬07");
	assert_int_equal(b.len, strlen("暖-冬07"));
	for (int i = 0; i < 1000; i++)
		sbuf_add(&b, "0123456789");
	assert_int_equal(b.len, strlen("暖-冬07") + 10000);
	s = sbuf_take(&b);
	assert_null(b.s);
	assert_int_equal(b.len, 0);
	free(s);
	sbuf_add(&b, "x");
	sbuf_free(&b);
	sbuf_free(&b);
	assert_string_equal(sbuf_str(&b), "");
}

static void lists(void **state)
{
	struct strv a = { 0 }, b = { 0 };

	(void)state;
	assert_false(strv_has(&a, "x"));
	strv_add(&a, "骑手");
	strv_add(&a, "司机");
	strv_copy(&b, &a);
	strv_free(&a);
	assert_int_equal(b.n, 2);
	assert_true(strv_has(&b, "司机"));
	assert_false(strv_has(&b, "司"));
	strv_free(&b);
	strv_free(&b);
	assert_int_equal(b.n, 0);
}

/* Separators matched whole: "，" and "、" share bytes with Chinese
 * characters (休 holds one of them), which must never be cut apart. */
static void splitting(void **state)
{
	static const char *const seps[] = { ",", "，", "、" };
	struct strv a = { 0 };

	(void)state;
	strv_split(&a, " 休息， 热水、 ,充电 ,\t", seps, 3);
	assert_int_equal(a.n, 3);
	assert_string_equal(a.v[0], "休息");
	assert_string_equal(a.v[1], "热水");
	assert_string_equal(a.v[2], "充电");
	strv_split(&a, "", seps, 3);
	strv_split(&a, " , ，", seps, 3);
	assert_int_equal(a.n, 3);
	strv_split(&a, "Wi-Fi", seps, 3);
	assert_int_equal(a.n, 4);
	assert_string_equal(a.v[3], "Wi-Fi");
	strv_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(errors),
		cmocka_unit_test(errors_cut_whole_characters),
		cmocka_unit_test(allocation),
		cmocka_unit_test(strings),
		cmocka_unit_test(buffers),
		cmocka_unit_test(lists),
		cmocka_unit_test(splitting),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
