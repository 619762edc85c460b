/*
 * test_words.c - lists and repeat rules in words, and the dates they use
 * (label.h), in English (no
 * translation) and in Chinese (build/locale's catalogue, as make check
 * builds it before the unit tests run).
 */
#include <libintl.h>
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../../core/label.h"
#include "../../core/words.h"
#include "testutil.h"

/* Switches messages to lang ("" for none: the English msgids). */
static void language(const char *lang)
{
	setenv("LANGUAGE", lang, 1);
	/* textdomain() makes gettext forget what it looked up before. */
	textdomain("hearth");
}

static int english(void **state)
{
	(void)state;
	language("");
	return 0;
}

static int chinese(void **state)
{
	(void)state;
	language("zh_CN");
	/* A catalogue that is missing would make every Chinese test fail
	   with English text: say so once, clearly. */
	if (strcmp(gettext("Every day"), "每天") != 0)
		fail_msg("no Chinese catalogue in build/locale: run make first");
	return 0;
}

/* A timed schedule starting at start (local) in Asia/Shanghai. */
static struct sched at_start(const char *start, bool all_day)
{
	struct sched s;

	sched_init(&s);
	snprintf(s.tzid, sizeof s.tzid, "Asia/Shanghai");
	s.all_day = all_day;
	s.start = cv(start);
	s.end = all_day ? civil_add_days(s.start, 1) : s.start;
	if (!all_day)
		s.end.hour += 8;
	return s;
}

/* Asserts the words for rule on a series first held at start. */
static void says(const char *start, const char *rule, const char *want)
{
	struct sched s = at_start(start, strlen(start) == 10);
	char *got = words_rule(&s, rule);

	if (!got || strcmp(got, want) != 0)
		fail_msg("%s from %s: wanted \"%s\", got \"%s\"", rule, start,
			 want, got ? got : "(null)");
	free(got);
}

/* A Friday, the 8th of January 2027, 10:00. */
#define FRI "2027-01-08T10:00:00"

static void rules_in_english(void **state)
{
	(void)state;
	says(FRI, "FREQ=DAILY", "Every day");
	says(FRI, "FREQ=DAILY;INTERVAL=3", "Every 3 days");
	says(FRI, "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR",
	     "Every Mon, Tue, Wed, Thu and Fri");
	says(FRI, "FREQ=WEEKLY", "Every Fri");
	says(FRI, "FREQ=WEEKLY;BYDAY=FR,SA,SU;UNTIL=20270131T155959Z",
	     "Every Fri, Sat and Sun until 31 Jan 2027");
	says(FRI, "FREQ=WEEKLY;BYDAY=SU,FR,SA", "Every Fri, Sat and Sun");
	says(FRI, "FREQ=WEEKLY;BYDAY=SA", "Every Sat");
	says(FRI, "FREQ=WEEKLY;BYDAY=MO,WE", "Every Mon and Wed");
	says(FRI, "FREQ=WEEKLY;INTERVAL=2", "Every 2 weeks on Fri");
	says(FRI, "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=6",
	     "Every 2 weeks on Tue and Thu, 6 times");
	says(FRI, "FREQ=WEEKLY;COUNT=1", "Every Fri, 1 time");
	says(FRI, "FREQ=MONTHLY", "Every month on day 8");
	says(FRI, "FREQ=MONTHLY;BYMONTHDAY=1,15", "Every month on day 1 and day 15");
	says(FRI, "FREQ=MONTHLY;BYMONTHDAY=-1", "Every month on the last day");
	says(FRI, "FREQ=MONTHLY;BYMONTHDAY=-3",
	     "Every month on day 3 counted from the end");
	says(FRI, "FREQ=MONTHLY;BYDAY=1MO", "Every month on the first Mon");
	says(FRI, "FREQ=MONTHLY;BYDAY=-1FR", "Every month on the last Fri");
	says(FRI, "FREQ=MONTHLY;BYDAY=-2FR", "Every month on the second-to-last Fri");
	says(FRI, "FREQ=MONTHLY;BYDAY=1MO,3WE",
	     "Every month on the first Mon and the third Wed");
	says(FRI, "FREQ=MONTHLY;BYDAY=TU", "Every month on every Tue");
	says(FRI, "FREQ=MONTHLY;INTERVAL=3;BYDAY=2SA",
	     "Every 3 months on the second Sat");
	says(FRI, "FREQ=YEARLY", "Every year on 8 Jan");
	says(FRI, "FREQ=YEARLY;BYMONTH=1,7", "Every year on 8 Jan and 8 Jul");
	says(FRI, "FREQ=YEARLY;BYMONTH=5;BYDAY=2SU",
	     "Every year on the second Sun of May");
	says(FRI, "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1",
	     "Every year on the last day of Feb");
	says(FRI, "FREQ=YEARLY;INTERVAL=2", "Every 2 years on 8 Jan");
	says(FRI, "FREQ=DAILY;BYMONTH=1,2", "Every day in Jan and Feb");
	says(FRI, "FREQ=HOURLY;INTERVAL=6", "Every 6 hours");
	says(FRI, "FREQ=HOURLY", "Every hour");
}

static void all_day_and_zones(void **state)
{
	(void)state;
	/* A date UNTIL on an all-day series is that day. */
	says("2027-01-08", "FREQ=WEEKLY;BYDAY=FR,SA,SU;UNTIL=20270131",
	     "Every Fri, Sat and Sun until 31 Jan 2027");
	/* A UTC UNTIL is read in the series' zone: 16:00Z is midnight in
	   Shanghai, the next day. */
	says(FRI, "FREQ=DAILY;UNTIL=20270131T160000Z", "Every day until 1 Feb 2027");
}

/* Rules words cannot say faithfully are shown as they are. */
static void rules_as_text(void **state)
{
	static const char *const raw[] = {
		"FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
		"FREQ=DAILY;BYHOUR=9,17",
		"FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO",
		"FREQ=YEARLY;BYYEARDAY=100",
		"FREQ=MONTHLY;BYDAY=7MO",
		"FREQ=MONTHLY;BYMONTHDAY=13;BYDAY=FR",
		"FREQ=WEEKLY;BYMONTHDAY=1",
		"FREQ=DAILY;INTERVAL=2;BYDAY=MO",
		"FREQ=SECONDLY",
	};
	struct sched s = at_start(FRI, false);

	(void)state;
	for (size_t i = 0; i < sizeof raw / sizeof *raw; i++) {
		char *got = words_rule(&s, raw[i]);
		assert_non_null(got);
		assert_string_equal(got, raw[i]);
		free(got);
	}
	/* Not a rule at all: given back, not described. */
	{
		char *got = words_rule(&s, "FREQ=FORTNIGHTLY");
		assert_string_equal(got, "FREQ=FORTNIGHTLY");
		free(got);
	}
	assert_null(words_rule(&s, NULL));
}

static void rules_in_chinese(void **state)
{
	(void)state;
	says(FRI, "FREQ=DAILY", "每天");
	says(FRI, "FREQ=DAILY;INTERVAL=3", "每3天");
	says(FRI, "FREQ=WEEKLY;BYDAY=FR,SA,SU;UNTIL=20270131T155959Z",
	     "每周五、六、日，至2027年1月31日");
	says(FRI, "FREQ=WEEKLY", "每周五");
	says(FRI, "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=6",
	     "每2周的周二、四，共6次");
	says(FRI, "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR", "每周一、二、三、四、五");
	says(FRI, "FREQ=MONTHLY", "每月8日");
	says(FRI, "FREQ=MONTHLY;BYMONTHDAY=1,15", "每月1日、15日");
	says(FRI, "FREQ=MONTHLY;BYMONTHDAY=-1", "每月最后一天");
	says(FRI, "FREQ=MONTHLY;BYDAY=1MO", "每月第一个周一");
	says(FRI, "FREQ=MONTHLY;BYDAY=-1FR", "每月最后一个周五");
	says(FRI, "FREQ=MONTHLY;INTERVAL=3;BYDAY=2SA", "每3个月的第二个周六");
	says(FRI, "FREQ=YEARLY", "每年1月8日");
	says(FRI, "FREQ=YEARLY;BYMONTH=1,7", "每年1月8日、7月8日");
	says(FRI, "FREQ=YEARLY;BYMONTH=5;BYDAY=2SU", "每年5月的第二个周日");
	says(FRI, "FREQ=DAILY;BYMONTH=1,2", "每天（仅1月、2月）");
	says(FRI, "FREQ=HOURLY;INTERVAL=6", "每6小时");
}

static void dates_and_lists(void **state)
{
	const char *three[] = { "A", "B", "C" }, *gap[] = { "A", NULL, "B" };
	struct civil d = cv("2027-01-08");
	char *t;

	(void)state;
	t = words_join(three, 3);
	assert_string_equal(t, "A, B and C");
	free(t);
	t = words_join(gap, 3);
	assert_string_equal(t, "A and B");
	free(t);
	t = words_join(three, 1);
	assert_string_equal(t, "A");
	free(t);
	t = words_join(three, 0);
	assert_string_equal(t, "");
	free(t);
	t = label_date(&d);
	assert_string_equal(t, "8 Jan 2027");
	free(t);
	t = label_month_day(&d);
	assert_string_equal(t, "8 Jan");
	free(t);
	assert_string_equal(label_month_abbrev(12), "Dec");
	assert_string_equal(label_month_abbrev(13), "Jan");
}

static void dates_and_lists_in_chinese(void **state)
{
	const char *three[] = { "甲", "乙", "丙" };
	struct civil d = cv("2027-01-08");
	char *t;

	(void)state;
	t = words_join(three, 3);
	assert_string_equal(t, "甲、乙、丙");
	free(t);
	t = label_date(&d);
	assert_string_equal(t, "2027年1月8日");
	free(t);
	t = label_month_day(&d);
	assert_string_equal(t, "1月8日");
	free(t);
	assert_string_equal(label_month_abbrev(12), "12月");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(rules_in_english, english),
		cmocka_unit_test_setup(all_day_and_zones, english),
		cmocka_unit_test_setup(rules_as_text, english),
		cmocka_unit_test_setup(dates_and_lists, english),
		cmocka_unit_test_setup(rules_in_chinese, chinese),
		cmocka_unit_test_setup(dates_and_lists_in_chinese, chinese),
	};

	setlocale(LC_ALL, "C.UTF-8");
	bindtextdomain("hearth", "build/locale");
	bind_textdomain_codeset("hearth", "UTF-8");
	textdomain("hearth");
	return cmocka_run_group_tests(tests, NULL, teardown_all);
}
