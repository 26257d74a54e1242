/* Bounded string building over a caller's fixed buffer (placeholder until the scan branch lands). */
#ifndef SRVH_STRBUF_H
#define SRVH_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

struct strbuf {
        char *buf;
        size_t cap, len;
        bool truncated;
};

void strbuf_init(struct strbuf *sb, char *buf, size_t cap);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
