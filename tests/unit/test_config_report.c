/*
 * test_config_report.c - categories of tallies and topics of suggestions:
 * the built-in ones, [category KEY] and [topic KEY] sections, languages.
 */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../../core/config.h"
#include "testutil.h"

static void loads(struct config *c, const char *text)
{
	struct herr err = { 0 };

	config_init(c);
	if (config_load_string(c, text, "cfg", &err) != HE_OK)
		fail_msg("%s", err.msg);
}

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

/* Every built-in kind counts people served and something of its own. */
static void builtin_categories(void **state)
{
	static const struct {
		const char *kind, *own;
	} expect[] = {
		{ "reading", "books" }, { "fair", "consultations" },
		{ "warm-station", "drinks" }, { "volunteer", "transport" },
		{ "clinic", "bp-checks" }, { "station", "parked" },
	};
	struct config c;
	const struct category *k;

	(void)state;
	config_init(&c);
	assert_true(c.n_categories >= 10);
	for (size_t i = 0; i < sizeof expect / sizeof *expect; i++) {
		assert_true(category_applies(config_category(&c, "served"),
					     expect[i].kind));
		k = config_category(&c, expect[i].own);
		assert_non_null(k);
		assert_true(category_applies(k, expect[i].kind));
	}
	k = config_category(&c, "parked");
	assert_false(category_applies(k, "reading"));
	assert_string_equal(category_label(k), "Vehicles parked");
	assert_string_equal(category_unit(k), "vehicles");
	assert_string_equal(config_category_label(&c, "nope"), "nope");
	assert_true(c.n_topics >= 5);
	assert_string_equal(config_topic_label(&c, "labour-rights"),
			    "Labour rights");
	assert_string_equal(config_topic_label(&c, "nope"), "nope");
	config_free(&c);
}

static void sections(void **state)
{
	struct config c;
	const struct category *k;
	const struct topic *t;

	(void)state;
	assert_non_null(setlocale(LC_MESSAGES, "C.UTF-8"));
	loads(&c, "[kind points]\nlabel = 积分兑换日\n"
		  "[category exchanged]\nlabel = 兑换人次\nlabel.C = Exchanges\n"
		  "unit = 人次\nunit.C = people\nkinds = points, station\n"
		  "[category served]\nlabel = 服务人次\n"
		  "[category meals]\nkinds =\n"
		  "[topic wages]\nlabel = 工资\nlabel.C = Wages\n"
		  "[topic care]\nlabel = 关爱\n");
	k = config_category(&c, "exchanged");
	assert_non_null(k);
	assert_false(k->builtin);
	/* label.C is the best match for C.UTF-8, as for kinds. */
	assert_string_equal(category_label(k), "Exchanges");
	assert_string_equal(category_unit(k), "people");
	assert_true(category_applies(k, "points"));
	assert_true(category_applies(k, "station"));
	assert_false(category_applies(k, "fair"));
	/* A built-in renamed keeps its kinds; an empty list retires one. */
	k = config_category(&c, "served");
	assert_string_equal(category_label(k), "服务人次");
	assert_true(category_applies(k, "points"));
	assert_false(category_applies(config_category(&c, "meals"), "station"));
	/* A new category without kinds counts at every kind. */
	config_free(&c);
	loads(&c, "[category smiles]\nlabel = 笑脸\n");
	k = config_category(&c, "smiles");
	assert_true(category_applies(k, "fair"));
	assert_string_equal(category_unit(k), "");
	config_free(&c);
	loads(&c, "[topic wages]\nlabel = 工资\nlabel.C = Wages\n");
	t = config_topic(&c, "wages");
	assert_non_null(t);
	assert_string_equal(topic_label(t), "Wages");
	config_free(&c);
}

static void errors(void **state)
{
	(void)state;
	fails_at("[category served]\nkinds = station bogus\n", 2,
		 "unknown kind 'bogus'");
	/* A kind must be defined above the category that names it. */
	fails_at("[category x]\nkinds = later\n[kind later]\nlabel = L\n", 2,
		 "unknown kind 'later'");
	fails_at("[category served]\ncolour = red\n", 2,
		 "unknown option 'colour' in [category served]");
	fails_at("[category Bad Key]\nlabel = x\n", 2, "category key 'Bad Key'");
	fails_at("[topic care]\nunit = x\n", 2,
		 "unknown option 'unit' in [topic care]");
	fails_at("[topic 工资]\nlabel = x\n", 2, "topic key");
	fails_at("\n[category x]\nlabel. = y\n", 3, "unknown option 'label.'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(builtin_categories),
		cmocka_unit_test(sections),
		cmocka_unit_test(errors),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, teardown_all);
}
