/*
 * fuzz_config.c - libFuzzer target for the configuration file parser.
 *
 * The input is the whole file, NUL bytes and all, read from a memory file
 * through config_load exactly as hearth reads ~/.config/hearth/config;
 * what was read is then looked up as the front ends do (kinds, labels,
 * segments).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../../core/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
void fuzz_cleanup(void);

static int fd = -1;
static char mem_path[64];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config cfg;
	struct herr err;

	if (fd < 0) {
		fd = memfd_create("hearth-config", 0);
		if (fd < 0)
			abort();
		snprintf(mem_path, sizeof mem_path, "/proc/self/fd/%d", fd);
	}
	if (ftruncate(fd, 0) != 0 ||
	    (size && pwrite(fd, data, size, 0) != (ssize_t)size))
		abort();
	config_init(&cfg);
	if (config_load(&cfg, mem_path, true, &err) == HE_OK)
		for (size_t i = 0; i < cfg.n_kinds; i++) {
			const struct kind *k = &cfg.kinds[i];
			(void)config_kind_label(&cfg, k->key);
			for (size_t j = 0; j < k->segments.n; j++)
				(void)kind_segment(k, j);
		}
	config_free(&cfg);
	return 0;
}

void fuzz_cleanup(void)
{
	if (fd >= 0)
		close(fd);
	fd = -1;
}
