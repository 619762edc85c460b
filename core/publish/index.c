/*
 * index.c - index.html: the published feeds with their links and QR codes,
 * for a rider's phone.
 *
 * The page is in Chinese and English at once, whatever the organiser's
 * language, since the riders who open it read one or the other: its fixed
 * text is therefore written here in both, not translated through the
 * message catalogue. Names from the data (kinds, venues, organisations)
 * are escaped for HTML and cleaned of control and bidi characters. No
 * scripts; QR codes sit in <details> and load lazily, so a page of 250
 * stations stays light on a phone.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../i18n.h"
#include "../text.h"
#include "publish_int.h"

char *publish_qr_name(const char *feed, bool webcal)
{
	return xasprintf("%s-%s.png", feed, webcal ? "webcal" : "https");
}

/* Writes s escaped for HTML text and attribute values. */
static void html(FILE *out, const char *s)
{
	char *clean = text_clean(s, false);

	for (const char *p = clean; *p; p++)
		switch (*p) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&#39;", out); break;
		default: fputc(*p, out); break;
		}
	free(clean);
}

static const char head[] =
"<!DOCTYPE html>\n"
"<html lang=\"zh-CN\">\n"
"<head>\n"
"<meta charset=\"utf-8\">\n"
"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
"<title>活动日历 · Event calendars</title>\n"
"<style>\n"
"body { font-family: sans-serif; max-width: 42em; margin: 0 auto;"
" padding: 0 1em 2em; line-height: 1.6; }\n"
".en { color: #555; }\n"
"li { margin: 0.8em 0; }\n"
"a { display: inline-block; padding: 0.2em 0; }\n"
"img { width: 12em; height: 12em; image-rendering: pixelated; }\n"
"</style>\n"
"</head>\n"
"<body>\n"
"<h1>订阅活动日历<br><span class=\"en\" lang=\"en\">Subscribe to our"
" event calendars</span></h1>\n";

static const char help_links[] =
"<p><b>iPhone：</b>点“订阅”，或用相机扫“订阅”二维码；以后的变动会自动出现在"
"日历里。<br><span class=\"en\" lang=\"en\"><b>iPhone:</b> tap"
" “Subscribe”, or scan its QR code with the camera; later changes then"
" appear in the calendar by themselves.</span></p>\n"
"<p><b>安卓：</b>把“网址”复制到 ICSx⁵ 等日历订阅应用，或在电脑上的 Google"
" 日历里“通过网址添加”（每 8 到 24 小时更新）。直接打开网址只会导入一次，"
"以后的变动不会出现。<br><span class=\"en\" lang=\"en\"><b>Android:</b>"
" copy the “Web address” into a calendar subscription app such as ICSx⁵,"
" or add it to Google Calendar on a computer (“From URL”; it refreshes"
" every 8 to 24 hours). Opening the address directly imports the events"
" once, without later changes.</span></p>\n";

static const char help_relative[] =
"<p>把日历的网址复制到手机日历的订阅功能中。<br><span class=\"en\""
" lang=\"en\">Copy a calendar's address into your phone calendar's"
" subscription feature.</span></p>\n";

static const char *const section_titles[] = {
	[FEED_ALL] = "全部活动 <span class=\"en\" lang=\"en\">All events</span>",
	[FEED_KIND] = "按活动类型 <span class=\"en\" lang=\"en\">By kind of"
		      " event</span>",
	[FEED_VENUE] = "按地点 <span class=\"en\" lang=\"en\">By venue</span>",
	[FEED_ORG] = "按组织 <span class=\"en\" lang=\"en\">By"
		     " organisation</span>",
};

static void qr_image(FILE *out, const struct feed *f, bool webcal)
{
	char *png = publish_qr_name(f->name, webcal);

	fputs("<img loading=\"lazy\" src=\"", out);
	html(out, png);
	fprintf(out, "\" alt=\"%s\">", webcal ? "QR webcal" : "QR https");
	free(png);
}

static void feed_item(FILE *out, const struct feed *f, const char *base)
{
	fputs("<li><b>", out);
	html(out, f->title);
	fputs("</b><br>\n", out);
	if (base) {
		char *webcal = publish_feed_url(base, f->name, true);
		char *https = publish_feed_url(base, f->name, false);
		fputs("<a href=\"", out);
		html(out, webcal);
		fputs("\">订阅 <span lang=\"en\">Subscribe</span></a> ·\n"
		      "<a href=\"", out);
		html(out, https);
		fputs("\">网址 <span lang=\"en\">Web address</span></a>\n"
		      "<details><summary>二维码 <span lang=\"en\">QR codes</span>"
		      "</summary>\n", out);
		qr_image(out, f, true);
		fputs(" ", out);
		qr_image(out, f, false);
		fputs("\n</details>", out);
		free(webcal);
		free(https);
	} else {
		fputs("<a href=\"", out);
		html(out, f->name);
		fputs(".ics\">", out);
		html(out, f->name);
		fputs(".ics</a>", out);
	}
	fputs("</li>\n", out);
}

int publish_index(FILE *out, const struct feeds *f, const char *base_url,
		  struct herr *err)
{
	fputs(head, out);
	fputs(base_url ? help_links : help_relative, out);
	for (int type = FEED_ALL; type <= FEED_ORG; type++) {
		bool open = false;
		for (size_t i = 0; i < f->n; i++) {
			if (f->v[i].type != (enum feed_type)type)
				continue;
			if (!open)
				fprintf(out, "<h2>%s</h2>\n<ul>\n",
					section_titles[type]);
			open = true;
			feed_item(out, &f->v[i], base_url);
		}
		if (open)
			fputs("</ul>\n", out);
	}
	fputs("</body>\n</html>\n", out);
	if (ferror(out))
		return herr_set(err, HE_INTERNAL, _("cannot write: %s"),
				strerror(errno));
	return HE_OK;
}
