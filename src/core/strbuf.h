/* Bounded string building in a caller's fixed char buffer: summaries, member state lists,
 * error texts for the MIB's one-line columns. Never overflows, always NUL-terminated, and
 * remembers whether anything was cut. Pure: no allocation, no I/O. */
#ifndef SRVH_CORE_STRBUF_H
#define SRVH_CORE_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

/* Owner: the caller owns buf; a strbuf only points into it and needs no cleanup. */
struct strbuf {
        char *buf;      /* the caller's buffer, always a C string when cap > 0 */
        size_t cap;     /* its size, the NUL included */
        size_t len;     /* strlen(buf) */
        bool truncated; /* some append did not fit entirely */
};

/* Starts an empty string in buf[cap]. cap 0 (buf may then be NULL) is allowed: every non-empty
 * append is then truncated. */
void strbuf_init(struct strbuf *sb, char *buf, size_t cap);

/* Appends printf-style text. What does not fit is cut at the end of the buffer, as snprintf()
 * cuts, and sb->truncated is set; once full, later appends add nothing and set it again. */
void strbuf_appendf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The same, with sep written first unless the string is still empty: lists such as
 * "in_sync,write_mostly" or "a; b". An empty appended text still writes sep. */
void strbuf_append_sep(struct strbuf *sb, const char *sep, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

size_t strbuf_len(const struct strbuf *sb);
bool strbuf_truncated(const struct strbuf *sb);

/* Empties the string and clears the truncation mark; the buffer is kept. */
void strbuf_reset(struct strbuf *sb);

#endif
