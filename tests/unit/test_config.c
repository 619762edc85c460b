/* test_config.c - the INI configuration file and the kinds of event. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "../../core/config.h"
#include "../../core/tz.h"
#include "testutil.h"

/* Loads text over the defaults and expects "cfg:LINE: ..." naming needle. */
static void fails_at(const char *text, int line, const char *needle)
{
	struct config c;
	struct herr err = { 0 };
	char where[32];

	config_init(&c);
	if (config_load_string(&c, text, "cfg", &err) != HE_USER)
		fail_msg("accepted:\n%s", text);
	snprintf(where, sizeof where, "cfg:%d: ", line);
	if (strncmp(err.msg, where, strlen(where)) != 0 || !strstr(err.msg, needle))
		fail_msg("wanted '%s...%s', got '%s'", where, needle, err.msg);
	config_free(&c);
}

static void loads(struct config *c, const char *text)
{
	struct herr err = { 0 };

	config_init(c);
	if (config_load_string(c, text, "cfg", &err) != HE_OK)
		fail_msg("%s", err.msg);
}

static void defaults(void **state)
{
	struct config c;
	const struct kind *k;
	static const char *const builtins[] = { "reading", "fair", "warm-station",
						"volunteer", "clinic", "station" };

	(void)state;
	setenv("TZ", "Asia/Shanghai", 1);
	config_init(&c);
	assert_string_equal(c.timezone, "Asia/Shanghai");
	assert_null(c.database);
	assert_null(c.path);
	assert_int_equal(c.week_start, 0);
	assert_int_equal(c.n_kinds, 6);
	for (size_t i = 0; i < 6; i++) {
		k = config_kind(&c, builtins[i]);
		assert_non_null(k);
		assert_true(k->builtin);
		assert_true(k->duration > 0);
		assert_true(config_colour_valid(k->colour));
	}
	k = config_kind(&c, "warm-station");
	assert_int_equal(k->duration, 8 * 3600);
	assert_int_equal(k->segments.n, 4);
	assert_null(config_kind(&c, "Reading"));
	assert_null(config_kind(&c, ""));
	assert_string_equal(config_kind_label(&c, "nosuch"), "nosuch");
	assert_string_equal(config_kind_label(&c, "clinic"), "Clinic");
	config_free(&c);
	setenv("TZ", "UTC", 1);
}

static void general_options(void **state)
{
	struct config c;

	(void)state;
	loads(&c, "; a comment\n# another\n\n[general]\ntimezone = Europe/Berlin\n"
		  "database = /tmp/x.db\nweek_start = Sunday\n");
	assert_string_equal(c.timezone, "Europe/Berlin");
	assert_string_equal(c.database, "/tmp/x.db");
	assert_int_equal(c.week_start, 6);
	config_free(&c);
	/* Empty text changes nothing. */
	loads(&c, "");
	assert_int_equal(c.n_kinds, 6);
	config_free(&c);
}

static void errors_name_file_and_line(void **state)
{
	(void)state;
	fails_at("[general]\ntimezone = Mars/Olympus\n", 2,
		 "unknown time zone 'Mars/Olympus'");
	fails_at("[general]\ntimezone = ../../etc/passwd\n", 2, "../../etc/passwd");
	fails_at("[general]\n\n; c\ncolour = red\n", 4,
		 "unknown option 'colour' in [general]");
	fails_at("[general]\nweek_start = someday\n", 2, "someday");
	fails_at("[general]\ntimezone = UTC\n[colours2]\nx = y\n", 4,
		 "unknown section [colours2]");
	fails_at("timezone = UTC\n[general]\n", 1,
		 "option 'timezone' is outside any [section]");
	fails_at("[kind reading]\ncolour = purple\n", 2, "unknown colour 'purple'");
	fails_at("[kind reading]\ncolor = \n", 2, "unknown colour ''");
	fails_at("[kind reading]\n\nduration = forever\n", 3, "'forever'");
	fails_at("[kind reading]\nduration = 0m\n", 2, "not positive");
	fails_at("[kind reading]\nsize = 3\n", 2, "unknown option 'size' in [kind reading]");
	fails_at("[kind Big Talk]\nlabel = x\n", 2, "kind key 'Big Talk'");
	fails_at("[kind reading]\nsegment = 10:00-09:00 late\n", 2, "segment");
	fails_at("[kind reading]\nsegment = 09:00-10:00\n", 2, "segment");
	fails_at("[kind reading]\nsegment = 25:00-26:00 x\n", 2, "segment");
	fails_at("[kind reading]\nlabel = \xff\xfe\n", 2, "UTF-8");
	fails_at("[general]\nthis line has no equals sign\n", 2,
		 "expected '[section]'");
	fails_at("[general\ntimezone = UTC\n", 1, "expected '[section]'");
	fails_at("[kind a]\nlabel = x\n  y\n", 3, "may not start with a space");
	/* The first of several problems is the one reported. */
	fails_at("[general]\ntimezone = UTC\n\n[kind a]\ncolour = pink\n"
		 "[nope]\nx = 1\n", 5, "pink");
}

/* A line inih would cut silently is an error, and later lines still count. */
static void long_lines(void **state)
{
	char text[1024], path[] = "/tmp/hearth-test-config-XXXXXX";
	struct config c;
	struct herr err = { 0 };
	FILE *f;
	int fd;

	(void)state;
	snprintf(text, sizeof text, "[kind reading]\nlabel = %0300d\n", 7);
	fails_at(text, 2, "line is longer than");
	/* 198 bytes of text on a line is still fine. */
	snprintf(text, sizeof text, "[kind reading]\nlabel = %0190d\n", 7);
	loads(&c, text);
	assert_int_equal(strlen(config_kind(&c, "reading")->label), 190);
	config_free(&c);
	snprintf(text, sizeof text, "[kind reading]\nlabel = %0400d\n"
		 "colour = teal\n", 7);
	fails_at(text, 2, "line is longer than");

	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	fprintf(f, "[general]\ntimezone = UTC\n[kind reading]\nlabel = %0500d\n"
		   "colour = teal\n", 1);
	fclose(f);
	config_init(&c);
	assert_int_equal(config_load(&c, path, true, &err), HE_USER);
	assert_true(strncmp(err.msg, path, strlen(path)) == 0);
	assert_non_null(strstr(err.msg, ":4: line is longer than"));
	config_free(&c);
	/* After a long line, the next error is counted on its own line. */
	f = fopen(path, "w");
	fprintf(f, "[general]\n; %0300d\ncolour = teal\n", 1);
	fclose(f);
	config_init(&c);
	assert_int_equal(config_load(&c, path, true, &err), HE_USER);
	assert_non_null(strstr(err.msg, ":2: line is longer than"));
	config_free(&c);
	unlink(path);
}

static void files(void **state)
{
	char path[] = "/tmp/hearth-test-config-XXXXXX";
	struct config c;
	struct herr err = { 0 };
	int fd;

	(void)state;
	config_init(&c);
	assert_int_equal(config_load(&c, "/nonexistent/hearth/config", false, &err),
			 HE_OK);
	assert_null(c.path);
	assert_int_equal(config_load(&c, "/nonexistent/hearth/config", true, &err),
			 HE_USER);
	assert_non_null(strstr(err.msg, "/nonexistent/hearth/config"));
	config_free(&c);

	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_true(write(fd, "[general]\ntimezone = Asia/Shanghai\n", 35) == 35);
	close(fd);
	config_init(&c);
	assert_int_equal(config_load(&c, path, true, &err), HE_OK);
	assert_string_equal(c.path, path);
	assert_string_equal(c.timezone, "Asia/Shanghai");
	config_free(&c);
	unlink(path);

	setenv("XDG_CONFIG_HOME", "/x/conf", 1);
	{
		char *p = config_default_path();
		assert_string_equal(p, "/x/conf/hearth/config");
		free(p);
	}
	setenv("XDG_CONFIG_HOME", "relative", 1); /* not absolute: ignored */
	setenv("HOME", "/home/li", 1);
	{
		char *p = config_default_path();
		assert_string_equal(p, "/home/li/.config/hearth/config");
		free(p);
	}
	unsetenv("XDG_CONFIG_HOME");
}

static void kinds_added_and_changed(void **state)
{
	struct config c;
	const struct kind *k;

	(void)state;
	loads(&c, "[kind lecture]\nlabel = 法律讲座\ncolour = GREEN\n"
		  "duration = 1h30m\nsegment = 09:00-09:30 签到\nsegment = 讲座\n"
		  "segment = 答疑\n"
		  "[kind reading]\nduration = 3h\ncolor = blue\n"
		  "[kind clinic]\nlabel = 义诊\n");
	assert_int_equal(c.n_kinds, 7);
	k = config_kind(&c, "lecture");
	assert_non_null(k);
	assert_false(k->builtin);
	assert_string_equal(k->label, "法律讲座");
	assert_string_equal(kind_label(k), "法律讲座");
	assert_string_equal(k->colour, "GREEN");
	assert_int_equal(k->duration, 5400);
	assert_int_equal(k->segments.n, 3);
	assert_string_equal(k->segments.v[0], "09:00-09:30 签到");
	assert_string_equal(k->segments.v[2], "答疑");
	/* A built-in keeps its translated label unless the user renames it. */
	k = config_kind(&c, "reading");
	assert_true(k->builtin);
	assert_int_equal(k->duration, 3 * 3600);
	assert_string_equal(k->colour, "blue");
	assert_string_equal(kind_label(k), "Reading session");
	assert_int_equal(k->segments.n, 3);
	k = config_kind(&c, "clinic");
	assert_true(k->builtin);
	assert_false(k->label_translated);
	assert_string_equal(config_kind_label(&c, "clinic"), "义诊");
	config_free(&c);
	/* Segments listed replace the built-in ones; kind_segment reads them. */
	loads(&c, "[kind reading]\nsegment = 09:00-09:20 暖场\nsegment = 读书\n");
	k = config_kind(&c, "reading");
	assert_int_equal(k->segments.n, 2);
	assert_true(kind_segment(k, 0).timed);
	assert_int_equal(kind_segment(k, 0).from_min, 540);
	assert_int_equal(kind_segment(k, 0).to_min, 560);
	assert_string_equal(kind_segment(k, 0).title, "暖场");
	assert_false(kind_segment(k, 1).timed);
	assert_string_equal(kind_segment(k, 1).title, "读书");
	assert_string_equal(kind_segment(config_kind(&c, "clinic"), 0).title,
			    "Blood-pressure check");
	config_free(&c);
	/* A kind with nothing but a key gets defaults. */
	loads(&c, "[kind bare]\nsegment = x\n");
	k = config_kind(&c, "bare");
	assert_string_equal(k->label, "bare");
	assert_string_equal(k->colour, "default");
	assert_int_equal(k->duration, 2 * 3600);
	config_free(&c);
}

static void labels_by_language(void **state)
{
	struct config c;

	(void)state;
	assert_non_null(setlocale(LC_MESSAGES, "C.UTF-8"));
	loads(&c, "[kind a]\nlabel = plain\nlabel.zh_CN = 简体\nlabel.C = cee\n"
		  "label.C.UTF-8 = cee-utf8\n"
		  "[kind b]\nlabel = plain\nlabel.C = cee\nlabel.zh = 中文\n"
		  "[kind c]\nlabel = plain\nlabel.zh = 中文\nlabel.CX = no\n"
		  "[kind reading]\nlabel.C = 读书会\n");
	/* The longest language prefix of the locale wins. */
	assert_string_equal(config_kind_label(&c, "a"), "cee-utf8");
	assert_string_equal(config_kind_label(&c, "b"), "cee");
	/* "CX" is not a prefix of "C.UTF-8" at a separator; zh does not apply. */
	assert_string_equal(config_kind_label(&c, "c"), "plain");
	assert_string_equal(config_kind_label(&c, "reading"), "读书会");
	/* In plain C, "C.UTF-8" is too long to apply and "C" is the best. */
	assert_non_null(setlocale(LC_MESSAGES, "C"));
	assert_string_equal(config_kind_label(&c, "a"), "cee");
	assert_string_equal(config_kind_label(&c, "c"), "plain");
	config_free(&c);
	loads(&c, "[kind reading]\nlabel.zh = 读书会\n");
	assert_string_equal(config_kind_label(&c, "reading"), "Reading session");
	config_free(&c);
	setlocale(LC_MESSAGES, "C.UTF-8");
}

/* LANGUAGE lists languages in order, as gettext reads it; plain C ignores it. */
static void labels_follow_language(void **state)
{
	struct config c;

	(void)state;
	assert_non_null(setlocale(LC_MESSAGES, "C.UTF-8"));
	loads(&c, "[kind a]\nlabel = plain\nlabel.zh_CN = 简体\nlabel.C = cee\n"
		  "[kind b]\nlabel = plain\nlabel.zh = 中文\nlabel.fr = français\n");
	setenv("LANGUAGE", "de:zh_CN.UTF-8:fr", 1);
	assert_string_equal(config_kind_label(&c, "a"), "简体");
	assert_string_equal(config_kind_label(&c, "b"), "中文");
	/* "zh" names no label of a (zh_CN is more specific): the locale's C. */
	setenv("LANGUAGE", "zh", 1);
	assert_string_equal(config_kind_label(&c, "a"), "cee");
	setenv("LANGUAGE", "fr:zh", 1);
	assert_string_equal(config_kind_label(&c, "b"), "français");
	setenv("LANGUAGE", "", 1);
	assert_string_equal(config_kind_label(&c, "b"), "plain");
	assert_non_null(setlocale(LC_MESSAGES, "C"));
	setenv("LANGUAGE", "zh", 1);
	assert_string_equal(config_kind_label(&c, "b"), "plain");
	unsetenv("LANGUAGE");
	config_free(&c);
	setlocale(LC_MESSAGES, "C.UTF-8");
}

static void front_end_sections(void **state)
{
	struct config c;

	(void)state;
	/* [keys] is kept for the front end to check, with its lines. */
	loads(&c, "[keys]\nquit = q\n\ncancel = c C-x\n");
	assert_int_equal(c.n_entries, 2);
	assert_string_equal(c.entries[0].section, "keys");
	assert_string_equal(c.entries[0].name, "quit");
	assert_string_equal(c.entries[0].value, "q");
	assert_int_equal(c.entries[0].line, 2);
	assert_int_equal(c.entries[1].line, 4);
	config_free(&c);
}

/* [colors] is read here, in the one list of colours the screen can show. */
static void element_colours(void **state)
{
	struct config c;

	(void)state;
	config_init(&c);
	assert_int_equal(c.element_colour[ELEM_HEADER], COLOUR_UNSET);
	assert_int_equal(c.element_colour[ELEM_ERROR], 1);
	config_free(&c);
	loads(&c, "[colors]\ntoday = Yellow\nheader = default\n[colours]\n"
		  "error = cyan\n");
	assert_int_equal(c.element_colour[ELEM_TODAY], 3);
	assert_int_equal(c.element_colour[ELEM_HEADER], COLOUR_DEFAULT);
	assert_int_equal(c.element_colour[ELEM_ERROR], 6);
	assert_int_equal(c.element_colour[ELEM_SELECTED], COLOUR_UNSET);
	assert_int_equal(c.n_entries, 0);
	config_free(&c);
	fails_at("[general]\n[colors]\nheader = plaid on tartan\n", 3,
		 "unknown colour 'plaid on tartan'");
	fails_at("[colors]\nfooter = red\n", 2, "unknown element 'footer'");
	fails_at("[colours]\nx = y\n", 2, "unknown element 'x'");
}

/* A section written twice is an error at its second header. */
static void sections_once(void **state)
{
	(void)state;
	fails_at("[kind a]\nlabel = A\n\n[kind b]\n[kind a]\nlabel = B\n", 5,
		 "[kind a] is here a second time (first at line 1)");
	fails_at("[general]\n[keys]\nquit = q\n[ general ]\n", 4,
		 "[general] is here a second time");
	fails_at("[colors]\n[colours]\n[colors]\n", 3, "[colors]");
}

/* A NUL byte would cut a value where inih sees it: refused at its line. */
static void nul_bytes(void **state)
{
	char path[] = "/tmp/hearth-test-config-XXXXXX";
	static const char text[] = "[kind reading]\nlabel = 读书\0会\ncolour = red\n";
	struct config c;
	struct herr err = { 0 };
	int fd = mkstemp(path);
	FILE *f;

	(void)state;
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	fwrite(text, 1, sizeof text - 1, f);
	fclose(f);
	config_init(&c);
	assert_int_equal(config_load(&c, path, true, &err), HE_USER);
	assert_true(strncmp(err.msg, path, strlen(path)) == 0);
	assert_non_null(strstr(err.msg, ":2: the line holds a NUL byte"));
	config_free(&c);
	unlink(path);
}

static void colours(void **state)
{
	static const char *const good[] = { "default", "black", "red", "green",
					    "yellow", "blue", "magenta", "cyan",
					    "white", "Red" };
	static const char *const bad[] = { "", "purple", "red ", "#ff0000", "9" };

	(void)state;
	for (size_t i = 0; i < sizeof good / sizeof *good; i++)
		assert_true(config_colour_valid(good[i]));
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_false(config_colour_valid(bad[i]));
	/* Numbered as terminals and curses number them. */
	assert_int_equal(config_colour("black"), 0);
	assert_int_equal(config_colour("RED"), 1);
	assert_int_equal(config_colour("white"), 7);
	assert_int_equal(config_colour("default"), COLOUR_DEFAULT);
	assert_int_equal(config_colour("purple"), COLOUR_UNSET);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(defaults),
		cmocka_unit_test(general_options),
		cmocka_unit_test(errors_name_file_and_line),
		cmocka_unit_test(long_lines),
		cmocka_unit_test(files),
		cmocka_unit_test(kinds_added_and_changed),
		cmocka_unit_test(labels_by_language),
		cmocka_unit_test(labels_follow_language),
		cmocka_unit_test(front_end_sections),
		cmocka_unit_test(element_colours),
		cmocka_unit_test(sections_once),
		cmocka_unit_test(nul_bytes),
		cmocka_unit_test(colours),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, teardown_all);
}
