/* libFuzzer target for the `zpool status -j` and `zfs get -j` parsers
 * (zfs_parse_zpool_status_json, zfs_parse_zfs_get_json): any bytes in, no crash, no leak, no
 * runaway recursion, every pool, vdev and histogram row within its bounds. Guards what feeds
 * srvhZpoolTable, srvhZfsVdevTable, srvhZfsDdtTable and srvhZfsDatasetTable on OpenZFS 2.3+. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "zfs/zfs_parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct zpool_status s = {0};
        if (zfs_parse_zpool_status_json((const char *)data, size, &s) == 0) {
                for (size_t i = 0; i < s.n; i++) {
                        const struct zpool_status_pool *p = &s.v[i];
                        if (!p->name[0] || p->n_ddt_hist > ZFS_DDT_BUCKETS_MAX ||
                            (p->scan.has_progress && p->scan.progress > 10000))
                                abort();
                        for (size_t k = 0; k < p->n_vdevs; k++) {
                                const struct zpool_vdev *v = &p->vdevs[k];
                                if (!v->name[0] || v->depth < 1 || v->cls < ZFS_CLASS_NORMAL ||
                                    v->cls >= ZFS_CLASS_MAX_ || v->state >= ZFS_VDEV_STATE_MAX_)
                                        abort();
                        }
                }
                zpool_status_free(&s);
        }
        struct zfs_datasets d = {0};
        if (zfs_parse_zfs_get_json((const char *)data, size, &d) == 0) {
                for (size_t i = 0; i < d.n; i++) {
                        if (!d.v[i].name[0] ||
                            strnlen(d.v[i].dedup, sizeof(d.v[i].dedup)) == sizeof(d.v[i].dedup))
                                abort();
                }
                zfs_datasets_free(&d);
        }
        return 0;
}
