/* libFuzzer target for the SMART blob path: the bytes are a smartBlob file, read through the real
 * libatasmart (smart_read_blob) and the pure record and IDENTIFY decoders, then built into rows
 * and diffed against the previous input's rows. Must not crash, and what it serves must stay in
 * range. Guards what feeds srvhDiskTable and srvhDiskAttrTable. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "smart/smart_model.h"
#include "smart/smart_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct smart_data *prev;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct smart_input in = {.name = "fuzz", .read_at = 1};
        const uint8_t *p;
        size_t n;
        struct smart_identify id;

        if (size > 8192)
                return 0;
        if (smart_blob_find(data, size, "IDFY", &p, &n) == 0 && p + n > data + size)
                abort();
        if (smart_blob_find(data, size, "IDFY", &p, &n) == 0 && n >= SMART_BLOB_PAGE)
                (void)smart_identify_decode(p, n, &id);
        if (size >= SMART_BLOB_PAGE)
                (void)smart_identify_decode(data, size, &id);

        (void)smart_read_blob(data, size, &in.reading);
        if (in.reading.n_attrs > SMART_ATTRS_MAX || in.reading.status < SMART_READ_OK ||
            in.reading.status >= SMART_READ_MAX_)
                abort();
        if (in.reading.has_verdict &&
            (in.reading.verdict < SMART_VERDICT_GOOD || in.reading.verdict >= SMART_VERDICT_MAX_))
                abort();

        struct smart_data *d = NULL;
        if (smart_build(&in, 1, prev, NULL, &d) < 0)
                return 0;
        struct mib_rows rows = {.v = d->disk_rows, .n = d->n_disks};
        struct mib_rows attrs = {.v = d->attr_rows, .n = d->n_attr_rows};
        if (mib_rows_check(&rows, "disks", NULL, 0) < 0 ||
            mib_rows_check(&attrs, "attrs", NULL, 0) < 0)
                abort();
        struct event_list l = {0};
        (void)smart_diff(prev, d, &l);
        event_list_free(&l);
        smart_data_free(prev);
        prev = d;
        return 0;
}
