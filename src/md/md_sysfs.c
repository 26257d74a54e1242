/* Parsers for the /sys/block/mdX/md/ attribute files (array_state, sync_action, sync_completed,
 * raid_disks, counters, dev-XXX/state and slot). Each takes one file's bytes (not NUL-terminated)
 * and feeds the srvhRaidArrayTable and srvhRaidMemberTable rows built by md_collect.c. */
#include <errno.h>
#include <limits.h>
#include <string.h>

#include "md/md_parse.h"

static bool is_space(char c)
{
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* Trims surrounding white space; *p may be NULL only when *n == 0. */
static void trim(const char **p, size_t *n)
{
        while (*n > 0 && is_space((*p)[0])) {
                (*p)++;
                (*n)--;
        }
        while (*n > 0 && is_space((*p)[*n - 1]))
                (*n)--;
}

static bool eq(const char *p, size_t n, const char *lit)
{
        size_t l = strlen(lit);

        return n == l && memcmp(p, lit, l) == 0;
}

/* Leading decimal digits of p[0..n) into *ret; returns how many were used, 0 on none/overflow. */
static size_t scan_u64(const char *p, size_t n, uint64_t *ret)
{
        uint64_t v = 0;
        size_t i = 0;

        while (i < n && p[i] >= '0' && p[i] <= '9') {
                unsigned d = (unsigned)(p[i] - '0');

                if (v > (UINT64_MAX - d) / 10)
                        return 0;
                v = v * 10 + d;
                i++;
        }
        if (i > 0)
                *ret = v;
        return i;
}

static bool whole_u64(const char *p, size_t n, uint64_t *ret)
{
        uint64_t v = 0;

        if (n == 0 || scan_u64(p, n, &v) != n)
                return false;
        *ret = v;
        return true;
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

        if (!ret || (!buf && len > 0))
                return -EINVAL;
        trim(&buf, &len);
        for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
                if (eq(buf, len, map[i].word)) {
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

        if (!ret || (!buf && len > 0))
                return -EINVAL;
        trim(&buf, &len);
        if (len == 0)
                return -EINVAL;
        for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
                if (eq(buf, len, map[i].word)) {
                        *ret = map[i].action;
                        return 0;
                }
        }
        /* A single lower-case word we do not know: a newer kernel's action, not garbage. */
        for (size_t i = 0; i < len; i++)
                if (!((buf[i] >= 'a' && buf[i] <= 'z') || buf[i] == '_' || buf[i] == '-'))
                        return -EINVAL;
        *ret = MD_SYNC_UNKNOWN;
        return 0;
}

int md_parse_sync_completed(const char *buf, size_t len, struct md_sync_completed *ret)
{
        struct md_sync_completed sc = {false, false, 0, 0};
        size_t k;

        if (!ret || (!buf && len > 0))
                return -EINVAL;
        trim(&buf, &len);
        if (eq(buf, len, "none")) {
                sc.none = true;
        } else if (eq(buf, len, "delayed")) {
                sc.delayed = true;
        } else {
                /* "<done> / <total>"; tolerate missing spaces around the slash */
                k = scan_u64(buf, len, &sc.done_sectors);
                if (k == 0)
                        return -EINVAL;
                buf += k;
                len -= k;
                while (len > 0 && buf[0] == ' ') {
                        buf++;
                        len--;
                }
                if (len == 0 || buf[0] != '/')
                        return -EINVAL;
                buf++;
                len--;
                while (len > 0 && buf[0] == ' ') {
                        buf++;
                        len--;
                }
                if (!whole_u64(buf, len, &sc.total_sectors))
                        return -EINVAL;
        }
        *ret = sc;
        return 0;
}

int md_parse_u64_or_none(const char *buf, size_t len, uint64_t *ret, bool *ret_none)
{
        uint64_t v = 0;
        bool none = false;

        if (!ret || !ret_none || (!buf && len > 0))
                return -EINVAL;
        trim(&buf, &len);
        if (eq(buf, len, "none") || eq(buf, len, "default"))
                none = true;
        else if (!whole_u64(buf, len, &v))
                return -EINVAL;
        *ret = v;
        *ret_none = none;
        return 0;
}

int md_parse_raid_disks(const char *buf, size_t len, int *ret_new, int *ret_old)
{
        uint64_t n = 0, o = 0;
        size_t k;

        if (!ret_new || !ret_old || (!buf && len > 0))
                return -EINVAL;
        trim(&buf, &len);
        if (len == 0) {
                *ret_new = -1;
                *ret_old = -1;
                return 0;
        }
        k = scan_u64(buf, len, &n);
        if (k == 0 || n > INT_MAX)
                return -EINVAL;
        buf += k;
        len -= k;
        o = n;
        if (len > 0) {
                /* " (old)" while a reshape is pending or running */
                while (len > 0 && buf[0] == ' ') {
                        buf++;
                        len--;
                }
                if (len < 3 || buf[0] != '(' || buf[len - 1] != ')')
                        return -EINVAL;
                if (!whole_u64(buf + 1, len - 2, &o) || o > INT_MAX)
                        return -EINVAL;
        }
        *ret_new = (int)n;
        *ret_old = (int)o;
        return 0;
}

int md_parse_word(const char *buf, size_t len, char *out, size_t outsz)
{
        if (!out || (!buf && len > 0))
                return -EINVAL;
        trim(&buf, &len);
        if (len > 0 && memchr(buf, '\0', len))
                return -EINVAL;
        if (len >= outsz)
                return -ENAMETOOLONG;
        if (len > 0)
                memcpy(out, buf, len);
        out[len] = '\0';
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
        size_t i = 0;

        if (!ret_flags || (!buf && len > 0))
                return -EINVAL;
        trim(&buf, &len);
        while (i < len) {
                size_t start, end;

                while (i < len && (buf[i] == ',' || is_space(buf[i])))
                        i++;
                start = i;
                while (i < len && buf[i] != ',' && !is_space(buf[i]))
                        i++;
                end = i;
                for (size_t k = 0; k < sizeof(map) / sizeof(map[0]); k++) {
                        if (eq(buf + start, end - start, map[k].word)) {
                                flags |= map[k].flag;
                                break;
                        }
                }
        }
        *ret_flags = flags;
        return 0;
}

int md_parse_slot(const char *buf, size_t len, int *ret_slot)
{
        uint64_t v = 0;

        if (!ret_slot || (!buf && len > 0))
                return -EINVAL;
        trim(&buf, &len);
        if (eq(buf, len, "none")) {
                *ret_slot = -1;
                return 0;
        }
        if (!whole_u64(buf, len, &v) || v > INT_MAX)
                return -EINVAL;
        *ret_slot = (int)v;
        return 0;
}
