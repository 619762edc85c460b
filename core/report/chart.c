/*
 * chart.c - bars and sparklines of block characters: legible in any
 * terminal that shows Chinese, without colour.
 */
#include "report.h"

#include <string.h>

/* U+2581..U+2588: one to eight eighths of a cell's height. */
static const char *const rising[8] = {
	"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█",
};
/* U+258F..U+2589 then U+2588: one to eight eighths of a cell's width. */
static const char *const widening[8] = {
	"▏", "▎", "▍", "▌", "▋", "▊", "▉", "█",
};

char *chart_bar(int64_t value, int64_t max, int width)
{
	struct sbuf b = { 0 };
	int64_t eighths;

	sbuf_add(&b, "");
	if (value <= 0 || max <= 0 || width <= 0)
		return sbuf_take(&b);
	if (value > max)
		value = max;
	/* In eighths of a column, rounded; anything counted shows. */
	eighths = (int64_t)((value * 8.0 * width) / (double)max + 0.5);
	if (eighths < 1)
		eighths = 1;
	for (int64_t i = 0; i < eighths / 8; i++)
		sbuf_add(&b, widening[7]);
	if (eighths % 8)
		sbuf_add(&b, widening[eighths % 8 - 1]);
	return sbuf_take(&b);
}

char *chart_sparkline(const int64_t *values, size_t n)
{
	struct sbuf b = { 0 };
	int64_t max = 0;

	sbuf_add(&b, "");
	for (size_t i = 0; i < n; i++)
		if (values[i] > max)
			max = values[i];
	for (size_t i = 0; i < n; i++) {
		if (values[i] <= 0) {
			sbuf_addc(&b, ' ');
			continue;
		}
		/* 1..8 eighths: the largest is a full block, the least ▁. */
		int level = (int)((values[i] * 7.0) / (double)max + 0.5);
		sbuf_add(&b, rising[level > 7 ? 7 : level]);
	}
	return sbuf_take(&b);
}
