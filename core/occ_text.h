/*
 * occ_text.h - how a cancelled or changed occurrence is told to people who
 * only see a phone, a poster or a chat message: the title marker of a
 * cancellation and the note that says what changed, in the interface
 * language. The export, the QR codes and the notice all say it the same way.
 */
#ifndef HEARTH_OCC_TEXT_H
#define HEARTH_OCC_TEXT_H

#include <stdbool.h>

#include "series.h"

/* title with the cancellation marker before it ("【已取消】读书会") when
 * cancelled, else title itself (caller frees). */
char *occ_text_title(const char *title, bool cancelled);
/*
 * What changed about occurrence o of s, one line per change, NULL when
 * nothing phones would not see anyway: "Time changed: originally 10:00"
 * ("时间调整：原定 10:00"; with the date when the day changed), "Venue
 * changed: originally 图书馆". The reason of a cancellation is its note,
 * told by the caller.
 */
char *occ_text_changes(const struct series *s, const struct override *o);

#endif
