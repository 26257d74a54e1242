/* Parser for SPL's KSTAT_TYPE_NAMED files (/proc/spl/kstat/zfs/arcstats and the like): a
 * 7-number header, a column header, then "name type value" lines keyed by name. Pure. Feeds the
 * srvhZfsArc scalars through zfs_collect.c. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/scan.h"
#include "zfs/zfs_parse.h"

static int parse_header(struct scan_span line)
{
        struct scan_span tok;
        uint64_t u;
        for (int i = 0; i < 7; i++) {
                if (!scan_next_token(&line, &tok))
                        return -EINVAL;
                if (i == 2 ? scan_hex(tok, &u) < 0 : scan_u64(tok, &u) < 0)
                        return -EINVAL;
        }
        return scan_next_token(&line, &tok) ? -EINVAL : 0;
}

static int parse_stat(struct scan_span line, const char *base, struct zfs_kstat_stat *st)
{
        struct scan_span name, type, val;
        uint64_t t;

        memset(st, 0, sizeof(*st));
        if (!scan_next_token(&line, &name) || !scan_next_token(&line, &type))
                return -EINVAL;
        if (!scan_copy(name, st->name, sizeof(st->name)) || scan_u64(type, &t) < 0 || t > 7)
                return -EINVAL;
        st->type = (enum zfs_kstat_type)t;
        if (st->type == ZFS_KSTAT_STRING || st->type == ZFS_KSTAT_CHAR) {
                /* The rest of the line after the blanks that follow the type, spaces and all. */
                while (line.n && (line.p[0] == ' ' || line.p[0] == '\t')) {
                        line.p++;
                        line.n--;
                }
                st->str_off = line.n ? (size_t)(line.p - base) : 0;
                st->str_len = line.n;
                return 0;
        }
        if (!scan_next_token(&line, &val) || scan_next_token(&line, &type))
                return -EINVAL;
        switch (st->type) {
        case ZFS_KSTAT_INT32:
        case ZFS_KSTAT_INT64:
        case ZFS_KSTAT_LONG:
                if (scan_i64(val, &st->i) < 0)
                        return -EINVAL;
                if (st->type == ZFS_KSTAT_INT32 && (st->i < INT32_MIN || st->i > INT32_MAX))
                        return -EINVAL;
                st->negative = st->i < 0;
                st->u = st->negative ? 0 : (uint64_t)st->i;
                return 0;
        default:
                if (scan_u64(val, &st->u) < 0)
                        return -EINVAL;
                if (st->type == ZFS_KSTAT_UINT32 && st->u > UINT32_MAX)
                        return -EINVAL;
                st->i = st->u > INT64_MAX ? INT64_MAX : (int64_t)st->u;
                return 0;
        }
}

int zfs_parse_kstat(const char *buf, size_t len, struct zfs_kstat *ret)
{
        struct scan_span s = {buf, len}, line, tok;
        struct zfs_kstat k = {0};
        size_t cap = 0;

        if (scan_has_nul(s) || !scan_next_line(&s, &line) || parse_header(line) < 0)
                return -EINVAL;
        if (!scan_next_line(&s, &line) || !scan_next_token(&line, &tok) || !scan_eq(tok, "name"))
                return -EINVAL;
        while (scan_next_line(&s, &line)) {
                if (scan_trim(line).n == 0)
                        continue;
                if (k.n == cap) {
                        size_t ncap = cap ? cap * 2 : 64;
                        struct zfs_kstat_stat *v = realloc(k.v, ncap * sizeof(*v));
                        if (!v) {
                                zfs_kstat_free(&k);
                                return -ENOMEM;
                        }
                        k.v = v;
                        cap = ncap;
                }
                if (parse_stat(line, buf, &k.v[k.n]) < 0) {
                        zfs_kstat_free(&k);
                        return -EINVAL;
                }
                k.n++;
        }
        *ret = k;
        return 0;
}

void zfs_kstat_free(struct zfs_kstat *k)
{
        free(k->v);
        k->v = NULL;
        k->n = 0;
}

const struct zfs_kstat_stat *zfs_kstat_find(const struct zfs_kstat *k, const char *name)
{
        for (size_t i = 0; i < k->n; i++) {
                if (strcmp(k->v[i].name, name) == 0)
                        return &k->v[i];
        }
        return NULL;
}

int zfs_parse_pool_state(const char *buf, size_t len, char *word, size_t wordsz,
                         enum zfs_pool_health *ret_health)
{
        struct scan_span s = {buf, len}, line, extra;
        if (scan_has_nul(s) || !scan_next_line(&s, &line) || scan_next_line(&s, &extra))
                return -EINVAL;
        if (line.n == 0 || line.n >= wordsz)
                return -EINVAL;
        for (size_t i = 0; i < line.n; i++)
                if (line.p[i] < 'A' || line.p[i] > 'Z')
                        return -EINVAL;
        scan_copy(line, word, wordsz);
        *ret_health = zfs_health_from_word(line);
        return 0;
}

static void pick(const struct zfs_kstat *k, const char *name, uint64_t *v, bool *has, int *found)
{
        const struct zfs_kstat_stat *st = zfs_kstat_find(k, name);
        if (!st || st->type == ZFS_KSTAT_STRING || st->type == ZFS_KSTAT_CHAR || st->negative)
                return;
        *v = st->u;
        *has = true;
        (*found)++;
}

int zfs_arc_from_kstat(const struct zfs_kstat *k, struct zfs_arc *ret)
{
        struct zfs_arc a = {0};
        int found = 0;
        pick(k, "size", &a.size, &a.has_size, &found);
        pick(k, "c", &a.target, &a.has_target, &found);
        pick(k, "c_max", &a.max, &a.has_max, &found);
        pick(k, "hits", &a.hits, &a.has_hits, &found);
        pick(k, "misses", &a.misses, &a.has_misses, &found);
        pick(k, "l2_size", &a.l2_size, &a.has_l2_size, &found);
        pick(k, "l2_hits", &a.l2_hits, &a.has_l2_hits, &found);
        pick(k, "l2_misses", &a.l2_misses, &a.has_l2_misses, &found);
        if (!found)
                return -EINVAL;
        *ret = a;
        return 0;
}
