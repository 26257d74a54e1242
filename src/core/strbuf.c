/* Bounded appends into a fixed buffer (see strbuf.h): vsnprintf() into the space left, with the
 * length and a truncation mark kept beside the text so callers need not re-measure it. */
#include "core/strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void strbuf_init(struct strbuf *sb, char *buf, size_t cap)
{
        sb->buf = buf;
        sb->cap = buf ? cap : 0;
        sb->len = 0;
        sb->truncated = false;
        if (sb->cap > 0)
                buf[0] = '\0';
}

static void vappend(struct strbuf *sb, const char *fmt, va_list ap)
{
        size_t room;
        int n;

        if (sb->cap == 0) {
                /* nothing can be written: only find out whether the text was empty */
                n = vsnprintf(NULL, 0, fmt, ap);
                if (n != 0)
                        sb->truncated = true;
                return;
        }
        room = sb->cap - sb->len; /* >= 1: the NUL always has its place */
        n = vsnprintf(sb->buf + sb->len, room, fmt, ap);
        if (n < 0) {
                /* an encoding error: keep the text as it was */
                sb->buf[sb->len] = '\0';
                sb->truncated = true;
                return;
        }
        if ((size_t)n >= room) {
                sb->len = sb->cap - 1;
                sb->truncated = true;
        } else {
                sb->len += (size_t)n;
        }
}

void strbuf_appendf(struct strbuf *sb, const char *fmt, ...)
{
        va_list ap;

        va_start(ap, fmt);
        vappend(sb, fmt, ap);
        va_end(ap);
}

void strbuf_append_sep(struct strbuf *sb, const char *sep, const char *fmt, ...)
{
        va_list ap;

        if (sb->len > 0)
                strbuf_appendf(sb, "%s", sep);
        va_start(ap, fmt);
        vappend(sb, fmt, ap);
        va_end(ap);
}

size_t strbuf_len(const struct strbuf *sb)
{
        return sb->len;
}

bool strbuf_truncated(const struct strbuf *sb)
{
        return sb->truncated;
}

void strbuf_reset(struct strbuf *sb)
{
        sb->len = 0;
        sb->truncated = false;
        if (sb->cap > 0)
                sb->buf[0] = '\0';
}
