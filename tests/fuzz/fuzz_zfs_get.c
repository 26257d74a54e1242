/* libFuzzer target for the `zfs get -Hp` parser (zfs_parse_zfs_get): any bytes in, no crash, no
 * leak, names and settings within bounds. Guards what feeds srvhZfsDatasetTable. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "zfs/zfs_parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct zfs_datasets d = {0};
        if (zfs_parse_zfs_get((const char *)data, size, &d) != 0)
                return 0;
        for (size_t i = 0; i < d.n; i++) {
                const struct zfs_dataset *ds = &d.v[i];
                if (!ds->name[0] || strnlen(ds->name, sizeof(ds->name)) == sizeof(ds->name) ||
                    strnlen(ds->dedup, sizeof(ds->dedup)) == sizeof(ds->dedup) ||
                    (ds->has_dedup && !ds->dedup[0]))
                        abort();
        }
        zfs_datasets_free(&d);
        return 0;
}
