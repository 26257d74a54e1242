/* Parser for `zpool status -p`: per pool its state, the scan line in every release's wording with
 * the three generations of progress lines, the config tree with its vdev classes, and the errors
 * line. Line-oriented and tolerant of unknown keys; strict about truncation. Pure. Feeds
 * srvhZpoolTable and srvhZfsVdevTable through zfs_collect.c. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/scan.h"
#include "zfs/zfs_parse.h"

#define DEPTH_MAX 32

/* ---- small pieces ---------------------------------------------------------------------------- */

static bool take_word(struct scan_span *s, const char *lit)
{
        struct scan_span save = *s, tok;
        if (scan_next_token(s, &tok) && scan_eq(tok, lit))
                return true;
        *s = save;
        return false;
}

static int month_of(struct scan_span t)
{
        static const char *const m[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
        for (int i = 0; i < 12; i++) {
                if (scan_eq(t, m[i]))
                        return i;
        }
        return -1;
}

static int take_2digits(struct scan_span *s, int max, int *ret)
{
        uint64_t v;
        struct scan_span d = {s->p, s->n >= 2 ? 2 : s->n};
        if (d.n != 2 || scan_u64(d, &v) < 0 || v > (uint64_t)max)
                return -EINVAL;
        s->p += 2;
        s->n -= 2;
        *ret = (int)v;
        return 0;
}

/* "HH:MM:SS" exactly; hours may have more digits. */
static int parse_hms(struct scan_span t, uint64_t *ret)
{
        uint64_t h;
        int m, sec;
        if (scan_take_u64(&t, &h) < 0 || h > 1000000 || !scan_take_char(&t, ':') ||
            take_2digits(&t, 59, &m) < 0 || !scan_take_char(&t, ':') ||
            take_2digits(&t, 60, &sec) < 0 || t.n)
                return -EINVAL;
        *ret = h * 3600 + (uint64_t)m * 60 + (uint64_t)sec;
        return 0;
}

/* "Sun Nov 22 03:24:21 2026" (ctime(3) without the newline). */
static int parse_ctime(struct scan_span s, struct zfs_time *ret)
{
        struct scan_span wday, mon, mday, hms, year;
        uint64_t d, y;
        struct zfs_time t = {.valid = true};
        if (!scan_next_token(&s, &wday) || !scan_next_token(&s, &mon) ||
            !scan_next_token(&s, &mday) || !scan_next_token(&s, &hms) ||
            !scan_next_token(&s, &year) || scan_next_token(&s, &wday))
                return -EINVAL;
        if ((t.mon = month_of(mon)) < 0 || scan_u64(mday, &d) < 0 || d < 1 || d > 31 ||
            scan_u64(year, &y) < 0 || y < 1970 || y > 9999)
                return -EINVAL;
        if (take_2digits(&hms, 23, &t.hour) < 0 || !scan_take_char(&hms, ':') ||
            take_2digits(&hms, 59, &t.min) < 0 || !scan_take_char(&hms, ':') ||
            take_2digits(&hms, 60, &t.sec) < 0 || hms.n)
                return -EINVAL;
        t.mday = (int)d;
        t.year = (int)y;
        *ret = t;
        return 0;
}

int zfs_parse_ctime(const char *s, size_t len, struct zfs_time *ret)
{
        struct zfs_time t;
        if (parse_ctime((struct scan_span){s, len}, &t) < 0)
                return -EINVAL;
        *ret = t;
        return 0;
}

int zfs_parse_duration(const char *str, size_t len, uint32_t *ret)
{
        struct scan_span s = scan_trim((struct scan_span){str, len}), tok, save;
        uint64_t total = 0, v;

        save = s;
        if (scan_next_token(&s, &tok) && scan_u64(tok, &v) == 0 && take_word(&s, "days")) {
                /* "2 days 01:02:03" */
                if (!scan_next_token(&s, &tok) || parse_hms(tok, &total) < 0 ||
                    scan_next_token(&s, &tok) || v > 100000)
                        return -EINVAL;
                total += v * 86400;
        } else {
                s = save;
                if (parse_hms(s, &total) < 0) {
                        /* "55h33m", "1h2m3s", "12m", "40s" */
                        bool any = false;
                        total = 0;
                        while (s.n) {
                                if (scan_take_u64(&s, &v) < 0 || v > 100000000)
                                        return -EINVAL;
                                if (scan_take_char(&s, 'h'))
                                        total += v * 3600;
                                else if (scan_take_char(&s, 'm'))
                                        total += v * 60;
                                else if (scan_take_char(&s, 's'))
                                        total += v;
                                else
                                        return -EINVAL;
                                any = true;
                        }
                        if (!any)
                                return -EINVAL;
                }
        }
        *ret = total > UINT32_MAX ? UINT32_MAX : (uint32_t)total;
        return 0;
}

/* "96.19%" (or the German "96,19%" of a wrong locale) -> 9619. */
static int parse_percent(struct scan_span t, uint32_t *ret)
{
        char buf[24];
        uint64_t v;
        if (!scan_strip_suffix(&t, "%") || t.n == 0 || t.n >= sizeof(buf))
                return -EINVAL;
        memcpy(buf, t.p, t.n);
        for (size_t i = 0; i < t.n; i++)
                if (buf[i] == ',')
                        buf[i] = '.';
        if (scan_fixed((struct scan_span){buf, t.n}, 2, &v) < 0)
                return -EINVAL;
        *ret = v > 10000 ? 10000 : (uint32_t)v;
        return 0;
}

/* The "<P>% done" and "<T> to go" of any progress layout. */
static void parse_progress(struct scan_span p, struct zfs_scan *sc)
{
        struct scan_span line;
        while (scan_next_line(&p, &line)) {
                struct scan_span l = line, tok, prev = {NULL, 0};
                while (scan_next_token(&l, &tok)) {
                        struct scan_span t = tok;
                        scan_strip_suffix(&t, ",");
                        if ((scan_eq(t, "done")) && prev.n &&
                            parse_percent(prev, &sc->progress) == 0)
                                sc->has_progress = true;
                        prev = tok;
                }
                /* ", <T> to go": T sits between the last ", " before " to go" and it */
                const char *end = NULL;
                for (size_t i = 0; i + 6 <= line.n; i++) {
                        if (memcmp(line.p + i, " to go", 6) == 0)
                                end = line.p + i;
                }
                if (!end)
                        continue;
                const char *start = line.p;
                for (const char *q = line.p; q + 1 < end; q++) {
                        if (q[0] == ',' && q[1] == ' ')
                                start = q + 2;
                }
                if (zfs_parse_duration(start, (size_t)(end - start), &sc->eta_s) == 0)
                        sc->has_eta = true;
        }
}

int zfs_parse_scan(const char *line, size_t len, const char *progress, size_t plen,
                   struct zfs_scan *ret)
{
        struct scan_span s = scan_trim((struct scan_span){line, len}), tok;
        struct zfs_scan sc = {.func = ZFS_SCAN_FUNC_UNKNOWN, .state = ZFS_SCAN_UNKNOWN};
        bool finished_word = false;

        if (scan_has_nul(s) || (progress && scan_has_nul((struct scan_span){progress, plen})))
                return -EINVAL;
        if (scan_eq(s, "none requested")) {
                *ret = (struct zfs_scan){.func = ZFS_SCAN_FUNC_NONE, .state = ZFS_SCAN_NONE};
                return 0;
        }
        take_word(&s, "thorough");
        if (take_word(&s, "error")) {
                if (take_word(&s, "scrub"))
                        sc.func = ZFS_SCAN_FUNC_ERROR_SCRUB;
        } else if (take_word(&s, "scrub")) {
                sc.func = ZFS_SCAN_FUNC_SCRUB;
        } else if (take_word(&s, "resilver")) {
                sc.func = ZFS_SCAN_FUNC_RESILVER;
        } else if (take_word(&s, "resilvered")) {
                sc.func = ZFS_SCAN_FUNC_RESILVER;
                finished_word = true;
        }
        if (sc.func == ZFS_SCAN_FUNC_UNKNOWN) {
                *ret = sc;
                return 0;
        }
        /* dRAID's "(draid1:2d:4c:1s-0)" after the function word */
        struct scan_span save = s;
        if (scan_next_token(&s, &tok) && tok.n && tok.p[0] == '(') {
                while (!scan_ends_with(tok, ")") && scan_next_token(&s, &tok))
                        ;
        } else {
                s = save;
        }
        save = s;
        if (take_word(&s, "in") && take_word(&s, "progress") && take_word(&s, "since")) {
                sc.state = ZFS_SCAN_RUNNING;
        } else if ((s = save, take_word(&s, "paused") && take_word(&s, "since"))) {
                sc.state = ZFS_SCAN_PAUSED;
        } else if ((s = save, take_word(&s, "canceled") && take_word(&s, "on"))) {
                sc.state = ZFS_SCAN_CANCELED;
        } else {
                /* "[repaired] <size> [in <duration>] with <n> errors on <ctime>" */
                s = save;
                if (!finished_word && !take_word(&s, "repaired")) {
                        *ret = sc;
                        return 0;
                }
                bool found = false;
                while (scan_next_token(&s, &tok)) {
                        if (!scan_eq(tok, "with"))
                                continue;
                        struct scan_span n;
                        if (scan_next_token(&s, &n) && scan_u64(n, &sc.errors) == 0 &&
                            take_word(&s, "errors") && take_word(&s, "on")) {
                                found = true;
                                break;
                        }
                }
                if (!found) {
                        sc.errors = 0;
                        *ret = sc;
                        return 0;
                }
                sc.has_errors = true;
                sc.state = ZFS_SCAN_FINISHED;
        }
        if (parse_ctime(s, &sc.when) < 0)
                sc.when.valid = false;
        if (progress && (sc.state == ZFS_SCAN_RUNNING || sc.state == ZFS_SCAN_PAUSED))
                parse_progress((struct scan_span){progress, plen}, &sc);
        *ret = sc;
        return 0;
}

/* A READ/WRITE/CKSUM cell: exact under -p, abbreviated ("1.32K") without it. */
static int parse_count(struct scan_span t, uint64_t *ret)
{
        static const char suffix[] = "KMGTPE";
        uint64_t mult = 1, v;
        if (t.n == 0)
                return -EINVAL;
        const char *p = memchr(suffix, t.p[t.n - 1], sizeof(suffix) - 1);
        if (p) {
                for (const char *q = suffix; q <= p; q++)
                        mult *= 1000;
                t.n--;
        }
        if (mult == 1)
                return scan_u64(t, ret);
        if (scan_fixed(t, 2, &v) < 0 || v > UINT64_MAX / mult)
                return -EINVAL;
        *ret = v * mult / 100;
        return 0;
}

static enum zfs_vdev_state vdev_state_of(struct scan_span w)
{
        static const struct {
                const char *word;
                enum zfs_vdev_state s;
        } words[] = {
            {"ONLINE", ZFS_VDEV_ONLINE},   {"DEGRADED", ZFS_VDEV_DEGRADED},
            {"FAULTED", ZFS_VDEV_FAULTED}, {"OFFLINE", ZFS_VDEV_OFFLINE},
            {"REMOVED", ZFS_VDEV_REMOVED}, {"UNAVAIL", ZFS_VDEV_UNAVAIL},
            {"AVAIL", ZFS_VDEV_AVAIL},     {"INUSE", ZFS_VDEV_INUSE},
        };
        for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
                if (scan_eq(w, words[i].word))
                        return words[i].s;
        }
        return ZFS_VDEV_UNKNOWN;
}

static bool class_of(struct scan_span w, enum zfs_vdev_class *ret)
{
        static const struct {
                const char *word;
                enum zfs_vdev_class c;
        } words[] = {
            {"logs", ZFS_CLASS_LOG},        {"cache", ZFS_CLASS_CACHE}, {"spares", ZFS_CLASS_SPARE},
            {"special", ZFS_CLASS_SPECIAL}, {"dedup", ZFS_CLASS_DEDUP},
        };
        for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
                if (scan_eq(w, words[i].word)) {
                        *ret = words[i].c;
                        return true;
                }
        }
        return false;
}

/* Display column of the first non-blank byte: a TAB moves to the next multiple of 8. */
static size_t indent_of(struct scan_span line)
{
        size_t col = 0;
        for (size_t i = 0; i < line.n; i++) {
                if (line.p[i] == '\t')
                        col = (col / 8 + 1) * 8;
                else if (line.p[i] == ' ')
                        col++;
                else
                        break;
        }
        return col;
}

/* "  pool: tank", " state: ONLINE", "config:": a word and a colon after at most 7 spaces and
 * no TAB (continuation lines and the config table start with a TAB or 8 spaces). */
static bool key_line(struct scan_span line, struct scan_span *ret_key, struct scan_span *ret_val)
{
        size_t i = 0;
        while (i < line.n && line.p[i] == ' ')
                i++;
        if (i > 7 || i == line.n || line.p[i] == '\t')
                return false;
        size_t k = i;
        while (k < line.n && ((line.p[k] >= 'a' && line.p[k] <= 'z') || line.p[k] == '_'))
                k++;
        if (k == i || k == line.n || line.p[k] != ':')
                return false;
        *ret_key = (struct scan_span){line.p + i, k - i};
        *ret_val = scan_trim((struct scan_span){line.p + k + 1, line.n - k - 1});
        return true;
}

/* ---- the status parser ----------------------------------------------------------------------- */

enum section {
        SEC_NONE,
        SEC_HEAD,
        SEC_SCAN,
        SEC_CONFIG,
        SEC_ROWS,
        SEC_ERRFILES,
        SEC_DDT,
        SEC_DONE
};

struct parser {
        struct zpool_status st;
        size_t cap;
        struct zpool_status_pool *pool; /* the current one */
        size_t vcap;
        enum section sec;
        bool has_state, has_rows, has_errors, rows_ended;
        size_t base;                       /* indentation of the NAME header */
        enum zfs_vdev_class cls;           /* section of the config table */
        long at_depth[DEPTH_MAX];          /* index of the last vdev row seen at each depth */
        struct scan_span scan_line;        /* scan: value */
        const char *prog_start, *prog_end; /* its continuation lines */
        bool errfiles_started;
        bool ddt_table_started; /* the DDT histogram after the dedup line */
};

static void pool_free(struct zpool_status_pool *p)
{
        free(p->vdevs);
        p->vdevs = NULL;
        p->n_vdevs = 0;
}

void zpool_status_free(struct zpool_status *s)
{
        for (size_t i = 0; i < s->n; i++)
                pool_free(&s->v[i]);
        free(s->v);
        s->v = NULL;
        s->n = 0;
}

static int finish_scan(struct parser *ps)
{
        if (ps->sec != SEC_SCAN)
                return 0;
        ps->sec = SEC_HEAD;
        const char *pp = ps->prog_start;
        size_t pn = pp ? (size_t)(ps->prog_end - pp) : 0;
        if (zfs_parse_scan(ps->scan_line.p, ps->scan_line.n, pp, pn, &ps->pool->scan) < 0)
                return -EINVAL;
        ps->pool->has_scan = true;
        return 0;
}

static int finish_pool(struct parser *ps)
{
        if (!ps->pool)
                return 0;
        int r = finish_scan(ps);
        if (r < 0)
                return r;
        if (!ps->has_state || !ps->has_rows || !ps->has_errors)
                return -EBADMSG;
        ps->pool = NULL;
        return 0;
}

static int start_pool(struct parser *ps, struct scan_span name)
{
        int r = finish_pool(ps);
        if (r < 0)
                return r;
        if (name.n == 0)
                return -EINVAL;
        if (ps->st.n == ps->cap) {
                size_t ncap = ps->cap ? ps->cap * 2 : 4;
                struct zpool_status_pool *v = realloc(ps->st.v, ncap * sizeof(*v));
                if (!v)
                        return -ENOMEM;
                ps->st.v = v;
                ps->cap = ncap;
        }
        ps->pool = &ps->st.v[ps->st.n++];
        memset(ps->pool, 0, sizeof(*ps->pool));
        ps->pool->health = ZFS_HEALTH_UNKNOWN;
        ps->pool->scan = (struct zfs_scan){.func = ZFS_SCAN_FUNC_NONE, .state = ZFS_SCAN_NONE};
        ps->vcap = 0;
        ps->has_state = ps->has_rows = ps->has_errors = ps->rows_ended = false;
        ps->sec = SEC_HEAD;
        if (!scan_copy(name, ps->pool->name, sizeof(ps->pool->name)))
                return -EINVAL;
        return 0;
}

static int parse_errors(struct parser *ps, struct scan_span v)
{
        uint64_t n;
        struct scan_span t = v;
        ps->has_errors = true;
        ps->sec = SEC_HEAD;
        if (scan_starts_with(v, "No known data errors"))
                return 0;
        if (scan_take_u64(&t, &n) == 0) {
                ps->pool->data_errors = n;
                return 0;
        }
        if (scan_starts_with(v, "Permanent errors")) {
                ps->sec = SEC_ERRFILES;
                ps->errfiles_started = false;
        }
        return 0;
}

static int add_row(struct parser *ps, struct scan_span line)
{
        struct zpool_status_pool *p = ps->pool;
        size_t col = indent_of(line);
        struct scan_span rest = line, name, state, tok;

        if (col < ps->base || !scan_next_token(&rest, &name))
                return -EINVAL;
        size_t depth = (col - ps->base) / 2;
        if (depth == 0) {
                enum zfs_vdev_class c;
                if (!ps->has_rows) {
                        /* the pool's own row */
                        ps->has_rows = true;
                        struct scan_span r2 = rest;
                        if (scan_next_token(&r2, &state) && scan_next_token(&r2, &tok) &&
                            parse_count(tok, &p->read) == 0 && scan_next_token(&r2, &tok) &&
                            parse_count(tok, &p->write) == 0 && scan_next_token(&r2, &tok))
                                parse_count(tok, &p->cksum);
                } else if (class_of(name, &c)) {
                        ps->cls = c;
                }
                for (size_t i = 0; i < DEPTH_MAX; i++)
                        ps->at_depth[i] = -1;
                return 0;
        }
        if (!ps->has_rows)
                return -EINVAL;
        if (depth >= DEPTH_MAX)
                return -EINVAL;
        if (p->n_vdevs == ps->vcap) {
                size_t ncap = ps->vcap ? ps->vcap * 2 : 8;
                struct zpool_vdev *v = realloc(p->vdevs, ncap * sizeof(*v));
                if (!v)
                        return -ENOMEM;
                p->vdevs = v;
                ps->vcap = ncap;
        }
        struct zpool_vdev *vd = &p->vdevs[p->n_vdevs];
        memset(vd, 0, sizeof(*vd));
        if (!scan_copy(name, vd->name, sizeof(vd->name)))
                return -EINVAL;
        vd->depth = (unsigned)depth;
        vd->cls = ps->cls;
        vd->leaf = true;
        vd->state = ZFS_VDEV_UNKNOWN;
        if (depth > 1 && ps->at_depth[depth - 1] >= 0) {
                struct zpool_vdev *parent = &p->vdevs[ps->at_depth[depth - 1]];
                parent->leaf = false;
                memcpy(vd->parent, parent->name, sizeof(vd->parent));
        }
        if (scan_next_token(&rest, &state)) {
                scan_copy(state, vd->state_word, sizeof(vd->state_word));
                vd->state = vdev_state_of(state);
                struct scan_span r2 = rest, a, b, c;
                if (scan_next_token(&r2, &a) && scan_next_token(&r2, &b) &&
                    scan_next_token(&r2, &c) && parse_count(a, &vd->read) == 0 &&
                    parse_count(b, &vd->write) == 0 && parse_count(c, &vd->cksum) == 0) {
                        vd->has_counters = true;
                        rest = r2;
                } else {
                        vd->read = vd->write = vd->cksum = 0;
                }
                scan_copy(scan_trim(rest), vd->note, sizeof(vd->note));
        }
        /* a missing device is printed by its GUID: up to 20 digits of a 64-bit number */
        uint64_t guid;
        if (name.n >= 10 && name.n <= 20 && scan_u64(name, &guid) == 0)
                scan_copy(name, vd->guid, sizeof(vd->guid));
        ps->at_depth[depth] = (long)p->n_vdevs;
        for (size_t i = depth + 1; i < DEPTH_MAX; i++)
                ps->at_depth[i] = -1;
        p->n_vdevs++;
        return 0;
}

/* A zfs_nicebytes() size ("216B", "1.69K", "0B") or, under -p on newer releases, exact bytes. */
static int parse_nicebytes(struct scan_span t, uint64_t *ret)
{
        static const char suffix[] = "KMGTPE";
        uint64_t mult = 1, v;
        scan_strip_suffix(&t, ",");
        scan_strip_suffix(&t, "B");
        if (t.n == 0)
                return -EINVAL;
        const char *p = memchr(suffix, t.p[t.n - 1], sizeof(suffix) - 1);
        if (p) {
                for (const char *q = suffix; q <= p; q++)
                        mult *= 1024;
                t.n--;
        }
        if (scan_fixed(t, 2, &v) < 0 || v > UINT64_MAX / mult)
                return -EINVAL;
        *ret = v * mult / 100;
        return 0;
}

/* "DDT entries 5371, size 1.69K on disk, 216B in core" or "no DDT entries" */
static int parse_ddt(struct parser *ps, struct scan_span v)
{
        struct scan_span tok;
        struct zpool_status_pool *p = ps->pool;
        ps->sec = SEC_DDT;
        ps->ddt_table_started = false;
        p->n_ddt_hist = 0;
        if (scan_eq(v, "no DDT entries")) {
                p->has_ddt = true;
                p->ddt_entries = p->ddt_disk_per_entry = p->ddt_core_per_entry = 0;
                return 0;
        }
        if (!take_word(&v, "DDT") || !take_word(&v, "entries") || !scan_next_token(&v, &tok))
                return -EINVAL;
        scan_strip_suffix(&tok, ",");
        if (scan_u64(tok, &p->ddt_entries) < 0 || !take_word(&v, "size") ||
            !scan_next_token(&v, &tok) || parse_nicebytes(tok, &p->ddt_disk_per_entry) < 0 ||
            !take_word(&v, "on") || !take_word(&v, "disk,") || !scan_next_token(&v, &tok) ||
            parse_nicebytes(tok, &p->ddt_core_per_entry) < 0 || !take_word(&v, "in") ||
            !take_word(&v, "core"))
                return -EINVAL;
        p->has_ddt = true;
        return 0;
}

/* One line of the DDT histogram: the two header lines, the rules of '_' and '-', a bucket row
 * of nine numbers, or the " Total" row (dropped: it is the sum of the others). */
static int parse_ddt_row(struct zpool_status_pool *p, struct scan_span line)
{
        struct scan_span rest = line, tok;
        uint64_t v[9];
        size_t n = 0;
        if (!scan_next_token(&rest, &tok))
                return 0;
        if (scan_eq(tok, "bucket") || scan_eq(tok, "refcnt") || scan_eq(tok, "Total") ||
            tok.p[0] == '_' || tok.p[0] == '-')
                return 0;
        do {
                if (n == 9 || parse_nicebytes(tok, &v[n]) < 0)
                        return -EINVAL;
                n++;
        } while (scan_next_token(&rest, &tok));
        if (n != 9 || v[0] == 0 || p->n_ddt_hist == ZFS_DDT_BUCKETS_MAX)
                return -EINVAL;
        p->ddt_hist[p->n_ddt_hist++] = (struct zfs_ddt_bucket){
            .refcnt = v[0],
            .alloc_blocks = v[1],
            .alloc_lsize = v[2],
            .alloc_psize = v[3],
            .alloc_dsize = v[4],
            .ref_blocks = v[5],
            .ref_lsize = v[6],
            .ref_psize = v[7],
            .ref_dsize = v[8],
        };
        return 0;
}

static int parse_line(struct parser *ps, struct scan_span line)
{
        struct scan_span key, val, t = scan_trim(line);

        if (key_line(line, &key, &val)) {
                int r = finish_scan(ps);
                if (r < 0)
                        return r;
                if (ps->sec == SEC_ROWS || ps->sec == SEC_CONFIG)
                        ps->rows_ended = true;
                if (scan_eq(key, "pool"))
                        return start_pool(ps, val);
                if (!ps->pool)
                        return -EINVAL;
                if (scan_eq(key, "state")) {
                        ps->pool->health = zfs_health_from_word(val);
                        ps->has_state = true;
                        ps->sec = SEC_HEAD;
                } else if (scan_eq(key, "scan") || scan_eq(key, "scrub")) {
                        ps->sec = SEC_SCAN;
                        ps->scan_line = val;
                        ps->prog_start = ps->prog_end = NULL;
                } else if (scan_eq(key, "config")) {
                        ps->sec = SEC_CONFIG;
                        ps->cls = ZFS_CLASS_NORMAL;
                } else if (scan_eq(key, "errors")) {
                        return parse_errors(ps, val);
                } else if (scan_eq(key, "dedup")) {
                        return parse_ddt(ps, val);
                } else {
                        ps->sec = SEC_HEAD; /* status, action, see, remove, checkpoint ... */
                }
                return 0;
        }
        if (t.n == 0) {
                if (ps->sec == SEC_ROWS)
                        ps->sec = SEC_DONE;
                else if (ps->sec == SEC_ERRFILES && ps->errfiles_started)
                        ps->sec = SEC_DONE;
                else if (ps->sec == SEC_DDT && ps->ddt_table_started)
                        ps->sec = SEC_DONE;
                return 0;
        }
        if (ps->pool && scan_starts_with(line, "DDT entries")) {
                int r = finish_scan(ps);
                return r < 0 ? r : parse_ddt(ps, line); /* releases before the "dedup:" key */
        }
        if (ps->sec == SEC_DDT) {
                ps->ddt_table_started = true;
                return ps->pool ? parse_ddt_row(ps->pool, line) : -EINVAL;
        }
        if (!ps->pool)
                return scan_eq(t, "no pools available") ? 0 : -EINVAL;
        if (indent_of(line) == 0)
                return -EINVAL; /* not a key and not indented: not zpool's text */
        switch (ps->sec) {
        case SEC_SCAN:
                if (!ps->prog_start)
                        ps->prog_start = line.p;
                ps->prog_end = line.p + line.n;
                return 0;
        case SEC_CONFIG: {
                struct scan_span l = line, tok;
                if (!scan_next_token(&l, &tok) || !scan_eq(tok, "NAME"))
                        return -EINVAL;
                ps->base = indent_of(line);
                ps->sec = SEC_ROWS;
                for (size_t i = 0; i < DEPTH_MAX; i++)
                        ps->at_depth[i] = -1;
                return 0;
        }
        case SEC_ROWS:
                return add_row(ps, line);
        case SEC_ERRFILES:
                ps->errfiles_started = true;
                ps->pool->data_errors++;
                return 0;
        default:
                return 0; /* continuation of status:/action:/see: text */
        }
}

int zfs_parse_zpool_status(const char *buf, size_t len, struct zpool_status *ret)
{
        struct scan_span s = {buf, len}, line;
        struct parser ps = {.sec = SEC_NONE};
        int r = 0;

        if (scan_has_nul(s))
                return -EINVAL;
        while (r == 0 && scan_next_line(&s, &line))
                r = parse_line(&ps, line);
        if (r == 0)
                r = finish_pool(&ps);
        if (r < 0) {
                zpool_status_free(&ps.st);
                return r;
        }
        *ret = ps.st;
        return 0;
}
