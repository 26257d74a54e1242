/* libFuzzer target for the check output parser (src/exec/exec_output.c): any bytes must give
 * lines that are C strings within the caps, with no NUL, control byte or invalid UTF-8 left.
 * The first byte chooses the line cap, the second the line length cap. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exec/exec_output.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(c)                                                                                   \
        do {                                                                                       \
                if (!(c)) {                                                                        \
                        fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, #c);                    \
                        abort();                                                                   \
                }                                                                                  \
        } while (0)

/* A strict UTF-8 check written independently of the parser's. */
static size_t valid_at(const unsigned char *p, size_t n)
{
        if (p[0] < 0x80)
                return (p[0] >= 0x20 && p[0] != 0x7f) || p[0] == '\t' ? 1 : 0;
        size_t len = p[0] >= 0xf0 ? 4 : p[0] >= 0xe0 ? 3 : p[0] >= 0xc0 ? 2 : 0;
        if (!len || len > n)
                return 0;
        uint32_t cp = p[0] & (0x7f >> len);
        for (size_t i = 1; i < len; i++) {
                if ((p[i] & 0xc0) != 0x80)
                        return 0;
                cp = cp << 6 | (p[i] & 0x3f);
        }
        static const uint32_t min[5] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < min[len] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
                return 0;
        return len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        if (size < 2)
                return 0;
        struct exec_output_caps caps = {(size_t)data[0] % 50 + 1, (size_t)data[1] + 1};
        const char *text = (const char *)data + 2;
        size_t len = size - 2;
        struct exec_output *o = NULL;
        if (exec_output_parse(text, len, &caps, &o) < 0)
                return 0;
        CHECK(o->n_lines <= caps.max_lines);
        size_t max = caps.max_line_bytes < EXEC_LINE_MAX ? caps.max_line_bytes : EXEC_LINE_MAX;
        for (size_t i = 0; i < o->n_lines; i++) {
                const unsigned char *l = (const unsigned char *)o->lines[i];
                size_t n = strlen(o->lines[i]);
                CHECK(n <= max);
                for (size_t k = 0; k < n;) {
                        size_t s = valid_at(l + k, n - k);
                        CHECK(s > 0);
                        k += s;
                }
        }
        /* No line is invented: at most one more line than there are newlines. */
        size_t nl = 0;
        for (size_t i = 0; i < len; i++)
                nl += text[i] == '\n';
        CHECK(o->n_lines <= nl + 1);
        exec_output_free(o);
        return 0;
}
