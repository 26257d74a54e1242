/* The check output parser (see exec_output.h): lines, sanitised and capped, for srvhExtOutput and
 * srvhExtOutputTable. Pure. */
#include "exec/exec_output.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/scan.h"

/* Length of the well-formed UTF-8 sequence at p[0..n) (RFC 3629), or 0 when it is not one. */
static size_t utf8_seq(const unsigned char *p, size_t n)
{
        unsigned char c = p[0];
        size_t len;
        uint32_t cp;
        if (c < 0x80)
                return 1;
        if (c >= 0xc2 && c <= 0xdf) {
                len = 2;
                cp = c & 0x1f;
        } else if (c >= 0xe0 && c <= 0xef) {
                len = 3;
                cp = c & 0x0f;
        } else if (c >= 0xf0 && c <= 0xf4) {
                len = 4;
                cp = c & 0x07;
        } else {
                return 0; /* continuation byte, overlong lead 0xc0/0xc1, or 0xf5.. */
        }
        if (n < len)
                return 0;
        for (size_t i = 1; i < len; i++) {
                if ((p[i] & 0xc0) != 0x80)
                        return 0;
                cp = (cp << 6) | (p[i] & 0x3f);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
                return 0; /* overlong, or past Unicode */
        if (cp >= 0xd800 && cp <= 0xdfff)
                return 0; /* a UTF-16 surrogate */
        return len;
}

/* Sanitise one line into out (room for max + 1). Returns the octets written. */
static size_t clean_line(struct scan_span line, char *out, size_t max, bool *cut, size_t *replaced)
{
        const unsigned char *p = (const unsigned char *)line.p;
        size_t i = 0, k = 0;
        while (i < line.n) {
                size_t sl = utf8_seq(p + i, line.n - i);
                bool ok = sl > 0 && !(sl == 1 && ((p[i] < 0x20 && p[i] != '\t') || p[i] == 0x7f));
                size_t take = ok ? sl : 1;
                if (k + take > max) {
                        *cut = true;
                        break;
                }
                if (ok) {
                        memcpy(out + k, p + i, sl);
                } else {
                        out[k] = '?';
                        (*replaced)++;
                }
                k += take;
                i += take;
        }
        out[k] = '\0';
        return k;
}

int exec_output_parse(const char *data, size_t len, const struct exec_output_caps *caps,
                      struct exec_output **ret)
{
        if (!caps || caps->max_lines == 0 || caps->max_line_bytes == 0 || (!data && len))
                return -EINVAL;
        size_t max = caps->max_line_bytes < EXEC_LINE_MAX ? caps->max_line_bytes : EXEC_LINE_MAX;

        /* Count the lines first, so that both arrays are allocated once. */
        struct scan_span s = {data, len}, line;
        size_t n = 0;
        bool dropped = false;
        while (scan_next_line(&s, &line)) {
                if (n == caps->max_lines) {
                        dropped = true;
                        break;
                }
                n++;
        }
        struct exec_output *o = calloc(1, sizeof(*o));
        if (!o)
                return -ENOMEM;
        o->lines = calloc(n ? n : 1, sizeof(*o->lines));
        o->buf = malloc(n * (max + 1) + 1);
        if (!o->lines || !o->buf) {
                exec_output_free(o);
                return -ENOMEM;
        }
        o->truncated = dropped;
        s = (struct scan_span){data, len};
        size_t used = 0;
        for (size_t i = 0; i < n && scan_next_line(&s, &line); i++) {
                bool cut = false;
                size_t w = clean_line(line, o->buf + used, max, &cut, &o->replaced);
                o->lines[i] = o->buf + used;
                used += w + 1;
                o->truncated |= cut;
        }
        o->n_lines = n;
        *ret = o;
        return 0;
}

void exec_output_free(struct exec_output *o)
{
        if (!o)
                return;
        free(o->lines);
        free(o->buf);
        free(o);
}
