/* libFuzzer target for the bench prototype's snapshot file check (bench/snapfile.c): any bytes
 * in, no crash and no read outside them; a file the check accepts has every record inside the
 * input, and snap_find finds each record's own OID at its own position. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "snapfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        /* a mapping or a heap copy is aligned; the fuzzer's bytes need not be */
        uint64_t *buf = malloc(size ? size : 1);
        if (!buf)
                return 0;
        memcpy(buf, data, size);
        struct snap_view v;
        if (snap_file_check(buf, size, &v, NULL, 0) == 0) {
                const uint8_t *end = (const uint8_t *)buf + size;
                for (size_t i = 0; i < v.hdr->n_records; i++) {
                        struct snap_entry e;
                        snap_entry_at(&v, i, &e);
                        if ((const uint8_t *)(e.oid + e.oid_len) > end ||
                            (const uint8_t *)e.value + e.value_len > end ||
                            snap_find(&v, e.oid, e.oid_len, false) != i ||
                            snap_find(&v, e.oid, e.oid_len, true) != i + 1)
                                abort();
                }
        }
        free(buf);
        return 0;
}
