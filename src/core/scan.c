/* Text scanning over caller bytes (see scan.h): lines, tokens, fields, literals and numbers
 * for the pure parsers. Never reads outside p[0..n) and never calls a str* function on input,
 * since input is not NUL-terminated. */
#include "core/scan.h"

#include <errno.h>
#include <string.h>

/* memcmp()/memchr()/memcpy() with a NULL pointer, and NULL + 0, are undefined, and an empty
 * span may have p == NULL: every such use goes through a length check first. */
static bool bytes_eq(const char *a, const char *b, size_t n)
{
        return n == 0 || memcmp(a, b, n) == 0;
}

static void advance(struct scan_span *s, size_t k)
{
        if (k == 0)
                return;
        s->p += k;
        s->n -= k;
}

bool scan_is_blank(char c)
{
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

bool scan_is_digit(char c)
{
        return c >= '0' && c <= '9';
}

bool scan_next_line(struct scan_span *s, struct scan_span *ret_line)
{
        struct scan_span line;
        size_t eol;

        if (s->n == 0)
                return false;
        line.p = s->p;
        if (scan_find(*s, '\n', &eol)) {
                line.n = eol;
                advance(s, eol + 1);
        } else {
                line.n = s->n;
                advance(s, s->n);
        }
        if (line.n > 0 && line.p[line.n - 1] == '\r')
                line.n--;
        *ret_line = line;
        return true;
}

bool scan_next_token(struct scan_span *s, struct scan_span *ret_tok)
{
        size_t i = 0, start;

        while (i < s->n && scan_is_blank(s->p[i]))
                i++;
        if (i == s->n)
                return false;
        start = i;
        while (i < s->n && !scan_is_blank(s->p[i]))
                i++;
        ret_tok->p = s->p + start;
        ret_tok->n = i - start;
        advance(s, i);
        return true;
}

bool scan_next_field(struct scan_span *s, char sep, struct scan_span *ret_field)
{
        size_t off;

        if (s->p == NULL)
                return false;
        ret_field->p = s->p;
        if (scan_find(*s, sep, &off)) {
                ret_field->n = off;
                advance(s, off + 1);
        } else {
                /* the last field: mark the cursor done so that "a\t" yields its empty field
                 * exactly once */
                ret_field->n = s->n;
                s->p = NULL;
                s->n = 0;
        }
        return true;
}

bool scan_split(struct scan_span s, char sep, struct scan_span *ret_key,
                struct scan_span *ret_value)
{
        size_t off;

        if (!scan_find(s, sep, &off))
                return false;
        *ret_key = scan_trim((struct scan_span){s.p, off});
        *ret_value = scan_trim((struct scan_span){s.p + off + 1, s.n - off - 1});
        return true;
}

struct scan_span scan_trim(struct scan_span s)
{
        while (s.n > 0 && scan_is_blank(s.p[0]))
                advance(&s, 1);
        while (s.n > 0 && scan_is_blank(s.p[s.n - 1]))
                s.n--;
        return s;
}

bool scan_eq(struct scan_span s, const char *lit)
{
        size_t l = strlen(lit);

        return s.n == l && bytes_eq(s.p, lit, l);
}

bool scan_starts_with(struct scan_span s, const char *lit)
{
        size_t l = strlen(lit);

        return s.n >= l && bytes_eq(s.p, lit, l);
}

bool scan_ends_with(struct scan_span s, const char *lit)
{
        size_t l = strlen(lit);

        if (s.n < l)
                return false;
        return l == 0 || bytes_eq(s.p + (s.n - l), lit, l);
}

bool scan_take_char(struct scan_span *s, char c)
{
        if (s->n == 0 || s->p[0] != c)
                return false;
        advance(s, 1);
        return true;
}

bool scan_take_prefix(struct scan_span *s, const char *lit)
{
        if (!scan_starts_with(*s, lit))
                return false;
        advance(s, strlen(lit));
        return true;
}

bool scan_strip_suffix(struct scan_span *s, const char *lit)
{
        if (!scan_ends_with(*s, lit))
                return false;
        s->n -= strlen(lit);
        return true;
}

bool scan_find(struct scan_span s, char c, size_t *ret_off)
{
        const char *hit = s.n > 0 ? memchr(s.p, c, s.n) : NULL;

        if (!hit)
                return false;
        if (ret_off)
                *ret_off = (size_t)(hit - s.p);
        return true;
}

bool scan_has_nul(struct scan_span s)
{
        return scan_find(s, '\0', NULL);
}

bool scan_copy(struct scan_span s, char *out, size_t outsz)
{
        size_t k;

        if (outsz == 0)
                return false;
        k = s.n < outsz - 1 ? s.n : outsz - 1;
        if (k > 0)
                memcpy(out, s.p, k);
        out[k] = '\0';
        return k == s.n;
}

/* ---- numbers -------------------------------------------------------------------------------- */

/* Leading decimal digits of s as a magnitude no larger than max; *ret_used = digits read. */
static int digits_u64(struct scan_span s, uint64_t max, uint64_t *ret, size_t *ret_used)
{
        uint64_t v = 0;
        size_t i = 0;

        while (i < s.n && scan_is_digit(s.p[i])) {
                unsigned d = (unsigned)(s.p[i] - '0');

                if (v > (max - d) / 10)
                        return -ERANGE;
                v = v * 10 + d;
                i++;
        }
        if (i == 0)
                return -EINVAL;
        *ret = v;
        *ret_used = i;
        return 0;
}

int scan_take_u64(struct scan_span *s, uint64_t *ret)
{
        uint64_t v;
        size_t used;
        int r = digits_u64(*s, UINT64_MAX, &v, &used);

        if (r < 0)
                return r;
        advance(s, used);
        *ret = v;
        return 0;
}

int scan_take_i64(struct scan_span *s, int64_t *ret)
{
        struct scan_span t = *s;
        bool neg = false;
        uint64_t mag;
        size_t used;
        int r;

        if (scan_take_char(&t, '-'))
                neg = true;
        else
                (void)scan_take_char(&t, '+');
        /* INT64_MIN's magnitude is one more than INT64_MAX's */
        r = digits_u64(t, neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX, &mag, &used);
        if (r < 0)
                return r;
        advance(&t, used);
        *s = t;
        if (neg)
                *ret = mag == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)mag;
        else
                *ret = (int64_t)mag;
        return 0;
}

int scan_take_fixed(struct scan_span *s, unsigned frac_digits, uint64_t *ret)
{
        struct scan_span t = *s;
        uint64_t whole, frac = 0, scale = 1;
        size_t used;
        unsigned k = 0;
        int r;

        if (frac_digits > 19) /* 10^20 does not fit in 64 bits */
                return -EINVAL;
        for (unsigned i = 0; i < frac_digits; i++)
                scale *= 10;
        r = digits_u64(t, UINT64_MAX, &whole, &used);
        if (r < 0)
                return r;
        advance(&t, used);
        if (scan_take_char(&t, '.')) {
                if (t.n == 0 || !scan_is_digit(t.p[0]))
                        return -EINVAL;
                for (; t.n > 0 && scan_is_digit(t.p[0]); advance(&t, 1), k++)
                        if (k < frac_digits)
                                frac = frac * 10 + (uint64_t)(t.p[0] - '0');
        }
        for (; k < frac_digits; k++) /* "37.4" with 2 decimals is 37.40 */
                frac *= 10;
        if (whole > (UINT64_MAX - frac) / scale)
                return -ERANGE;
        *s = t;
        *ret = whole * scale + frac;
        return 0;
}

static int hex_digit(char c)
{
        if (c >= '0' && c <= '9')
                return c - '0';
        if (c >= 'a' && c <= 'f')
                return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
                return c - 'A' + 10;
        return -1;
}

int scan_take_hex(struct scan_span *s, uint64_t *ret)
{
        struct scan_span t = *s;
        uint64_t v = 0;
        size_t i = 0;
        int d;

        if (!scan_take_prefix(&t, "0x"))
                (void)scan_take_prefix(&t, "0X");
        for (; i < t.n && (d = hex_digit(t.p[i])) >= 0; i++) {
                if (v > (UINT64_MAX >> 4))
                        return -ERANGE;
                v = (v << 4) | (uint64_t)d;
        }
        if (i == 0)
                return -EINVAL;
        advance(&t, i);
        *s = t;
        *ret = v;
        return 0;
}

/* The whole-span forms: the number must use every byte. */
int scan_u64(struct scan_span s, uint64_t *ret)
{
        uint64_t v;
        int r = scan_take_u64(&s, &v);

        if (r < 0)
                return r;
        if (s.n != 0)
                return -EINVAL;
        *ret = v;
        return 0;
}

int scan_i64(struct scan_span s, int64_t *ret)
{
        int64_t v;
        int r = scan_take_i64(&s, &v);

        if (r < 0)
                return r;
        if (s.n != 0)
                return -EINVAL;
        *ret = v;
        return 0;
}

int scan_fixed(struct scan_span s, unsigned frac_digits, uint64_t *ret)
{
        uint64_t v;
        int r = scan_take_fixed(&s, frac_digits, &v);

        if (r < 0)
                return r;
        if (s.n != 0)
                return -EINVAL;
        *ret = v;
        return 0;
}

int scan_hex(struct scan_span s, uint64_t *ret)
{
        uint64_t v;
        int r = scan_take_hex(&s, &v);

        if (r < 0)
                return r;
        if (s.n != 0)
                return -EINVAL;
        *ret = v;
        return 0;
}
