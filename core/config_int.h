/*
 * config_int.h - what config.c shares with the files that read the options
 * of one capability; not part of the interface.
 */
#ifndef HEARTH_CONFIG_INT_H
#define HEARTH_CONFIG_INT_H

#include <stddef.h>

#include "config.h"

/*
 * Applies one [general] option about getting the calendar to phones:
 * returns 1 when it was one and is right, 0 with a message in msg (msglen
 * bytes) when it is wrong, -1 when name is not one of them.
 */
int config_publish_set(struct config_publish *p, const char *name,
		       const char *value, char *msg, size_t msglen);
void config_publish_free(struct config_publish *p);

/* Adds the built-in categories and topics. */
void config_report_init(struct config *c);
void config_report_free(struct config *c);
/*
 * Applies one option of a [category KEY] or [topic KEY] section; returns
 * false with a message in msg (msglen bytes) when it is wrong.
 */
bool config_report_set(struct config *c, const char *section,
		       const char *name, const char *value, char *msg,
		       size_t msglen);

#endif
