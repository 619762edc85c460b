/*
 * demo.h - the demo calendar: the community work of four reports from
 * Liaoning province (a youth reading session followed by snow clearing in
 * Benxi, a civility fair in Fushun, a warm-winter station in Shenyang's
 * Huanggu district, service stations for riders and drivers in Panjin),
 * in Chinese, dated around "now" so that a new user sees events this week
 * and next. The data is compiled in; nothing is read from outside.
 */
#ifndef HEARTH_DEMO_H
#define HEARTH_DEMO_H

#include <stdint.h>

#include "store.h"

/* Adds the demo calendar to st in one transaction. */
int demo_load(struct store *st, int64_t now, struct herr *err);
/* Where the demo's events are: the zone hearth init --demo gives it. */
#define DEMO_ZONE "Asia/Shanghai"

#endif
