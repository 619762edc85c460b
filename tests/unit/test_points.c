/*
 * test_points.c - the points ledger: earning on check-out and reversing on
 * its undoing, corrections, never below zero (also with eight processes
 * redeeming against one balance at once), append-only in the database
 * itself, the catalogue's stock, statements that sum, and the notice board.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "testutil.h"
#include "people_fixture.h"

struct fixture {
	struct store *st;
	char *path;
	struct config cfg;
	int64_t station, wang, li;
};

static const char rules[] =
	"[points]\nper_hour = 10\n"
	"[points role team-leader]\nper_hour = 15\nper_shift = 5\n"
	"[bonus holiday]\nlabel.zh_CN = 元旦值班\npoints = 20\n"
	"dates = 2027-01-01\n";

static int setup(void **state)
{
	static int n;
	struct fixture *f = xcalloc(1, sizeof *f);
	struct herr err = { 0 };
	char name[32];

	snprintf(name, sizeof name, "points%d.db", n++);
	f->path = scratch_path(name);
	f->st = open_new(name);
	load_config(&f->cfg, rules);
	f->station = warm_station(f->st);
	f->wang = add_person(f->st, f->cfg.people, "王芳", "13812345678", NULL);
	f->li = add_person(f->st, f->cfg.people, "李娜", NULL, NULL);
	store_shift_set(f->st, f->station, "volunteer", SHIFT_FIRST, SHIFT_LAST,
			3, NULL, &err);
	store_shift_set(f->st, f->station, "team-leader", SHIFT_FIRST,
			SHIFT_LAST, 1, NULL, &err);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	config_free(&f->cfg);
	store_close(&f->st);
	free(f->path);
	free(f);
	return 0;
}

static int64_t balance(struct fixture *f, int64_t who)
{
	int64_t b = -1;
	struct herr err = { 0 };

	assert_int_equal(points_balance(f->st, who, &b, &err), HE_OK);
	return b;
}

/* The balance is the sum of the statement, row by row. */
static void statement_sums(struct fixture *f, int64_t who)
{
	struct ledger_list l = { 0 };
	struct herr err = { 0 };
	int64_t sum = 0;

	assert_int_equal(points_statement(f->st, who, &l, &err), HE_OK);
	for (size_t i = 0; i < l.n; i++) {
		sum += l.v[i].points;
		assert_int_equal(l.v[i].balance, sum);
		assert_true(l.v[i].balance >= 0);
	}
	assert_int_equal(sum, balance(f, who));
	ledger_list_free(&l);
}

static void sign_up(struct fixture *f, int64_t who, const char *rid,
		    const char *role)
{
	struct civil r = cv(rid);
	struct herr err = { 0 };

	if (shift_signup(f->st, f->cfg.people, who, f->station, &r, role, NULL,
			 &err) != HE_OK)
		fail_msg("%s", err.msg);
}

static void earning_and_reversing(void **state)
{
	struct fixture *f = *state;
	struct checkout_result res;
	struct herr err = { 0 };
	struct civil newyear = cv("2027-01-01T10:00:00"),
		     sat = cv("2027-01-02T10:00:00");

	sign_up(f, f->wang, "2027-01-01T10:00:00", "volunteer");
	sign_up(f, f->li, "2027-01-01T10:00:00", "team-leader");
	sign_up(f, f->wang, "2027-01-02T10:00:00", "volunteer");
	/* In at 10:15, out at the shift's end: 7 h 45 min, and the bonus. */
	assert_int_equal(shift_checkin(f->st, f->wang, f->station, &newyear,
				       at(ZONE, "2027-01-01T10:15:00"), false,
				       &err), HE_OK);
	assert_int_equal(shift_checkout(f->st, f->cfg.people, f->wang,
					f->station, &newyear, 0, false, &res,
					&err), HE_OK);
	assert_int_equal(res.minutes, 465);
	assert_int_equal(res.points, 78 + 20);
	assert_int_equal(res.balance, 98);
	/* A team leader's rate; no check-in means the shift's start. */
	assert_int_equal(shift_checkout(f->st, f->cfg.people, f->li, f->station,
					&newyear, at(ZONE, "2027-01-01T14:00:00"),
					false, &res, &err), HE_OK);
	assert_int_equal(res.points, 4 * 15 + 5 + 20);
	/* A correction: out at 12:00 instead; the first earning reversed. */
	assert_int_equal(shift_checkout(f->st, f->cfg.people, f->li, f->station,
					&newyear, at(ZONE, "2027-01-01T12:00:00"),
					false, &res, &err), HE_OK);
	assert_int_equal(res.points, 2 * 15 + 5 + 20);
	assert_int_equal(balance(f, f->li), 55);
	statement_sums(f, f->li);
	/* Out before in, far from the shift: refused. */
	assert_int_equal(shift_checkout(f->st, f->cfg.people, f->wang,
					f->station, &sat,
					at(ZONE, "2027-01-02T09:00:00"), false,
					&res, &err), HE_USER);
	assert_int_equal(shift_checkin(f->st, f->wang, f->station, &sat,
				       at(ZONE, "2027-01-05T10:00:00"), false,
				       &err), HE_USER);
	/* Undoing the check-out reverses the points, once. */
	assert_int_equal(shift_checkout(f->st, f->cfg.people, f->wang,
					f->station, &newyear, 0, true, &res,
					&err), HE_OK);
	assert_int_equal(res.points, 98);
	assert_int_equal(balance(f, f->wang), 0);
	assert_int_equal(shift_checkout(f->st, f->cfg.people, f->wang,
					f->station, &newyear, 0, true, &res,
					&err), HE_USER);
	statement_sums(f, f->wang);
	/* Checked in, she cannot be taken off the shift. */
	assert_int_equal(shift_unsignup(f->st, f->wang, f->station, &newyear,
					&err), HE_USER);
	assert_int_equal(shift_checkin(f->st, f->wang, f->station, &newyear, 0,
				       true, &err), HE_OK);
	assert_int_equal(shift_unsignup(f->st, f->wang, f->station, &newyear,
					&err), HE_OK);
}

static void never_below_zero(void **state)
{
	struct fixture *f = *state;
	struct catalogue_item haircut = { .name = (char *)"理发一次",
					  .cost = 30, .stock = -1 },
			      kit = { .name = (char *)"应急药包", .cost = 10,
				      .stock = 1 };
	struct ledger_entry e;
	struct herr err = { 0 };
	struct civil newyear = cv("2027-01-01T10:00:00");

	assert_int_equal(store_catalogue_add(f->st, &haircut, &err), HE_OK);
	assert_int_equal(store_catalogue_add(f->st, &kit, &err), HE_OK);
	assert_int_equal(store_catalogue_add(f->st, &haircut, &err), HE_USER);
	assert_int_equal(points_adjust(f->st, f->wang, 25, "开会签到", NULL,
				       &err), HE_OK);
	/* 25 points do not buy a 30-point haircut: both numbers said. */
	assert_int_equal(points_redeem(f->st, f->wang, haircut.id, &e, &err),
			 HE_USER);
	assert_non_null(strstr(err.msg, "25"));
	assert_non_null(strstr(err.msg, "30"));
	assert_int_equal(balance(f, f->wang), 25);
	assert_int_equal(points_adjust(f->st, f->wang, -26, "多记了", NULL,
				       &err), HE_USER);
	assert_int_equal(points_adjust(f->st, f->wang, 5, "", NULL, &err),
			 HE_USER);
	assert_int_equal(points_adjust(f->st, f->wang, 5, "补记", NULL, &err),
			 HE_OK);
	assert_int_equal(points_redeem(f->st, f->wang, haircut.id, &e, &err),
			 HE_OK);
	assert_int_equal(e.points, -30);
	assert_int_equal(e.balance, 0);
	free(e.title);
	free(e.by);
	/* The stock runs out. */
	assert_int_equal(points_adjust(f->st, f->li, 50, "x", NULL, &err), HE_OK);
	assert_int_equal(points_redeem(f->st, f->li, kit.id, NULL, &err), HE_OK);
	assert_int_equal(points_redeem(f->st, f->li, kit.id, NULL, &err),
			 HE_USER);
	assert_non_null(strstr(err.msg, "out of stock"));
	/* Spent points cannot be earned back by undoing: refused. */
	sign_up(f, f->li, "2027-01-01T10:00:00", "volunteer");
	assert_int_equal(shift_checkout(f->st, f->cfg.people, f->li, f->station,
					&newyear, 0, false, NULL, &err), HE_OK);
	assert_int_equal(points_adjust(f->st, f->li, -130, "兑换大米", NULL,
				       &err), HE_OK);
	assert_int_equal(shift_checkout(f->st, f->cfg.people, f->li, f->station,
					&newyear, 0, true, NULL, &err), HE_USER);
	assert_non_null(strstr(err.msg, "below zero"));
	statement_sums(f, f->wang);
	statement_sums(f, f->li);
}

static void append_only_in_the_database(void **state)
{
	struct fixture *f = *state;
	struct herr err = { 0 };
	sqlite3 *db;
	char *msg = NULL;

	assert_int_equal(points_adjust(f->st, f->wang, 10, "x", NULL, &err),
			 HE_OK);
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "UPDATE ledger SET points = 1000",
					  NULL, NULL, &msg), SQLITE_OK);
	assert_non_null(strstr(msg, "append-only"));
	sqlite3_free(msg);
	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM ledger", NULL, NULL,
					  NULL), SQLITE_OK);
	/* A row whose balance does not follow, or goes negative, is refused. */
	assert_int_not_equal(sqlite3_exec(db, "INSERT INTO ledger (account, at,"
		" kind, points, balance, by) SELECT account, 0, 'adjust', 5, 99,"
		" 'x' FROM person WHERE id = 1", NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "INSERT INTO ledger (account, at,"
		" kind, points, balance, by) SELECT account, 0, 'adjust', -20,"
		" -10, 'x' FROM person WHERE id = 1", NULL, NULL, NULL),
		SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(balance(f, f->wang), 10);
}

/* One process: open the file, redeem once, exit 0 (done), 1 (refused) or
 * 2 (anything else). */
static int redeem_child(const char *path, int64_t who, int64_t item)
{
	struct store *st = NULL;
	struct herr err = { 0 };
	int rc;

	if (store_open(&st, path, STORE_EXISTING, &err) != HE_OK)
		return 2;
	rc = points_redeem(st, who, item, NULL, &err);
	store_close(&st);
	return rc == HE_OK ? 0 : rc == HE_USER && strstr(err.msg, "not enough")
				 ? 1 : 2;
}

static void eight_redeemers_at_once(void **state)
{
	struct fixture *f = *state;
	struct catalogue_item rice = { .name = (char *)"大米5斤", .cost = 10,
				       .stock = -1 };
	struct herr err = { 0 };
	int done = 0, refused = 0, other = 0, go[2];
	pid_t pids[8];

	assert_int_equal(store_catalogue_add(f->st, &rice, &err), HE_OK);
	assert_int_equal(points_adjust(f->st, f->wang, 50, "积分", NULL, &err),
			 HE_OK);
	assert_int_equal(pipe(go), 0);
	for (int i = 0; i < 8; i++) {
		pids[i] = fork();
		assert_true(pids[i] >= 0);
		if (pids[i] == 0) {
			char c;
			close(go[1]);
			/* All start together when the pipe closes. */
			if (read(go[0], &c, 1) < 0)
				_exit(3);
			_exit(redeem_child(f->path, f->wang, rice.id));
		}
	}
	close(go[0]);
	close(go[1]);
	for (int i = 0; i < 8; i++) {
		int status;
		assert_int_equal(waitpid(pids[i], &status, 0), pids[i]);
		assert_true(WIFEXITED(status));
		switch (WEXITSTATUS(status)) {
		case 0: done++; break;
		case 1: refused++; break;
		default: other++; break;
		}
	}
	assert_int_equal(other, 0);
	assert_int_equal(done, 5);
	assert_int_equal(refused, 3);
	assert_int_equal(balance(f, f->wang), 0);
	statement_sums(f, f->wang);
}

static void notice_board(void **state)
{
	struct fixture *f = *state;
	struct points_ranks r = { 0 };
	struct herr err = { 0 };
	struct civil d1 = cv("2027-01-01T10:00:00"), d2 = cv("2027-01-02T10:00:00");

	sign_up(f, f->wang, "2027-01-01T10:00:00", "volunteer");
	sign_up(f, f->wang, "2027-01-02T10:00:00", "volunteer");
	sign_up(f, f->li, "2027-01-02T10:00:00", "team-leader");
	shift_checkout(f->st, f->cfg.people, f->wang, f->station, &d1, 0, false,
		       NULL, &err);
	shift_checkout(f->st, f->cfg.people, f->wang, f->station, &d2, 0, false,
		       NULL, &err);
	shift_checkout(f->st, f->cfg.people, f->li, f->station, &d2, 0, false,
		       NULL, &err);
	/* A reversed shift counts neither points nor hours. */
	shift_checkout(f->st, f->cfg.people, f->wang, f->station, &d2, 0, true,
		       NULL, &err);
	assert_int_equal(points_top(f->st, 0, 0, &r, &err), HE_OK);
	assert_int_equal(r.n, 2);
	assert_string_equal(r.v[0].name, "李娜");
	assert_int_equal(r.v[0].earned, 8 * 15 + 5);
	assert_int_equal(r.v[1].earned, 80 + 20);
	assert_int_equal(r.v[1].minutes, 480);
	assert_int_equal(r.v[1].shifts, 1);
	points_ranks_free(&r);
	assert_int_equal(points_top(f->st, 0, 1, &r, &err), HE_OK);
	assert_int_equal(r.n, 1);
	points_ranks_free(&r);
	/* The season counts shifts by their date, not by when recorded. */
	assert_int_equal(points_top(f->st, at(ZONE, "2027-01-02"), 0, &r, &err),
			 HE_OK);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.v[0].name, "李娜");
	points_ranks_free(&r);
	assert_int_equal(points_top(f->st, at(ZONE, "2027-01-03"), 0, &r, &err),
			 HE_OK);
	assert_int_equal(r.n, 0);
	points_ranks_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(earning_and_reversing, setup,
						teardown),
		cmocka_unit_test_setup_teardown(never_below_zero, setup, teardown),
		cmocka_unit_test_setup_teardown(append_only_in_the_database, setup,
						teardown),
		cmocka_unit_test_setup_teardown(eight_redeemers_at_once, setup,
						teardown),
		cmocka_unit_test_setup_teardown(notice_board, setup, teardown),
	};
	setenv("TZ", "UTC", 1);
	return cmocka_run_group_tests(tests, NULL, teardown_all);
}
