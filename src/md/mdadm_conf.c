/* The ARRAY lines of mdadm.conf (see md_parse.h): which arrays this host should have and how many
 * spares each, as mdadm --monitor reads them. Pure: bytes in, struct out. Feeds the expected rows
 * of srvhRaidArrayTable (md_model.c). */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/scan.h"
#include "md/md_parse.h"

#define WORDS_MAX 64 /* words of one entry kept; more are ignored */

static char lower(char c)
{
        return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* The word is kw or its abbreviation of at least three letters, in any case. */
static bool keyword_is(struct scan_span w, const char *kw)
{
        size_t n = strlen(kw);
        if (w.n < 3 || w.n > n)
                return false;
        for (size_t i = 0; i < w.n; i++)
                if (lower(w.p[i]) != kw[i])
                        return false;
        return true;
}

/* "key=value" with key (case-insensitive) equal to k: the value in *ret. */
static bool key_value(struct scan_span w, const char *k, struct scan_span *ret)
{
        size_t n = strlen(k);
        if (w.n <= n || w.p[n] != '=')
                return false;
        for (size_t i = 0; i < n; i++)
                if (lower(w.p[i]) != k[i])
                        return false;
        *ret = (struct scan_span){w.p + n + 1, w.n - n - 1};
        return true;
}

/* mdadm writes UUIDs as four groups of 8 hex digits joined by ':'; other tools use '-', '.' or
 * ' '. 32 hex digits in all, any separators between them. */
static bool read_uuid(struct scan_span v, char out[MDADM_UUID_LEN + 1])
{
        size_t k = 0;
        for (size_t i = 0; i < v.n; i++) {
                char c = lower(v.p[i]);
                if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) {
                        if (k == MDADM_UUID_LEN)
                                return false;
                        out[k++] = c;
                } else if (c != ':' && c != '-' && c != '.') {
                        return false;
                }
        }
        out[k] = '\0';
        return k == MDADM_UUID_LEN;
}

/* One ARRAY entry (the keyword already consumed). Returns 1 when it is kept, 0 when skipped
 * (<ignore>), -EINVAL when a value does not read. */
static int read_array(const struct scan_span *w, size_t nw, unsigned line, struct mdadm_array *a)
{
        memset(a, 0, sizeof(*a));
        a->spares = -1;
        a->line = line;
        for (size_t i = 0; i < nw; i++) {
                struct scan_span v, word;
                char buf[512];
                size_t k = 0;
                for (size_t j = 0; j < w[i].n && k < sizeof(buf); j++)
                        if (w[i].p[j] != '"') /* mdadm drops quotes wherever they are */
                                buf[k++] = w[i].p[j];
                word = (struct scan_span){buf, k};
                if (key_value(word, "uuid", &v)) {
                        if (!read_uuid(v, a->uuid))
                                return -EINVAL;
                } else if (key_value(word, "spares", &v)) {
                        uint64_t n;
                        if (scan_u64(v, &n) < 0 || n > 1000)
                                return -EINVAL;
                        a->spares = (int)n;
                } else if (key_value(word, "name", &v)) {
                        scan_copy(v, a->name, sizeof(a->name));
                } else if (key_value(word, "devices", &v)) {
                        scan_copy(v, a->devices, sizeof(a->devices));
                } else if (i == 0 && !scan_find(word, '=', NULL)) {
                        if (scan_eq(word, "<ignore>"))
                                return 0;
                        if (!scan_copy(word, a->device, sizeof(a->device)))
                                return -EINVAL;
                }
                /* level=, num-devices=, metadata=, container=, member=, auto=, bitmap=,
                 * spare-group= ...: not needed to recognise the array */
        }
        if (!a->device[0] && !a->uuid[0] && !a->name[0])
                return -EINVAL; /* nothing to recognise it by */
        return 1;
}

/* Splits a logical line into words: blanks outside double quotes separate ("quoted words" may
 * hold blanks; read_array drops the quotes), '#' at the start of a word ends the line. */
static size_t split_words(struct scan_span l, struct scan_span *w, size_t max)
{
        size_t n = 0, i = 0;
        while (i < l.n) {
                while (i < l.n && scan_is_blank(l.p[i]))
                        i++;
                if (i >= l.n || l.p[i] == '#')
                        break;
                size_t start = i;
                bool quoted = false;
                while (i < l.n && (quoted || !scan_is_blank(l.p[i]))) {
                        if (l.p[i] == '"')
                                quoted = !quoted;
                        i++;
                }
                if (n < max)
                        w[n++] = (struct scan_span){l.p + start, i - start};
        }
        return n;
}

struct entry {
        struct scan_span w[WORDS_MAX];
        size_t nw;
        unsigned line;
};

static int finish_entry(struct entry *e, struct mdadm_conf *c)
{
        if (e->nw == 0 || !keyword_is(e->w[0], "array"))
                return 0;
        struct mdadm_array a;
        int r = read_array(e->w + 1, e->nw - 1, e->line, &a);
        if (r < 0) {
                if (!c->bad_line)
                        c->bad_line = e->line;
                return 0;
        }
        if (r == 0)
                return 0;
        struct mdadm_array *v = realloc(c->arrays, (c->n_arrays + 1) * sizeof(*v));
        if (!v)
                return -ENOMEM;
        c->arrays = v;
        v[c->n_arrays++] = a;
        return 0;
}

int md_parse_mdadm_conf(const char *buf, size_t len, struct mdadm_conf **ret)
{
        struct scan_span s = {buf, len}, l;
        if (!buf && len)
                return -EINVAL;
        if (scan_has_nul(s))
                return -EINVAL;
        struct mdadm_conf *c = calloc(1, sizeof(*c));
        if (!c)
                return -ENOMEM;
        struct entry e = {.nw = 0};
        unsigned line = 0;
        int r = 0;
        while (r == 0 && scan_next_line(&s, &l)) {
                line++;
                bool cont = l.n > 0 && scan_is_blank(l.p[0]);
                if (!cont) {
                        r = finish_entry(&e, c);
                        e.nw = 0;
                        e.line = line;
                } else if (e.line == 0) {
                        e.line = line; /* a continuation with nothing before it starts the entry */
                }
                e.nw += split_words(l, e.w + e.nw, WORDS_MAX - e.nw);
        }
        if (r == 0)
                r = finish_entry(&e, c);
        if (r < 0) {
                mdadm_conf_free(c);
                return r;
        }
        *ret = c;
        return 0;
}

void mdadm_conf_free(struct mdadm_conf *c)
{
        if (!c)
                return;
        free(c->arrays);
        free(c);
}
