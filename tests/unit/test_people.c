/*
 * test_people.c - people: masking and checking their details, groups and
 * roles from the config, the points rules, finding and removing people
 * (the ledger keeps its sums, anonymously), and CSV import and export.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "people_fixture.h"

static void masking(void **state)
{
	static const char *const cases[][2] = {
		{ "13812345678", "138****5678" },
		{ "+8613812345678", "+86*******5678" },
		{ "02412345678", "024****5678" },
		{ "12345678", "******78" },
		{ "110", "*10" },
		{ "12", "**" },
	};
	char *m;

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		m = person_phone_mask(cases[i][0]);
		assert_string_equal(m, cases[i][1]);
		free(m);
	}
	assert_null(person_phone_mask(NULL));
}

static void phones_and_fields(void **state)
{
	struct config c;
	struct person p;
	struct herr err = { 0 };
	char *n;

	(void)state;
	assert_int_equal(person_phone_normalise("138 1234-5678", &n, &err), HE_OK);
	assert_string_equal(n, "13812345678");
	free(n);
	assert_int_equal(person_phone_normalise("+86 (138) 1234 5678", &n, &err),
			 HE_OK);
	assert_string_equal(n, "+8613812345678");
	free(n);
	assert_int_equal(person_phone_normalise("138x5678", &n, &err), HE_USER);
	assert_non_null(strstr(err.msg, "138x5678"));
	assert_int_equal(person_phone_normalise("1-2", &n, &err), HE_USER);

	load_config(&c, "");
	person_init(&p);
	p.name = xstrdup("  王芳 ");
	p.phone = xstrdup("138 1234 5678");
	strv_add(&p.groups, "party-member");
	strv_add(&p.groups, "宇航员");
	assert_int_equal(person_validate(&p, c.people, &err), HE_USER);
	assert_non_null(strstr(err.msg, "宇航员"));
	strv_free(&p.groups);
	strv_add(&p.groups, "party-member");
	strv_add(&p.groups, "Delivery rider"); /* a label */
	strv_add(&p.groups, "骑手");           /* a name spreadsheets use */
	assert_int_equal(person_validate(&p, c.people, &err), HE_OK);
	assert_string_equal(p.name, "王芳");
	assert_string_equal(p.phone, "13812345678");
	assert_int_equal(p.groups.n, 2);
	assert_string_equal(p.groups.v[1], "rider");
	str_replace(&p.name, "王\x1b[31m芳");
	assert_int_equal(person_validate(&p, c.people, &err), HE_USER);
	assert_non_null(strstr(err.msg, "control"));
	str_replace(&p.name, "王\xe2\x80\xae芳"); /* RIGHT-TO-LEFT OVERRIDE */
	assert_int_equal(person_validate(&p, c.people, &err), HE_USER);
	str_replace(&p.name, " ");
	assert_int_equal(person_validate(&p, c.people, &err), HE_USER);
	person_free(&p);
	config_free(&c);
}

static void config_groups_roles_rules(void **state)
{
	struct config c;
	struct herr err = { 0 };
	struct points_award a;
	struct civil sat = cv("2027-01-09"), fri = cv("2027-01-08"),
		     newyear = cv("2027-01-01");

	(void)state;
	load_config(&c,
		"[group red-rider]\nlabel = Red rider\nlabel.zh = 红色骑手\n"
		"[role team-leader]\nlabel.zh_CN = 带班队长\n"
		"[points]\nper_hour = 10\nseason_start = 03-01\n"
		"[points kind warm-station]\nper_hour = 12\nper_shift = 5\n"
		"[points role team-leader]\nper_hour = 15\n"
		"[bonus holiday]\nlabel = Holiday shift\nlabel.zh_CN = 节假日值班\n"
		"points = 20\ndates = 2027-01-01, 2027-02-10..2027-02-17\n"
		"[bonus weekend]\npoints = 3\nweekdays = sat 周日\n"
		"kind = warm-station\n");
	assert_non_null(people_group(c.people, "red-rider"));
	assert_non_null(people_group(c.people, "红色骑手"));
	assert_string_equal(people_group(c.people, "party-member")->key,
			    "party-member");
	assert_string_equal(people_role(c.people, "带班队长")->key,
			    "team-leader");
	/* Volunteers at the station: 7.5 h at 12 + 5 a shift, no bonus. */
	points_compute(c.people, "warm-station", "volunteer", &fri, 450, &a);
	assert_int_equal(a.base, 90 + 5);
	assert_int_equal(a.n_bonus, 0);
	/* A team leader on a Saturday: 15 an hour, the station's 5, weekend. */
	points_compute(c.people, "warm-station", "team-leader", &sat, 480, &a);
	assert_int_equal(a.base, 120 + 5);
	assert_int_equal(a.n_bonus, 1);
	assert_string_equal(a.bonus[0]->name.key, "weekend");
	/* New Year's Day at the snow clearing: default rate, holiday bonus. */
	points_compute(c.people, "volunteer", "volunteer", &newyear, 61, &a);
	assert_int_equal(a.base, 10);
	assert_int_equal(a.n_bonus, 1);
	assert_int_equal(a.bonus[0]->points, 20);
	assert_string_equal(points_season_start(c.people, &sat).year == 2026
			    ? "ok" : "no", "ok");
	config_free(&c);

	/* Mistakes name the line. */
	config_init(&c);
	assert_int_equal(config_load_string(&c, "[points]\nper_hour = ten\n",
					    "cfg", &err), HE_USER);
	assert_non_null(strstr(err.msg, "cfg:2:"));
	config_free(&c);
	config_init(&c);
	assert_int_equal(config_load_string(&c, "\n[bonus x]\ndates = 2027-13-01\n",
					    "cfg", &err), HE_USER);
	assert_non_null(strstr(err.msg, "cfg:3:"));
	config_free(&c);
	config_init(&c);
	assert_int_equal(config_load_string(&c, "[group Bad Key]\nlabel = x\n",
					    "cfg", &err), HE_USER);
	config_free(&c);
	config_init(&c);
	assert_int_equal(config_load_string(&c, "[points color x]\nper_hour = 1\n",
					    "cfg", &err), HE_USER);
	config_free(&c);
}

static void finding_and_listing(void **state)
{
	struct store *st = open_new("find.db");
	struct config c;
	struct person_list l = { 0 };
	struct person_query q = { 0 };
	struct person p;
	struct herr err = { 0 };
	int64_t a, b, id;

	(void)state;
	load_config(&c, "");
	a = add_person(st, c.people, "王芳", "13812345678", "party-member");
	b = add_person(st, c.people, "王芳", NULL, "rider");
	add_person(st, c.people, "李娜", "13900001111", "volunteer");
	assert_int_equal(store_person_find(st, "李", &id, &err), HE_OK);
	assert_int_equal(store_person_find(st, "王芳", &id, &err), HE_USER);
	assert_non_null(strstr(err.msg, "138****5678"));
	assert_null(strstr(err.msg, "13812345678"));
	assert_int_equal(store_person_find(st, "2", &id, &err), HE_OK);
	assert_int_equal(id, b);
	assert_int_equal(store_person_find(st, "99", &id, &err), HE_USER);
	assert_int_equal(store_person_find(st, "赵", &id, &err), HE_USER);

	/* A phone is one person's. */
	person_init(&p);
	p.name = xstrdup("张伟");
	p.phone = xstrdup("13812345678");
	assert_int_equal(store_person_add(st, &p, &err), HE_USER);
	assert_non_null(strstr(err.msg, "王芳"));
	person_free(&p);

	q.group = "party-member";
	assert_int_equal(store_people_list(st, &q, &l, &err), HE_OK);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].id, a);
	person_list_free(&l);
	/* Inactive people are left out unless asked for. */
	assert_int_equal(store_person_get(st, b, &p, &err), HE_OK);
	p.active = false;
	assert_int_equal(store_person_update(st, &p, &err), HE_OK);
	person_free(&p);
	assert_int_equal(store_people_list(st, NULL, &l, &err), HE_OK);
	assert_int_equal(l.n, 2);
	person_list_free(&l);
	q.group = NULL;
	q.inactive = true;
	q.text = "1390000";
	assert_int_equal(store_people_list(st, &q, &l, &err), HE_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].name, "李娜");
	person_list_free(&l);
	config_free(&c);
	store_close(&st);
}

static int64_t count_rows(const char *db, const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *s;
	int64_t v = -1;

	assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &s, NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(h);
	return v;
}

static void removing_keeps_the_sums(void **state)
{
	struct store *st = open_new("rm.db");
	char *path = scratch_path("rm.db");
	struct config c;
	struct person_removal r;
	struct herr err = { 0 };
	int64_t a, b, sum_before;
	struct civil sat = cv("2027-01-09T11:00:00");
	int64_t snow;

	(void)state;
	load_config(&c, "");
	snow = snow_clearing(st);
	a = add_person(st, c.people, "王芳", "13812345678", NULL);
	b = add_person(st, c.people, "李娜", NULL, NULL);
	assert_int_equal(store_shift_set(st, snow, "volunteer", SHIFT_FIRST,
					 SHIFT_LAST, 5, NULL, &err), HE_OK);
	assert_int_equal(shift_signup(st, c.people, a, snow, &sat, NULL, NULL,
				      &err), HE_OK);
	assert_int_equal(shift_checkout(st, c.people, a, snow, &sat, 0, false,
					NULL, &err), HE_OK);
	assert_int_equal(points_adjust(st, a, 15, "扫雪工具", NULL, &err), HE_OK);
	assert_int_equal(points_adjust(st, b, 7, "开会", NULL, &err), HE_OK);
	sum_before = count_rows(path, "SELECT sum(points) FROM ledger");
	assert_int_equal(sum_before, 10 + 15 + 7);

	assert_int_equal(store_person_remove(st, a, at(ZONE, "2027-01-20"), &r,
					     &err), HE_OK);
	assert_int_equal(r.balance, 25);
	assert_int_equal(r.ledger_rows, 2);
	assert_int_equal(r.signups_kept, 1);
	/* The ledger is the same; nothing in the database names her. */
	assert_int_equal(count_rows(path, "SELECT sum(points) FROM ledger"),
			 sum_before);
	assert_int_equal(count_rows(path, "SELECT count(*) FROM ledger"), 3);
	assert_int_equal(count_rows(path, "SELECT count(*) FROM person"), 1);
	assert_int_equal(count_rows(path, "SELECT count(*) FROM signup"
				    " WHERE person_id IS NULL"), 1);
	assert_int_equal(count_rows(path, "SELECT count(*) FROM ledger l"
				    " JOIN person p ON p.account = l.account"), 1);
	assert_int_equal(store_person_get(st, a, &(struct person){ 0 }, &err),
			 HE_USER);
	free(path);
	config_free(&c);
	store_close(&st);
}

static int import(struct store *st, const struct config *c, const char *text,
		  struct people_import_result *res, struct strv *problems)
{
	struct herr err = { 0 };

	strv_free(problems);
	return people_import_csv(st, c->people, text, strlen(text), "v.csv", res,
				 problems, &err);
}

static void csv_import_and_export(void **state)
{
	struct store *st = open_new("csv.db");
	struct config c;
	struct people_import_result res;
	struct strv problems = { 0 };
	struct person_list l = { 0 };
	struct herr err = { 0 };
	const char *file =
		"\xEF\xBB\xBF姓名,电话,群体,单位,备注\r\n"
		"王芳,138 1234 5678,党员、外卖骑手,利州社会工作服务中心,\r\n"
		"李娜,,volunteer,,\"会开车, 周末有空\"\r\n"
		"张伟,13900001111,rider;courier,,\r\n";
	char *out = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	load_config(&c, "[group party-member]\nlabel.zh = 党员\n"
		       "[group rider]\nlabel.zh = 外卖骑手\n");
	assert_int_equal(import(st, &c, file, &res, &problems), HE_OK);
	assert_int_equal(res.added, 3);
	/* The same file again changes nothing. */
	assert_int_equal(import(st, &c, file, &res, &problems), HE_OK);
	assert_int_equal(res.added, 0);
	assert_int_equal(res.changed, 0);
	assert_int_equal(res.unchanged, 3);

	/* Problems are named by line, all of them, and nothing changes. */
	assert_int_equal(import(st, &c,
		"name,phone,groups\n"
		"赵六,12x,\n"
		"\n"
		"钱七,13700000000,volunteer\n"
		"孙八,13700000000,\n"
		"周九,13600000000\n"
		",13500000000,\n"
		"吴十,,astronaut\n", &res, &problems), HE_USER);
	assert_int_equal(problems.n, 5);
	assert_non_null(strstr(problems.v[0], "v.csv:2:"));
	assert_non_null(strstr(problems.v[0], "12x"));
	assert_non_null(strstr(problems.v[1], "v.csv:5: phone 13700000000 is "
			       "already on line 4"));
	assert_non_null(strstr(problems.v[2], "v.csv:6:"));
	assert_non_null(strstr(problems.v[3], "v.csv:7:"));
	assert_non_null(strstr(problems.v[4], "v.csv:8:"));
	assert_non_null(strstr(problems.v[4], "astronaut"));
	assert_int_equal(store_people_list(st, NULL, &l, &err), HE_OK);
	assert_int_equal(l.n, 3);
	person_list_free(&l);
	assert_int_equal(import(st, &c, "name,shoe size\n王五,42\n", &res,
				&problems), HE_USER);
	assert_non_null(strstr(problems.v[0], "v.csv:1:"));
	assert_int_equal(import(st, &c, "name\n\"王五\n", &res, &problems),
			 HE_USER);
	assert_non_null(strstr(problems.v[0], "v.csv:2:"));

	/* Export with full phones; reading it back changes nothing. */
	f = open_memstream(&out, &len);
	assert_int_equal(people_export_csv(st, NULL, f, &err), HE_OK);
	fclose(f);
	assert_non_null(strstr(out, "id,name,phone,groups,org,note,active\r\n"));
	assert_non_null(strstr(out, "13812345678"));
	assert_non_null(strstr(out, "party-member;rider"));
	assert_int_equal(import(st, &c, out, &res, &problems), HE_OK);
	assert_int_equal(res.unchanged, 3);
	/* An id of this database names whom a row is about: a new phone. */
	assert_int_equal(import(st, &c, "id,name,phone\n1,王芳,13811112222\n",
				&res, &problems), HE_OK);
	assert_int_equal(res.changed, 1);
	/* An id that is someone else here is refused. */
	assert_int_equal(import(st, &c, "id,name\n1,钱七\n", &res, &problems),
			 HE_USER);
	assert_non_null(strstr(problems.v[0], "王芳"));
	free(out);
	strv_free(&problems);
	config_free(&c);
	store_close(&st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(masking),
		cmocka_unit_test(phones_and_fields),
		cmocka_unit_test(config_groups_roles_rules),
		cmocka_unit_test(finding_and_listing),
		cmocka_unit_test(removing_keeps_the_sums),
		cmocka_unit_test(csv_import_and_export),
	};
	setenv("TZ", "UTC", 1);
	return cmocka_run_group_tests(tests, NULL, teardown_all);
}
