/* Parsers for the /sys/block/mdX/md/ attribute files (array_state, sync_action, sync_completed,
 * raid_disks, counters, dev-XXX/state and slot). Each takes one file's bytes (not NUL-terminated)
 * and feeds the srvhRaidArrayTable and srvhRaidMemberTable rows built by md_collect.c. */
#include <errno.h>
#include <limits.h>

#include "core/scan.h"
#include "md/md_parse.h"

/* Every attribute may end in "\n" or carry stray blanks: parsers see its trimmed text. */
static struct scan_span trimmed(const char *buf, size_t len)
{
        return scan_trim((struct scan_span){buf, len});
}

int md_parse_array_state(const char *buf, size_t len, enum md_array_state *ret)
{
        static const struct {
                const char *word;
                enum md_array_state state;
        } map[] = {
            {"clean", MD_STATE_CLEAN},         {"active-idle", MD_STATE_CLEAN},
            {"active", MD_STATE_ACTIVE},       {"write-pending", MD_STATE_ACTIVE},
            {"clear", MD_STATE_INACTIVE},      {"inactive", MD_STATE_INACTIVE},
            {"suspended", MD_STATE_UNKNOWN},   {"readonly", MD_STATE_READONLY},
            {"read-auto", MD_STATE_READ_AUTO}, {"broken", MD_STATE_FAILED},
        };
        struct scan_span s;

        if (!ret || (!buf && len > 0))
                return -EINVAL;
        s = trimmed(buf, len);
        for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
                if (scan_eq(s, map[i].word)) {
                        *ret = map[i].state;
                        return 0;
                }
        }
        return -EINVAL;
}

int md_parse_sync_action(const char *buf, size_t len, enum md_sync_action *ret)
{
        static const struct {
                const char *word;
                enum md_sync_action action;
        } map[] = {
            {"idle", MD_SYNC_IDLE},     {"resync", MD_SYNC_RESYNC}, {"recover", MD_SYNC_RECOVER},
            {"check", MD_SYNC_CHECK},   {"repair", MD_SYNC_REPAIR}, {"reshape", MD_SYNC_RESHAPE},
            {"frozen", MD_SYNC_FROZEN},
        };
        struct scan_span s;

        if (!ret || (!buf && len > 0))
                return -EINVAL;
        s = trimmed(buf, len);
        if (s.n == 0)
                return -EINVAL;
        for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
                if (scan_eq(s, map[i].word)) {
                        *ret = map[i].action;
                        return 0;
                }
        }
        /* A single lower-case word we do not know: a newer kernel's action, not garbage. */
        for (size_t i = 0; i < s.n; i++)
                if (!((s.p[i] >= 'a' && s.p[i] <= 'z') || s.p[i] == '_' || s.p[i] == '-'))
                        return -EINVAL;
        *ret = MD_SYNC_UNKNOWN;
        return 0;
}

int md_parse_sync_completed(const char *buf, size_t len, struct md_sync_completed *ret)
{
        struct md_sync_completed sc = {false, false, 0, 0};
        struct scan_span s;

        if (!ret || (!buf && len > 0))
                return -EINVAL;
        s = trimmed(buf, len);
        if (scan_eq(s, "none")) {
                sc.none = true;
        } else if (scan_eq(s, "delayed")) {
                sc.delayed = true;
        } else {
                /* "<done> / <total>"; tolerate missing spaces around the slash */
                if (scan_take_u64(&s, &sc.done_sectors) < 0)
                        return -EINVAL;
                while (scan_take_char(&s, ' '))
                        ;
                if (!scan_take_char(&s, '/'))
                        return -EINVAL;
                while (scan_take_char(&s, ' '))
                        ;
                if (scan_u64(s, &sc.total_sectors) < 0)
                        return -EINVAL;
        }
        *ret = sc;
        return 0;
}

int md_parse_u64_or_none(const char *buf, size_t len, uint64_t *ret, bool *ret_none)
{
        uint64_t v = 0;
        bool none = false;
        struct scan_span s;

        if (!ret || !ret_none || (!buf && len > 0))
                return -EINVAL;
        s = trimmed(buf, len);
        if (scan_eq(s, "none") || scan_eq(s, "default"))
                none = true;
        else if (scan_u64(s, &v) < 0)
                return -EINVAL;
        *ret = v;
        *ret_none = none;
        return 0;
}

int md_parse_raid_disks(const char *buf, size_t len, int *ret_new, int *ret_old)
{
        uint64_t n = 0, o = 0;
        struct scan_span s;

        if (!ret_new || !ret_old || (!buf && len > 0))
                return -EINVAL;
        s = trimmed(buf, len);
        if (s.n == 0) {
                *ret_new = -1;
                *ret_old = -1;
                return 0;
        }
        if (scan_take_u64(&s, &n) < 0 || n > INT_MAX)
                return -EINVAL;
        o = n;
        if (s.n > 0) {
                /* " (old)" while a reshape is pending or running */
                while (scan_take_char(&s, ' '))
                        ;
                if (!scan_take_char(&s, '(') || !scan_strip_suffix(&s, ")"))
                        return -EINVAL;
                if (scan_u64(s, &o) < 0 || o > INT_MAX)
                        return -EINVAL;
        }
        *ret_new = (int)n;
        *ret_old = (int)o;
        return 0;
}

int md_parse_word(const char *buf, size_t len, char *out, size_t outsz)
{
        struct scan_span s;

        if (!out || (!buf && len > 0))
                return -EINVAL;
        s = trimmed(buf, len);
        if (scan_has_nul(s))
                return -EINVAL;
        if (s.n >= outsz)
                return -ENAMETOOLONG;
        (void)scan_copy(s, out, outsz); /* fits: checked above */
        return 0;
}

int md_parse_member_state(const char *buf, size_t len, unsigned *ret_flags)
{
        static const struct {
                const char *word;
                unsigned flag;
        } map[] = {
            {"faulty", MD_MS_FAULTY},
            {"in_sync", MD_MS_IN_SYNC},
            {"journal", MD_MS_JOURNAL},
            {"write_mostly", MD_MS_WRITE_MOSTLY},
            {"writemostly", MD_MS_WRITE_MOSTLY},
            {"blocked", MD_MS_BLOCKED},
            {"spare", MD_MS_SPARE},
            {"write_error", MD_MS_WRITE_ERROR},
            {"want_replacement", MD_MS_WANT_REPLACEMENT},
            {"replacement", MD_MS_REPLACEMENT},
            {"external_bbl", MD_MS_EXTERNAL_BBL},
            {"failfast", MD_MS_FAILFAST},
        };
        unsigned flags = 0;
        struct scan_span s, field, word;

        if (!ret_flags || (!buf && len > 0))
                return -EINVAL;
        s = trimmed(buf, len);
        /* The kernel joins words with ','; blanks separate words too (hand-written text). */
        while (scan_next_field(&s, ',', &field)) {
                while (scan_next_token(&field, &word)) {
                        for (size_t k = 0; k < sizeof(map) / sizeof(map[0]); k++) {
                                if (scan_eq(word, map[k].word)) {
                                        flags |= map[k].flag;
                                        break;
                                }
                        }
                }
        }
        *ret_flags = flags;
        return 0;
}

int md_parse_slot(const char *buf, size_t len, int *ret_slot)
{
        uint64_t v = 0;
        struct scan_span s;

        if (!ret_slot || (!buf && len > 0))
                return -EINVAL;
        s = trimmed(buf, len);
        if (scan_eq(s, "none")) {
                *ret_slot = -1;
                return 0;
        }
        if (scan_u64(s, &v) < 0 || v > INT_MAX)
                return -EINVAL;
        *ret_slot = (int)v;
        return 0;
}
