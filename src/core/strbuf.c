#include "core/strbuf.h"

#include <stdarg.h>
#include <stdio.h>

void strbuf_init(struct strbuf *sb, char *buf, size_t cap)
{
        sb->buf = buf;
        sb->cap = cap;
        sb->len = 0;
        sb->truncated = false;
        if (cap)
                buf[0] = '\0';
}

void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
        if (sb->cap == 0 || sb->len + 1 >= sb->cap) {
                sb->truncated = true;
                return;
        }
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(sb->buf + sb->len, sb->cap - sb->len, fmt, ap);
        va_end(ap);
        if (n < 0)
                return;
        if ((size_t)n >= sb->cap - sb->len) {
                sb->len = sb->cap - 1;
                sb->truncated = true;
        } else {
                sb->len += (size_t)n;
        }
}
