/* libFuzzer target for the `zpool status -p` parser (zfs_parse_zpool_status, and zfs_parse_scan
 * under it): any bytes in, no crash, no leak, enums and strings within bounds, progress at most
 * 100 %. Guards what feeds srvhZpoolTable and srvhZfsVdevTable. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "zfs/zfs_parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct zpool_status s = {0};
        if (zfs_parse_zpool_status((const char *)data, size, &s) != 0)
                return 0;
        for (size_t i = 0; i < s.n; i++) {
                const struct zpool_status_pool *p = &s.v[i];
                if (!p->name[0] || strnlen(p->name, sizeof(p->name)) == sizeof(p->name) ||
                    p->scan.state < ZFS_SCAN_NONE || p->scan.state >= ZFS_SCAN_STATE_MAX_ ||
                    p->scan.func < ZFS_SCAN_FUNC_NONE || p->scan.func >= ZFS_SCAN_FUNC_MAX_ ||
                    p->scan.progress > 10000)
                        abort();
                for (size_t k = 0; k < p->n_vdevs; k++) {
                        const struct zpool_vdev *v = &p->vdevs[k];
                        if (!v->name[0] || v->depth == 0 || v->cls < ZFS_CLASS_NORMAL ||
                            v->cls >= ZFS_CLASS_MAX_ || v->state < ZFS_VDEV_ONLINE ||
                            v->state >= ZFS_VDEV_STATE_MAX_ ||
                            strnlen(v->note, sizeof(v->note)) == sizeof(v->note))
                                abort();
                }
        }
        zpool_status_free(&s);
        return 0;
}
