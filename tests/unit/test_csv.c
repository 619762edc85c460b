/*
 * test_csv.c - the CSV reader (records, quoting, line numbers of records
 * and of errors, byte-order marks), and what the writer writes read back.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "../../core/csv.h"
#include "testutil.h"

/* Reads every record of text; returns them joined as "a|b/c|d/". */
static char *read_all(const char *text, int *lines, int nlines)
{
	struct csv_reader r;
	struct strv f = { 0 };
	struct sbuf out = { 0 };
	struct herr err = { 0 };
	int got, i = 0;

	csv_reader_init(&r, text, strlen(text));
	while ((got = csv_read(&r, &f, &err)) > 0) {
		for (size_t j = 0; j < f.n; j++)
			sbuf_addf(&out, "%s%s", j ? "|" : "", f.v[j]);
		sbuf_add(&out, "/");
		if (lines && i < nlines)
			lines[i++] = r.record_line;
	}
	if (got < 0)
		fail_msg("unexpected error: %s", err.msg);
	strv_free(&f);
	return sbuf_take(&out);
}

static void records_and_quotes(void **state)
{
	int lines[4] = { 0 };
	char *s;

	(void)state;
	s = read_all("name,phone\r\n王芳,13812345678\r\n\"李, 娜\",\"\"\"x\"\"\"\r\n",
		     lines, 4);
	assert_string_equal(s, "name|phone/王芳|13812345678/李, 娜|\"x\"/");
	assert_int_equal(lines[0], 1);
	assert_int_equal(lines[2], 3);
	free(s);
	/* A line break inside quotes: the next record starts two lines on. */
	s = read_all("a,b\n\"one\ntwo\",x\n\nlast,\n", lines, 4);
	assert_string_equal(s, "a|b/one\ntwo|x/last|/");
	assert_int_equal(lines[1], 2);
	assert_int_equal(lines[2], 5);
	free(s);
	/* Excel's byte-order mark and no final newline. */
	s = read_all("\xEF\xBB\xBFname\n张三", NULL, 0);
	assert_string_equal(s, "name/张三/");
	free(s);
	s = read_all("", NULL, 0);
	assert_string_equal(s, "");
	free(s);
}

/* The error reading text, and its line. */
static void error_at(const char *text, int line, const char *needle)
{
	struct csv_reader r;
	struct strv f = { 0 };
	struct herr err = { 0 };
	int got;

	csv_reader_init(&r, text, strlen(text));
	while ((got = csv_read(&r, &f, &err)) > 0)
		;
	strv_free(&f);
	if (got != -1)
		fail_msg("no error in '%s'", text);
	assert_int_equal(r.error_line, line);
	if (!strstr(err.msg, needle))
		fail_msg("'%s' lacks '%s'", err.msg, needle);
}

static void errors_name_the_line(void **state)
{
	(void)state;
	error_at("a,b\nc,d\n\"never closed,x\n\n", 3, "never closed");
	error_at("a\nb\n\"x\"y\n", 3, "after the closing quote");
	error_at("a\nb\"c\n", 2, "quote inside a field");
	error_at("a\n\"multi\nline \xff\",x\n", 3, "UTF-8");
	error_at("a\nb\n\xe7\x8e\n", 3, "UTF-8");
	{
		const char nul[] = "a\nb\0c\n";
		struct csv_reader r;
		struct strv f = { 0 };
		struct herr err = { 0 };
		csv_reader_init(&r, nul, sizeof nul - 1);
		assert_int_equal(csv_read(&r, &f, &err), 1);
		assert_int_equal(csv_read(&r, &f, &err), -1);
		assert_int_equal(r.error_line, 2);
		assert_non_null(strstr(err.msg, "NUL"));
		strv_free(&f);
	}
}

static char *written(const char *const *fields, size_t n)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct csv w;

	csv_init(&w, f);
	for (size_t i = 0; i < n; i++)
		csv_text(&w, fields[i]);
	csv_end(&w);
	assert_int_equal(csv_finish(&w, "memory", NULL), HE_OK);
	fclose(f);
	return buf;
}

/* What the writer writes, the reader reads back the same. */
static void writing_and_back(void **state)
{
	const char *row[] = { "王芳", "a,b", "say \"hi\"", "two\nlines", " pad",
			      "=HYPERLINK(\"x\")", "+8613812345678", NULL };
	char *s = written(row, 8);
	struct csv_reader r;
	struct strv f = { 0 };
	struct herr err = { 0 };

	(void)state;
	assert_non_null(strstr(s, "\"'=HYPERLINK(\"\"x\"\")\""));
	csv_reader_init(&r, s, strlen(s));
	assert_int_equal(csv_read(&r, &f, &err), 1);
	assert_int_equal(f.n, 8);
	for (size_t i = 0; i < 7; i++)
		assert_string_equal(csv_unguard(f.v[i]), row[i]);
	assert_string_equal(f.v[7], "");
	/* Only what the writer added is taken off. */
	char plain[] = "'quoted on purpose";
	assert_string_equal(csv_unguard(plain), "'quoted on purpose");
	strv_free(&f);
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(records_and_quotes),
		cmocka_unit_test(errors_name_the_line),
		cmocka_unit_test(writing_and_back),
	};
	return cmocka_run_group_tests(tests, NULL, teardown_all);
}
