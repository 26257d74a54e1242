/* libFuzzer target for the `zpool list -j` parser (zfs_parse_zpool_list_json): any bytes in, no
 * crash, no leak, no runaway recursion, every row within its bounds. Guards what feeds
 * srvhZpoolTable on OpenZFS 2.3+. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "zfs/zfs_parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct zpool_list l = {0};
        if (zfs_parse_zpool_list_json((const char *)data, size, &l) != 0)
                return 0;
        for (size_t i = 0; i < l.n; i++) {
                const struct zpool_list_row *r = &l.v[i];
                if (!r->name[0] || strnlen(r->name, sizeof(r->name)) == sizeof(r->name) ||
                    r->health < ZFS_HEALTH_ONLINE || r->health >= ZFS_HEALTH_MAX_)
                        abort();
        }
        zpool_list_free(&l);
        return 0;
}
