/* libFuzzer target for the /proc/mdstat parser (md_parse_mdstat): any bytes in, no crash, no
 * leak, and a parsed result that respects the struct's own bounds. Reads only the fuzzer's input;
 * guards what feeds srvhRaidArrayTable and srvhRaidMemberTable. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "md/md_parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct mdstat *m = NULL;

        if (md_parse_mdstat((const char *)data, size, &m) != 0)
                return 0;
        for (size_t i = 0; i < m->n_personalities; i++)
                if (strlen(m->personalities[i]) >= size)
                        abort();
        for (size_t i = 0; i < m->n_arrays; i++) {
                const struct mdstat_array *a = &m->arrays[i];

                if (strnlen(a->name, sizeof(a->name)) == sizeof(a->name) ||
                    strnlen(a->level, sizeof(a->level)) == sizeof(a->level) ||
                    strnlen(a->metadata, sizeof(a->metadata)) == sizeof(a->metadata) ||
                    strnlen(a->slot_map, sizeof(a->slot_map)) == sizeof(a->slot_map) ||
                    a->sync_permille > 1000)
                        abort();
                /* unplaced text is named by an offset inside the input, else none */
                if (a->unparsed ? a->unparsed_offset >= size : a->unparsed_offset != 0)
                        abort();
                for (size_t k = 0; k < a->n_members; k++)
                        if (strnlen(a->members[k].name, MD_NAME_MAX) == MD_NAME_MAX ||
                            a->members[k].desc_nr < 0)
                                abort();
        }
        mdstat_free(m);
        return 0;
}
