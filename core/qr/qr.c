/* qr.c - encoding with libqrencode, and the symbol as PNG or half-blocks. */
#include "qr.h"

#include <cairo.h>
#include <errno.h>
#include <qrencode.h>
#include <stdlib.h>
#include <string.h>

#include "../i18n.h"

/* The ECI designator of UTF-8 (AIM ECI specification). */
#define ECI_UTF8 26

static bool plain_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return false;
	return true;
}

static QRcode *encode(const char *text, bool eci)
{
	QRinput *in = QRinput_new2(0, QR_ECLEVEL_M);
	QRcode *code = NULL;

	if (!in)
		return NULL;
	if ((!eci || plain_ascii(text) ||
	     QRinput_appendECIheader(in, ECI_UTF8) == 0) &&
	    QRinput_append(in, QR_MODE_8, (int)strlen(text),
			   (const unsigned char *)text) == 0)
		code = QRcode_encodeInput(in);
	QRinput_free(in);
	return code;
}

int qr_encode(const char *text, bool eci, struct qr *out, struct herr *err)
{
	QRcode *code;
	size_t n;

	memset(out, 0, sizeof *out);
	errno = 0;
	if (!*text)
		return herr_set(err, HE_USER, _("nothing to put in a QR code"));
	if (!(code = encode(text, eci))) {
		if (errno == ERANGE || errno == EINVAL)
			return herr_set(err, HE_USER, _("the text is too long for a "
					"QR code (%zu bytes)"), strlen(text));
		return herr_set(err, HE_INTERNAL, _("cannot make a QR code: %s"),
				strerror(errno ? errno : ENOMEM));
	}
	out->width = code->width;
	n = (size_t)code->width * (size_t)code->width;
	out->dark = xmalloc(n);
	/* libqrencode's bit 0 of each byte is the module's colour. */
	for (size_t i = 0; i < n; i++)
		out->dark[i] = code->data[i] & 1;
	QRcode_free(code);
	return HE_OK;
}

void qr_free(struct qr *q)
{
	free(q->dark);
	memset(q, 0, sizeof *q);
}

int qr_side(const struct qr *q)
{
	return q->width + 2 * QR_QUIET;
}

bool qr_module(const struct qr *q, int x, int y)
{
	x -= QR_QUIET;
	y -= QR_QUIET;
	if (x < 0 || y < 0 || x >= q->width || y >= q->width)
		return false;
	return q->dark[(size_t)y * (size_t)q->width + (size_t)x];
}

static cairo_status_t png_write(void *closure, const unsigned char *data,
				unsigned int length)
{
	sbuf_addn(closure, (const char *)data, length);
	return CAIRO_STATUS_SUCCESS;
}

int qr_png(const struct qr *q, int scale, struct sbuf *out, struct herr *err)
{
	int side = qr_side(q) * scale;
	cairo_surface_t *s;
	unsigned char *px;
	int stride;
	cairo_status_t st;

	if (scale < 1 || side > 16384)
		return herr_set(err, HE_USER, _("a QR code of %d pixels is too "
				"large"), side);
	/* One byte a pixel: a grey PNG, a fraction of an RGB one's size. */
	s = cairo_image_surface_create(CAIRO_FORMAT_A8, side, side);
	if ((st = cairo_surface_status(s)) != CAIRO_STATUS_SUCCESS)
		goto fail;
	cairo_surface_flush(s);
	px = cairo_image_surface_get_data(s);
	stride = cairo_image_surface_get_stride(s);
	/* cairo writes A8 as grey where full coverage is white. */
	for (int y = 0; y < side; y++)
		for (int x = 0; x < side; x++)
			px[(size_t)y * (size_t)stride + (size_t)x] =
				qr_module(q, x / scale, y / scale) ? 0 : 0xFF;
	cairo_surface_mark_dirty(s);
	st = cairo_surface_write_to_png_stream(s, png_write, out);
fail:
	cairo_surface_destroy(s);
	if (st != CAIRO_STATUS_SUCCESS)
		return herr_set(err, HE_INTERNAL, _("cannot make a PNG: %s"),
				cairo_status_to_string(st));
	return HE_OK;
}

int qr_rows(const struct qr *q)
{
	return (qr_side(q) + 1) / 2;
}

void qr_halfblocks(const struct qr *q, struct strv *lines)
{
	/* Indexed by (upper dark) | (lower dark) << 1. */
	static const char *const cell[] = { " ", "▀", "▄", "█" };
	int side = qr_side(q);
	struct sbuf line = { 0 };

	for (int y = 0; y < side; y += 2) {
		sbuf_add(&line, "");
		for (int x = 0; x < side; x++)
			sbuf_add(&line, cell[qr_module(q, x, y) |
					     qr_module(q, x, y + 1) << 1]);
		strv_add(lines, sbuf_str(&line));
		line.len = 0;
	}
	sbuf_free(&line);
}
