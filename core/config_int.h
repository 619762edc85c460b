/*
 * config_int.h - what config.c shares with config_report.c, which reads
 * the [category KEY] and [topic KEY] sections; not part of the interface.
 */
#ifndef HEARTH_CONFIG_INT_H
#define HEARTH_CONFIG_INT_H

#include <stddef.h>

#include "config.h"

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
