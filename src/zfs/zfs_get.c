/* Parser for `zfs get -Hp -t filesystem,volume dedup,compressratio`: one TAB-separated
 * "name, property, value, source" line per dataset and property, joined into one record per
 * dataset. Pure. Feeds srvhZfsDatasetTable through zfs_collect.c. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/scan.h"
#include "zfs/zfs_parse.h"

static struct zfs_dataset *find_or_add(struct zfs_datasets *d, size_t *cap, struct scan_span name)
{
        /* zfs get prints a dataset's properties together: the last one is the usual match */
        if (d->n && scan_eq(name, d->v[d->n - 1].name))
                return &d->v[d->n - 1];
        if (d->n == *cap) {
                size_t ncap = *cap ? *cap * 2 : 16;
                struct zfs_dataset *v = realloc(d->v, ncap * sizeof(*v));
                if (!v)
                        return NULL;
                d->v = v;
                *cap = ncap;
        }
        struct zfs_dataset *ds = &d->v[d->n];
        memset(ds, 0, sizeof(*ds));
        if (!scan_copy(name, ds->name, sizeof(ds->name)))
                return NULL;
        d->n++;
        return ds;
}

int zfs_parse_zfs_get(const char *buf, size_t len, struct zfs_datasets *ret)
{
        struct scan_span s = {buf, len}, line;
        struct zfs_datasets d = {0};
        size_t cap = 0;
        int r = 0;

        if (scan_has_nul(s))
                return -EINVAL;
        while (r == 0 && scan_next_line(&s, &line)) {
                struct scan_span f[5];
                size_t n = 0;
                if (scan_trim(line).n == 0)
                        continue;
                while (n < 5 && scan_next_field(&line, '\t', &f[n]))
                        n++;
                if (n != 4 || f[0].n == 0 || f[0].n >= ZFS_NAME_MAX) {
                        r = -EINVAL;
                        break;
                }
                struct zfs_dataset *ds = find_or_add(&d, &cap, f[0]);
                if (!ds) {
                        r = -ENOMEM;
                        break;
                }
                if (scan_eq(f[1], "dedup")) {
                        if (f[2].n == 0 || !scan_copy(f[2], ds->dedup, sizeof(ds->dedup)))
                                r = -EINVAL;
                        ds->has_dedup = r == 0;
                } else if (scan_eq(f[1], "compressratio")) {
                        struct scan_span v = f[2];
                        if (scan_eq(v, "-"))
                                continue;
                        scan_strip_suffix(&v, "x");
                        if (scan_fixed(v, 2, &ds->compressratio) < 0)
                                r = -EINVAL;
                        ds->has_compressratio = r == 0;
                }
                /* other properties: not asked for, ignored */
        }
        if (r < 0) {
                zfs_datasets_free(&d);
                return r;
        }
        *ret = d;
        return 0;
}

void zfs_datasets_free(struct zfs_datasets *d)
{
        free(d->v);
        d->v = NULL;
        d->n = 0;
}
