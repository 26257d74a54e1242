/* libFuzzer target for the mdadm.conf parser (md_parse_mdadm_conf): any bytes in, no crash, no
 * leak, and every kept ARRAY entry within its struct's bounds. Reads only the fuzzer's input;
 * guards the expected rows of srvhRaidArrayTable. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "md/md_parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct mdadm_conf *c = NULL;

        if (md_parse_mdadm_conf((const char *)data, size, &c) != 0)
                return 0;
        for (size_t i = 0; i < c->n_arrays; i++) {
                const struct mdadm_array *a = &c->arrays[i];

                if (strnlen(a->device, sizeof(a->device)) == sizeof(a->device) ||
                    strnlen(a->name, sizeof(a->name)) == sizeof(a->name) ||
                    strnlen(a->devices, sizeof(a->devices)) == sizeof(a->devices) ||
                    a->spares < -1 || a->spares > 1000 || a->line == 0 ||
                    (a->uuid[0] && strlen(a->uuid) != MDADM_UUID_LEN) ||
                    (!a->device[0] && !a->uuid[0] && !a->name[0]))
                        abort();
                for (size_t k = 0; a->uuid[k]; k++)
                        if (!strchr("0123456789abcdef", a->uuid[k]))
                                abort();
        }
        mdadm_conf_free(c);
        return 0;
}
