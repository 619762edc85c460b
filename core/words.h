/*
 * words.h - lists and repeat rules in words, in the interface language,
 * for anything people read: the full-screen interface, `hearth show`,
 * posters. (Single dates and times are label.h's.)
 *
 * Every function follows the current gettext locale: "Fri, Sat and Sun" /
 * "五、六、日", "Every Fri, Sat and Sun until 31 Jan 2027" /
 * "每周五、六、日，至2027年1月31日". Patterns and separators are
 * translations (po/), so a language changes its word order and punctuation
 * without code. Results are owned by the caller.
 */
#ifndef HEARTH_WORDS_H
#define HEARTH_WORDS_H

#include <stddef.h>

#include "sched.h"

/*
 * The n items as one list in running text: "A", "A and B", "A, B and C"
 * ("A、B、C"). NULL items are skipped.
 */
char *words_join(const char *const *items, size_t n);

/*
 * The repeat rule of schedule s in words: "Every day", "Every Fri, Sat and
 * Sun until 31 Jan 2027", "Every month on the last Fri, 6 times" ("每天",
 * "每周五、六、日，至2027年1月31日", "每月最后一个周五，共6次"). A rule
 * that words cannot say faithfully (BYSETPOS, BYHOUR, ...) is returned as
 * its RRULE text, never described wrongly; so is a rule that does not
 * parse. rule is the rule to describe (s->rrule for the saved one; the
 * schedule editor passes the one being typed); s gives the zone UNTIL is
 * read in and the first occurrence, whose weekday, day or month a rule
 * without BYDAY, BYMONTHDAY or BYMONTH repeats. NULL when rule is NULL.
 */
char *words_rule(const struct sched *s, const char *rule);

#endif
