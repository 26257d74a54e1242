/* libFuzzer target for the /sys/block/mdX/md/ attribute parsers: every parser gets the same
 * input bytes (as one attribute file would be read), must not crash, and must keep its output
 * in range. Guards what feeds srvhRaidArrayTable and srvhRaidMemberTable. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "md/md_parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        const char *buf = (const char *)data;
        enum md_array_state st;
        enum md_sync_action act;
        struct md_sync_completed sc;
        uint64_t v;
        bool none;
        int n, o, slot;
        unsigned flags;
        char word[MD_META_MAX];
        char tiny[4];

        if (md_parse_array_state(buf, size, &st) == 0 && (st < 1 || st >= MD_STATE_MAX_))
                abort();
        if (md_parse_sync_action(buf, size, &act) == 0 && (act < 1 || act >= MD_SYNC_MAX_))
                abort();
        if (md_parse_sync_completed(buf, size, &sc) == 0 && sc.none && sc.delayed)
                abort();
        if (md_parse_u64_or_none(buf, size, &v, &none) == 0 && none && v != 0)
                abort();
        if (md_parse_raid_disks(buf, size, &n, &o) == 0 && (n < -1 || o < -1))
                abort();
        if (md_parse_word(buf, size, word, sizeof(word)) == 0 && strlen(word) >= sizeof(word))
                abort();
        if (md_parse_word(buf, size, tiny, sizeof(tiny)) == 0 && strlen(tiny) >= sizeof(tiny))
                abort();
        if (md_parse_member_state(buf, size, &flags) == 0 && (flags & ~0x7ffu))
                abort();
        if (md_parse_slot(buf, size, &slot) == 0 && slot < -1)
                abort();
        return 0;
}
