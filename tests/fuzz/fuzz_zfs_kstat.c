/* libFuzzer target for the named-kstat parser (zfs_parse_kstat, zfs_arc_from_kstat): any bytes
 * in, no crash, no leak, string values inside the input. Guards what feeds the srvhZfsArc
 * scalars. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "zfs/zfs_parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct zfs_kstat k = {0};
        struct zfs_arc a;
        if (zfs_parse_kstat((const char *)data, size, &k) != 0)
                return 0;
        for (size_t i = 0; i < k.n; i++) {
                const struct zfs_kstat_stat *st = &k.v[i];
                if (st->str_off + st->str_len > size || st->type > ZFS_KSTAT_STRING ||
                    (st->negative && st->i >= 0))
                        abort();
        }
        (void)zfs_arc_from_kstat(&k, &a);
        zfs_kstat_free(&k);
        return 0;
}
