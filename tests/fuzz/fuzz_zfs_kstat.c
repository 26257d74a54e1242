/* libFuzzer target for the kstat parsers (zfs_parse_kstat, zfs_arc_from_kstat,
 * zfs_parse_pool_state): any bytes
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
        char word[16];
        enum zfs_pool_health h;
        if (zfs_parse_pool_state((const char *)data, size, word, sizeof(word), &h) == 0 &&
            (strlen(word) >= sizeof(word) || h < ZFS_HEALTH_ONLINE || h >= ZFS_HEALTH_MAX_))
                abort();
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
