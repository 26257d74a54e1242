/* libFuzzer target for core/scan, the scanner under every parser: each function runs over the
 * input and must keep its results inside it, move cursors only forward, and parse numbers that
 * print back to the same value. The first two bytes choose the field separator and the number
 * of decimals (see tests/fixtures/scan/README.md). */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/scan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(c)                                                                                   \
        do {                                                                                       \
                if (!(c)) {                                                                        \
                        fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, #c);                    \
                        abort();                                                                   \
                }                                                                                  \
        } while (0)

/* Addresses as integers: spans may be {NULL, 0}, and NULL + 0 is undefined in C. */
static uintptr_t lo(struct scan_span s)
{
        return (uintptr_t)s.p;
}

static uintptr_t hi(struct scan_span s)
{
        return (uintptr_t)s.p + s.n;
}

/* sub lies within whole (an empty sub may point anywhere in or just past whole, or be NULL). */
static int inside(struct scan_span sub, struct scan_span whole)
{
        if (sub.n == 0 && sub.p == NULL)
                return 1;
        return lo(sub) >= lo(whole) && hi(sub) <= hi(whole);
}

/* after is what is left of before once something was consumed from its front. */
static int forward(struct scan_span after, struct scan_span before)
{
        if (after.p == NULL)
                return after.n == 0;
        return lo(after) >= lo(before) && hi(after) == hi(before);
}

static int same(struct scan_span a, struct scan_span b)
{
        return a.p == b.p && a.n == b.n;
}

static size_t count_byte(struct scan_span s, char c)
{
        size_t k = 0;

        for (size_t i = 0; i < s.n; i++)
                k += s.p[i] == c;
        return k;
}

static void check_lines(struct scan_span in)
{
        struct scan_span s = in, prev = in, l;
        size_t lines = 0;

        while (scan_next_line(&s, &l)) {
                CHECK(inside(l, in) && forward(s, prev) && s.n < prev.n);
                struct scan_span gap = {l.p + l.n, (size_t)(lo(s) - hi(l))};
                bool cr_last = l.n > 0 && l.p[l.n - 1] == '\r';

                CHECK(l.p == prev.p && !scan_find(l, '\n', NULL));
                /* what lies between the line and the cursor is its line end, nothing more */
                if (s.n == 0 && scan_eq(gap, "")) /* last line, no newline, no '\r' */
                        CHECK(!cr_last);
                else if (scan_eq(gap, "\n"))
                        CHECK(!cr_last);
                else
                        CHECK(scan_eq(gap, "\r\n") || (s.n == 0 && scan_eq(gap, "\r")));
                prev = s;
                lines++;
        }
        CHECK(s.n == 0);
        CHECK(lines == count_byte(in, '\n') + (in.n > 0 && in.p[in.n - 1] != '\n'));
}

static void check_tokens(struct scan_span in)
{
        struct scan_span s = in, prev = in, t;

        while (scan_next_token(&s, &t)) {
                CHECK(inside(t, in) && forward(s, prev) && t.n > 0);
                CHECK(t.p + t.n == s.p); /* the cursor stops right after the token */
                for (size_t i = 0; i < t.n; i++)
                        CHECK(!scan_is_blank(t.p[i]));
                prev = s;
        }
        CHECK(same(s, prev));
        CHECK(scan_trim(s).n == 0);
}

static void check_fields(struct scan_span in, char sep)
{
        struct scan_span s = in, prev = in, f;
        size_t fields = 0;

        if (in.p == NULL)
                return;
        while (scan_next_field(&s, sep, &f)) {
                CHECK(inside(f, in) && forward(s, prev) && f.p == prev.p);
                CHECK(!scan_find(f, sep, NULL));
                prev = s;
                fields++;
        }
        CHECK(s.p == NULL && s.n == 0);
        CHECK(fields == count_byte(in, sep) + 1);
}

static void check_split_trim(struct scan_span in, char sep)
{
        struct scan_span t = scan_trim(in), k = {NULL, 0}, v = {NULL, 0};
        size_t off;

        CHECK(inside(t, in));
        CHECK(t.n == 0 || (!scan_is_blank(t.p[0]) && !scan_is_blank(t.p[t.n - 1])));
        if (scan_split(in, sep, &k, &v)) {
                CHECK(scan_find(in, sep, &off));
                CHECK(inside(k, in) && inside(v, in));
                CHECK(k.p + k.n <= in.p + off && (v.n == 0 || v.p > in.p + off));
                CHECK(same(k, scan_trim(k)) && same(v, scan_trim(v)));
        } else {
                CHECK(!scan_find(in, sep, NULL) && k.p == NULL && v.p == NULL);
        }
        if (scan_find(in, sep, &off)) {
                CHECK(off < in.n && in.p[off] == sep);
                CHECK(!scan_find((struct scan_span){in.p, off}, sep, NULL));
        }
        CHECK(scan_has_nul(in) == (in.n > 0 && memchr(in.p, '\0', in.n) != NULL));
}

/* Literals come from the input itself, cut at its first NUL. */
static void check_literals(struct scan_span in)
{
        char lit[64];
        size_t l = in.n < sizeof(lit) - 1 ? in.n : sizeof(lit) - 1;
        struct scan_span s;
        char c = in.n > 0 ? in.p[0] : 'x';

        memcpy(lit, in.p ? in.p : "", l);
        lit[l] = '\0';
        l = strlen(lit);
        CHECK(scan_starts_with(in, lit));
        CHECK(scan_eq(in, lit) == (in.n == l));
        CHECK(scan_ends_with(in, lit) ==
              (l == 0 || (in.n >= l && memcmp(in.p + in.n - l, lit, l) == 0)));
        s = in;
        CHECK(scan_take_prefix(&s, lit) && forward(s, in) && s.n == in.n - l);
        s = in;
        if (scan_strip_suffix(&s, lit))
                CHECK(s.p == in.p && s.n == in.n - l);
        else
                CHECK(same(s, in));
        s = in;
        if (scan_take_char(&s, c))
                CHECK(in.n > 0 && forward(s, in) && s.n == in.n - 1);
        else
                CHECK(same(s, in) && in.n == 0);

        /* copy: always a C string, a prefix of the input, reports cutting */
        for (size_t outsz = 0; outsz < 5; outsz++) {
                char out[5] = "zzzz";
                bool whole = scan_copy(in, out, outsz);

                if (outsz == 0) {
                        CHECK(!whole && out[0] == 'z');
                        continue;
                }
                CHECK(whole == (in.n < outsz));
                CHECK(memcmp(out, in.p ? in.p : "", in.n < outsz ? in.n : outsz - 1) == 0);
                CHECK(out[in.n < outsz ? in.n : outsz - 1] == '\0');
        }
}

/* Walks the input: parse a number where possible (then check it), else skip a byte. */
static void check_numbers(struct scan_span in, unsigned frac)
{
        struct scan_span s = in;
        char txt[64], digits[32];

        while (s.n > 0) {
                struct scan_span before = s, t = s, u;
                uint64_t v = 7, w = 0;
                int64_t i = 7, j = 0;
                int r;

                r = scan_take_u64(&t, &v);
                CHECK(r == 0 || r == -EINVAL || r == -ERANGE);
                if (r == 0) {
                        size_t used = before.n - t.n, z = 0;

                        CHECK(forward(t, before) && used > 0);
                        snprintf(txt, sizeof(txt), "%" PRIu64, v);
                        CHECK(scan_u64((struct scan_span){txt, strlen(txt)}, &w) == 0 && w == v);
                        /* the consumed digits, less leading zeros, are what printf prints */
                        while (z + 1 < used && before.p[z] == '0')
                                z++;
                        CHECK(scan_eq((struct scan_span){before.p + z, used - z}, txt));
                        CHECK(t.n == 0 || !scan_is_digit(t.p[0]));
                        if (used < sizeof(digits)) {
                                memcpy(digits, before.p, used);
                                digits[used] = '\0';
                                CHECK(strtoull(digits, NULL, 10) == v);
                        }
                } else {
                        CHECK(same(t, before) && v == 7);
                }

                t = before;
                r = scan_take_i64(&t, &i);
                CHECK(r == 0 || r == -EINVAL || r == -ERANGE);
                if (r == 0) {
                        CHECK(forward(t, before) && t.n < before.n);
                        size_t used = before.n - t.n;

                        snprintf(txt, sizeof(txt), "%" PRId64, i);
                        CHECK(scan_i64((struct scan_span){txt, strlen(txt)}, &j) == 0 && j == i);
                        if (used < sizeof(digits)) { /* libc agrees on what was consumed */
                                char *end;

                                memcpy(digits, before.p, used);
                                digits[used] = '\0';
                                CHECK(strtoll(digits, &end, 10) == i && *end == '\0');
                        }
                } else {
                        CHECK(same(t, before) && i == 7);
                }

                t = before;
                v = 7;
                r = scan_take_fixed(&t, frac, &v);
                CHECK(r == 0 || r == -EINVAL || r == -ERANGE);
                if (r == 0) {
                        uint64_t scale = 1;

                        CHECK(frac <= 19 && forward(t, before) && t.n < before.n);
                        for (unsigned k = 0; k < frac; k++)
                                scale *= 10;
                        if (frac == 0)
                                snprintf(txt, sizeof(txt), "%" PRIu64, v);
                        else
                                snprintf(txt, sizeof(txt), "%" PRIu64 ".%0*" PRIu64, v / scale,
                                         (int)frac, v % scale);
                        CHECK(scan_fixed((struct scan_span){txt, strlen(txt)}, frac, &w) == 0 &&
                              w == v);
                        /* the parts: whole digits as a u64, then the first frac decimals */
                        u = before;
                        CHECK(scan_take_u64(&u, &w) == 0 && w == v / scale);
                        w = 0;
                        if (scan_take_char(&u, '.')) {
                                size_t d = 0;

                                while (d < u.n && scan_is_digit(u.p[d]))
                                        d++;
                                for (unsigned k = 0; k < frac; k++)
                                        w = w * 10 + (k < d ? (uint64_t)(u.p[k] - '0') : 0);
                        }
                        CHECK(w == v % scale);
                } else {
                        CHECK(same(t, before) && v == 7);
                }

                t = before;
                v = 7;
                r = scan_take_hex(&t, &v);
                CHECK(r == 0 || r == -EINVAL || r == -ERANGE);
                if (r == 0) {
                        CHECK(forward(t, before) && t.n < before.n);
                        struct scan_span dig = before;
                        size_t z = 0;

                        snprintf(txt, sizeof(txt), "0x%" PRIx64, v);
                        CHECK(scan_hex((struct scan_span){txt, strlen(txt)}, &w) == 0 && w == v);
                        /* the consumed digits, less leading zeros, are what printf prints */
                        if (!scan_take_prefix(&dig, "0x"))
                                (void)scan_take_prefix(&dig, "0X");
                        dig.n -= t.n;
                        while (z + 1 < dig.n && dig.p[z] == '0')
                                z++;
                        CHECK(dig.n - z == strlen(txt + 2));
                        for (size_t k = z; k < dig.n; k++)
                                CHECK((dig.p[k] | 0x20) == txt[2 + k - z]);
                } else {
                        CHECK(same(t, before) && v == 7);
                }

                /* whole forms agree with take forms on the rest of the input */
                u = before;
                if (scan_u64(before, &w) == 0)
                        CHECK(scan_take_u64(&u, &v) == 0 && u.n == 0 && v == w);

                t = before;
                if (scan_take_u64(&t, &v) == 0 || scan_take_hex(&t, &v) == 0)
                        s = t;
                else
                        s = (struct scan_span){s.p + 1, s.n - 1};
                CHECK(forward(s, before) && s.n < before.n);
        }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct scan_span in;
        char sep = '\t';
        unsigned frac = 2;

        if (size >= 2) {
                /* a digit is read as such, so seed files stay readable; any other byte maps
                 * to 0..20, and 20 is out of range: -EINVAL, never a crash */
                sep = (char)data[0];
                frac = scan_is_digit((char)data[1]) ? (unsigned)(data[1] - '0') : data[1] % 21u;
                data += 2;
                size -= 2;
        }
        in = (struct scan_span){size ? (const char *)data : NULL, size};
        check_lines(in);
        check_tokens(in);
        check_fields(in, sep);
        if (data)
                check_fields((struct scan_span){(const char *)data, size}, sep);
        check_split_trim(in, sep);
        check_literals(in);
        check_numbers(in, frac);
        return 0;
}
