/* Parser for `zpool list -Hp -o name,size,allocated,free,fragmentation,capacity,dedupratio,health`:
 * one TAB-separated line per pool, old releases' "8%" and "1.83x" and the "-" of unavailable
 * columns included. Pure. Feeds srvhZpoolTable through zfs_collect.c. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/scan.h"
#include "zfs/zfs_parse.h"

enum zfs_pool_health zfs_health_from_word(struct scan_span w)
{
        static const struct {
                const char *word;
                enum zfs_pool_health h;
        } words[] = {
            {"ONLINE", ZFS_HEALTH_ONLINE},       {"DEGRADED", ZFS_HEALTH_DEGRADED},
            {"FAULTED", ZFS_HEALTH_FAULTED},     {"OFFLINE", ZFS_HEALTH_OFFLINE},
            {"REMOVED", ZFS_HEALTH_REMOVED},     {"UNAVAIL", ZFS_HEALTH_UNAVAIL},
            {"SUSPENDED", ZFS_HEALTH_SUSPENDED},
        };
        for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
                if (scan_eq(w, words[i].word))
                        return words[i].h;
        }
        return ZFS_HEALTH_UNKNOWN;
}

static bool is_dash(struct scan_span f)
{
        return scan_eq(f, "-");
}

static int take_u64(struct scan_span f, uint64_t *v, bool *has)
{
        if (is_dash(f))
                return 0;
        if (scan_u64(f, v) < 0)
                return -EINVAL;
        *has = true;
        return 0;
}

static int take_percent(struct scan_span f, unsigned *v, bool *has)
{
        uint64_t u;
        if (is_dash(f))
                return 0;
        scan_strip_suffix(&f, "%");
        if (scan_u64(f, &u) < 0 || u > 1000000)
                return -EINVAL;
        *v = (unsigned)u;
        *has = true;
        return 0;
}

static int take_ratio(struct scan_span f, uint64_t *v, bool *has)
{
        if (is_dash(f))
                return 0;
        scan_strip_suffix(&f, "x");
        if (scan_fixed(f, 2, v) < 0)
                return -EINVAL;
        *has = true;
        return 0;
}

int zpool_list_set_property(struct zpool_list_row *r, struct scan_span prop, struct scan_span value)
{
        if (scan_eq(prop, "size"))
                return take_u64(value, &r->size, &r->has_size);
        if (scan_eq(prop, "allocated"))
                return take_u64(value, &r->alloc, &r->has_alloc);
        if (scan_eq(prop, "free"))
                return take_u64(value, &r->free, &r->has_free);
        if (scan_eq(prop, "fragmentation"))
                return take_percent(value, &r->frag, &r->has_frag);
        if (scan_eq(prop, "capacity"))
                return take_percent(value, &r->cap, &r->has_cap);
        if (scan_eq(prop, "dedupratio"))
                return take_ratio(value, &r->dedup, &r->has_dedup);
        if (scan_eq(prop, "health"))
                r->health = zfs_health_from_word(scan_trim(value));
        return 0; /* a property we did not ask for */
}

static int parse_line(struct scan_span line, struct zpool_list_row *r)
{
        struct scan_span f[9];
        size_t n = 0;
        while (n < 9 && scan_next_field(&line, '\t', &f[n]))
                n++;
        if (n != 8)
                return -EINVAL;
        memset(r, 0, sizeof(*r));
        if (f[0].n == 0 || !scan_copy(f[0], r->name, sizeof(r->name)))
                return -EINVAL;
        if (take_u64(f[1], &r->size, &r->has_size) < 0 ||
            take_u64(f[2], &r->alloc, &r->has_alloc) < 0 ||
            take_u64(f[3], &r->free, &r->has_free) < 0 ||
            take_percent(f[4], &r->frag, &r->has_frag) < 0 ||
            take_percent(f[5], &r->cap, &r->has_cap) < 0 ||
            take_ratio(f[6], &r->dedup, &r->has_dedup) < 0)
                return -EINVAL;
        r->health = zfs_health_from_word(scan_trim(f[7]));
        return 0;
}

int zfs_parse_zpool_list(const char *buf, size_t len, struct zpool_list *ret)
{
        struct scan_span s = {buf, len}, line;
        struct zpool_list l = {0};
        size_t cap = 0;

        if (scan_has_nul(s))
                return -EINVAL;
        while (scan_next_line(&s, &line)) {
                if (scan_trim(line).n == 0 || scan_eq(scan_trim(line), "no pools available"))
                        continue;
                if (l.n == cap) {
                        size_t ncap = cap ? cap * 2 : 8;
                        struct zpool_list_row *v = realloc(l.v, ncap * sizeof(*v));
                        if (!v) {
                                zpool_list_free(&l);
                                return -ENOMEM;
                        }
                        l.v = v;
                        cap = ncap;
                }
                if (parse_line(line, &l.v[l.n]) < 0) {
                        zpool_list_free(&l);
                        return -EINVAL;
                }
                l.n++;
        }
        *ret = l;
        return 0;
}

void zpool_list_free(struct zpool_list *l)
{
        free(l->v);
        l->v = NULL;
        l->n = 0;
}
