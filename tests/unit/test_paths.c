/* test_paths.c - where hearth keeps its files and where "~/" points. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../../core/paths.h"

static void check(char *got, const char *want)
{
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void xdg_directories(void **state)
{
	(void)state;
	setenv("HOME", "/home/li", 1);
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("XDG_DATA_HOME");
	check(path_config("config"), "/home/li/.config/hearth/config");
	check(path_data("hearth.db"), "/home/li/.local/share/hearth/hearth.db");
	setenv("XDG_CONFIG_HOME", "/etc/xdg-li", 1);
	setenv("XDG_DATA_HOME", "/srv/data", 1);
	check(path_config("config"), "/etc/xdg-li/hearth/config");
	check(path_data("hearth.db"), "/srv/data/hearth/hearth.db");
	/* Relative values are ignored, as the specification says. */
	setenv("XDG_CONFIG_HOME", "relative", 1);
	setenv("XDG_DATA_HOME", "", 1);
	check(path_config("config"), "/home/li/.config/hearth/config");
	check(path_data("hearth.db"), "/home/li/.local/share/hearth/hearth.db");
}

static void home_and_tilde(void **state)
{
	(void)state;
	setenv("HOME", "/home/li", 1);
	check(path_home("hearth-2027-01-08.ics"),
	      "/home/li/hearth-2027-01-08.ics");
	check(path_expand_home("~/r/a.xlsx"), "/home/li/r/a.xlsx");
	check(path_expand_home("~li/a.xlsx"), "~li/a.xlsx");
	check(path_expand_home("/tmp/~/a"), "/tmp/~/a");
	check(path_expand_home("a.csv"), "a.csv");
	/* Without a home, "~/" stays as typed and files go here. */
	unsetenv("HOME");
	check(path_expand_home("~/a.csv"), "~/a.csv");
	check(path_home("a.ics"), "./a.ics");
	setenv("HOME", "", 1);
	check(path_home("a.ics"), "./a.ics");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(xdg_directories),
		cmocka_unit_test(home_and_tilde),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
