/* Parser for /proc/mdstat: the personality list, one record per array (header, blocks line,
 * resync status line, bitmap line) and its members with their (W)(J)(F)(S)(R) flags.
 * Reads a caller-supplied buffer (not NUL-terminated); feeds srvhRaidArrayTable/MemberTable. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "core/scan.h"
#include "md/md_parse.h"

/* A non-negative int at the front of *s ("3" of "[3]"): desc_nr and disk counts. */
static bool take_int(struct scan_span *s, int *ret)
{
        struct scan_span t = *s;
        uint64_t v;

        if (scan_take_u64(&t, &v) < 0 || v > INT_MAX)
                return false;
        *s = t;
        *ret = (int)v;
        return true;
}

/* ---- growable vectors ----------------------------------------------------------------------- */

static void *grow(void *v, size_t *cap, size_t want, size_t elem)
{
        size_t ncap;
        void *nv;

        if (want <= *cap)
                return v;
        ncap = *cap ? *cap : 4;
        while (ncap < want) {
                if (ncap > SIZE_MAX / 2 / elem)
                        return NULL;
                ncap *= 2;
        }
        nv = realloc(v, ncap * elem);
        if (!nv)
                return NULL;
        *cap = ncap;
        return nv;
}

struct builder {
        struct mdstat *m;
        size_t arrays_cap;
        size_t pers_cap;
        size_t members_cap;        /* of the last array */
        struct mdstat_array *cur;  /* array whose block we are in, or NULL between arrays */
        struct mdstat_array *prev; /* array whose block the last blank line ended, or NULL */
        unsigned seen;             /* 1 << line_kind of the lines cur's block has had */
        const char *base;          /* the input, for offsets */
        bool saw_personalities;
};

/* Records the first text of a that could not be placed. */
static void mark_unparsed(struct mdstat_array *a, size_t off)
{
        if (a->unparsed)
                return;
        a->unparsed = true;
        a->unparsed_offset = off;
}

/* ---- the lines ------------------------------------------------------------------------------- */

static int parse_personalities(struct builder *b, struct scan_span rest)
{
        struct scan_span tok;

        b->saw_personalities = true;
        while (scan_next_token(&rest, &tok)) {
                char *name;
                char **np;

                if (tok.n < 3 || tok.p[0] != '[' || tok.p[tok.n - 1] != ']')
                        continue;
                name = malloc(tok.n - 1);
                if (!name)
                        return -ENOMEM;
                memcpy(name, tok.p + 1, tok.n - 2);
                name[tok.n - 2] = '\0';
                np =
                    grow(b->m->personalities, &b->pers_cap, b->m->n_personalities + 1, sizeof(*np));
                if (!np) {
                        free(name);
                        return -ENOMEM;
                }
                b->m->personalities = np;
                np[b->m->n_personalities++] = name;
        }
        return 0;
}

static bool valid_name(struct scan_span s)
{
        if (s.n == 0)
                return false;
        for (size_t i = 0; i < s.n; i++) {
                char c = s.p[i];

                if (!(scan_is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                      c == '_' || c == '-' || c == '.' || c == '/' || c == '!'))
                        return false;
        }
        return true;
}

/* "sda1[3](W)(F)" -> member; false when the token is not of that shape. */
static bool parse_member(struct scan_span tok, struct mdstat_member *ret)
{
        struct mdstat_member mb = {.flags = 0};
        size_t open = tok.n;
        struct scan_span name;

        (void)scan_find(tok, '[', &open); /* no '[': the whole token, rejected below */
        name = (struct scan_span){tok.p, open};
        if (!valid_name(name))
                return false;
        tok.p += name.n;
        tok.n -= name.n;
        if (!scan_take_char(&tok, '[') || !take_int(&tok, &mb.desc_nr) ||
            !scan_take_char(&tok, ']'))
                return false;
        while (tok.n >= 3 && tok.p[0] == '(' && tok.p[2] == ')') {
                switch (tok.p[1]) {
                case 'W':
                        mb.flags |= MDSTAT_MF_WRITEMOSTLY;
                        break;
                case 'J':
                        mb.flags |= MDSTAT_MF_JOURNAL;
                        break;
                case 'F':
                        mb.flags |= MDSTAT_MF_FAULTY;
                        break;
                case 'S':
                        mb.flags |= MDSTAT_MF_SPARE;
                        break;
                case 'R':
                        mb.flags |= MDSTAT_MF_REPLACEMENT;
                        break;
                default: /* a flag from a future kernel */
                        break;
                }
                tok.p += 3;
                tok.n -= 3;
        }
        if (tok.n != 0)
                return false;
        (void)scan_copy(name, mb.name, sizeof(mb.name));
        *ret = mb;
        return true;
}

static void array_init(struct mdstat_array *a)
{
        memset(a, 0, sizeof(*a));
        a->activity = MDSTAT_ACTIVE;
        a->ro = MDSTAT_RW;
        a->raid_disks = -1;
        a->working_disks = -1;
        a->sync = MDSTAT_SYNC_NONE;
}

/* "md0 : active (read-only) raid1 sdb1[1] sda1[0]", starting at input offset off. Returns 1
 * when a new array was added, 0 when the line is not a readable header (skipped), -ENOMEM. */
static int parse_header(struct builder *b, struct scan_span name, struct scan_span rest, size_t off)
{
        struct mdstat_array a;
        struct mdstat_array *arrays;
        struct scan_span tok;
        struct mdstat *m = b->m;

        if (!valid_name(name) || !scan_next_token(&rest, &tok))
                return 0;
        array_init(&a);
        (void)scan_copy(name, a.name, sizeof(a.name));
        if (scan_eq(tok, "active"))
                a.activity = MDSTAT_ACTIVE;
        else if (scan_eq(tok, "inactive"))
                a.activity = MDSTAT_INACTIVE;
        else if (scan_eq(tok, "broken"))
                a.activity = MDSTAT_BROKEN;
        else
                return 0;

        arrays = grow(m->arrays, &b->arrays_cap, m->n_arrays + 1, sizeof(*arrays));
        if (!arrays)
                return -ENOMEM;
        m->arrays = arrays;
        b->members_cap = 0;

        while (scan_next_token(&rest, &tok)) {
                struct mdstat_member mb;
                struct mdstat_member *mv;

                if (scan_eq(tok, "(read-only)")) {
                        a.ro = MDSTAT_READONLY;
                        continue;
                }
                if (scan_eq(tok, "(auto-read-only)")) {
                        a.ro = MDSTAT_READ_AUTO;
                        continue;
                }
                if (a.activity != MDSTAT_INACTIVE && a.level[0] == '\0' && a.n_members == 0 &&
                    !scan_find(tok, '[', NULL)) {
                        (void)scan_copy(tok, a.level, sizeof(a.level));
                        continue;
                }
                if (!parse_member(tok, &mb)) {
                        mark_unparsed(&a, off);
                        continue;
                }
                mv = grow(a.members, &b->members_cap, a.n_members + 1, sizeof(*mv));
                if (!mv) {
                        free(a.members);
                        return -ENOMEM;
                }
                a.members = mv;
                mv[a.n_members++] = mb;
        }
        m->arrays[m->n_arrays++] = a;
        b->cur = &m->arrays[m->n_arrays - 1];
        b->prev = NULL;
        b->seen = 0;
        return 1;
}

/* "  1953382400 blocks super 1.2 level 5, 512k chunk, algorithm 2 [4/3] [UUU_]". Words it
 * does not use differ between personalities and are skipped; false when the number or a
 * "[...]" does not read (a read cut short ends in "[U"). */
static bool parse_blocks_line(struct mdstat_array *a, struct scan_span line)
{
        struct scan_span tok, prev = {NULL, 0};
        uint64_t v;
        bool ok = true;

        if (!scan_next_token(&line, &tok) || scan_u64(tok, &v) < 0)
                return false;
        a->blocks_kib = v;
        if (!scan_next_token(&line, &tok) || !scan_eq(tok, "blocks"))
                return false;
        while (scan_next_token(&line, &tok)) {
                struct scan_span t = tok;

                if (scan_eq(tok, "super")) {
                        if (scan_next_token(&line, &tok))
                                (void)scan_copy(tok, a->metadata, sizeof(a->metadata));
                        prev.p = NULL;
                        continue;
                }
                if (scan_starts_with(tok, "chunk") && prev.p != NULL) {
                        /* "<k>k chunk," / "<k>k chunks" / "<K>K chunks" */
                        struct scan_span num = prev;

                        if (scan_strip_suffix(&num, "k") || scan_strip_suffix(&num, "K")) {
                                if (scan_u64(num, &v) == 0 && v <= UINT32_MAX)
                                        a->chunk_kib = (uint32_t)v;
                        }
                }
                if (scan_take_char(&t, '[')) {
                        int n, w;

                        if (take_int(&t, &n) && scan_take_char(&t, '/') && take_int(&t, &w) &&
                            scan_take_char(&t, ']') && t.n == 0) {
                                a->raid_disks = n;
                                a->working_disks = w;
                        } else if (tok.n >= 2 && tok.p[tok.n - 1] == ']') {
                                struct scan_span map = {tok.p + 1, tok.n - 2};
                                bool good = true;

                                for (size_t i = 0; i < map.n; i++)
                                        if (map.p[i] != 'U' && map.p[i] != '_')
                                                good = false;
                                if (good)
                                        (void)scan_copy(map, a->slot_map, sizeof(a->slot_map));
                                else
                                        ok = false;
                        } else {
                                ok = false;
                        }
                }
                prev = tok;
        }
        return ok;
}

static enum mdstat_sync sync_verb(struct scan_span verb)
{
        if (scan_eq(verb, "resync"))
                return MDSTAT_SYNC_RESYNC;
        if (scan_eq(verb, "recovery") || scan_eq(verb, "recover"))
                return MDSTAT_SYNC_RECOVERY;
        if (scan_eq(verb, "check"))
                return MDSTAT_SYNC_CHECK;
        if (scan_eq(verb, "repair"))
                return MDSTAT_SYNC_REPAIR;
        if (scan_eq(verb, "reshape"))
                return MDSTAT_SYNC_RESHAPE;
        return MDSTAT_SYNC_NONE;
}

/* "[=>...]  recovery =  8.5% (1/2) finish=1.0min speed=10K/sec", "\tresync=DELAYED". Figures
 * after the percentage vary between kernels and are optional; false when the line has no verb
 * or no percentage. */
static bool parse_status_line(struct mdstat_array *a, struct scan_span line)
{
        struct scan_span verb, tok;
        enum mdstat_sync kind;
        uint64_t v;
        struct mdstat_array r = *a;

        line = scan_trim(line);
        if (scan_take_char(&line, '[')) {
                struct scan_span bar;

                if (!scan_split(line, ']', &bar, &line))
                        return false;
        }
        /* "<verb> = <value>", blanks optional around '=' */
        if (!scan_split(line, '=', &verb, &line))
                return false;
        kind = sync_verb(verb);
        if (kind == MDSTAT_SYNC_NONE)
                return false;

        if (scan_starts_with(line, "DELAYED"))
                kind = MDSTAT_SYNC_DELAYED;
        else if (scan_starts_with(line, "PENDING"))
                kind = MDSTAT_SYNC_PENDING;
        else if (scan_starts_with(line, "REMOTE"))
                kind = MDSTAT_SYNC_REMOTE;
        if (kind >= MDSTAT_SYNC_DELAYED) {
                a->sync = kind;
                return true;
        }

        if (scan_take_fixed(&line, 1, &v) < 0 || !scan_take_char(&line, '%'))
                return false;
        r.sync = kind;
        r.sync_permille = v > 1000 ? 1000 : (uint32_t)v;
        while (scan_next_token(&line, &tok)) {
                struct scan_span t = tok;
                uint64_t x, y;

                if (scan_take_char(&t, '(')) {
                        if (scan_take_u64(&t, &x) == 0 && scan_take_char(&t, '/') &&
                            scan_take_u64(&t, &y) == 0 && scan_take_char(&t, ')') && t.n == 0) {
                                r.sync_done_kib = x;
                                r.sync_total_kib = y;
                        }
                } else if (scan_take_prefix(&t, "finish=")) {
                        if (scan_take_fixed(&t, 1, &x) == 0 && scan_eq(t, "min"))
                                r.sync_finish_tenth_min = x;
                } else if (scan_take_prefix(&t, "speed=")) {
                        if (scan_take_u64(&t, &x) == 0 && scan_eq(t, "K/sec"))
                                r.sync_speed_kib = x;
                }
        }
        *a = r;
        return true;
}

/* "bitmap: 3/8 pages [12KB], 65536KB chunk, file: /var/md0.bitmap"; false when the page
 * counts do not read. */
static bool parse_bitmap_line(struct mdstat_array *a, struct scan_span line)
{
        struct scan_span tok, prev = {NULL, 0};
        uint64_t used = 0, total = 0, chunk = 0;

        line = scan_trim(line);
        if (!scan_take_prefix(&line, "bitmap:"))
                return false;
        line = scan_trim(line);
        if (scan_take_u64(&line, &used) < 0 || !scan_take_char(&line, '/') ||
            scan_take_u64(&line, &total) < 0)
                return false;
        if (used > UINT32_MAX || total > UINT32_MAX)
                return false;
        while (scan_next_token(&line, &tok)) {
                if (scan_starts_with(tok, "chunk") && prev.p != NULL) {
                        struct scan_span num = prev;
                        uint64_t mult = 0, v;

                        if (scan_strip_suffix(&num, "KB"))
                                mult = 1024;
                        else if (scan_strip_suffix(&num, "B"))
                                mult = 1;
                        if (mult && scan_u64(num, &v) == 0 && v <= UINT64_MAX / mult)
                                chunk = v * mult;
                        break;
                }
                prev = tok;
        }
        a->has_bitmap = true;
        a->bitmap_pages_used = (uint32_t)used;
        a->bitmap_pages_total = (uint32_t)total;
        a->bitmap_chunk_bytes = chunk;
        return true;
}

/* What a line of an array's block is, told by its content alone: pasted and re-indented copies
 * move the kernel's indentation around, so it is not used. */
enum line_kind {
        LINE_OTHER = 0,
        LINE_BLOCKS, /* "<N> blocks ..." */
        LINE_STATUS, /* "[==>...] recovery = ...", "resync=DELAYED" */
        LINE_BITMAP, /* "bitmap: ..." */
};

static enum line_kind line_kind(struct scan_span t)
{
        struct scan_span probe = t, tok, bar, verb, value;

        if (scan_starts_with(t, "bitmap:"))
                return LINE_BITMAP;
        if (t.n > 0 && scan_is_digit(t.p[0]) && scan_next_token(&probe, &tok) &&
            scan_next_token(&probe, &tok) && scan_eq(tok, "blocks"))
                return LINE_BLOCKS;
        probe = t;
        if (scan_take_char(&probe, '[') && !scan_split(probe, ']', &bar, &probe))
                return LINE_OTHER;
        if (scan_split(probe, '=', &verb, &value) && sync_verb(verb) != MDSTAT_SYNC_NONE)
                return LINE_STATUS;
        return LINE_OTHER;
}

/* A trimmed, non-empty line at input offset off inside the block of b->cur. */
static void parse_array_line(struct builder *b, struct scan_span t, size_t off)
{
        enum line_kind kind = line_kind(t);
        struct mdstat_array *a = b->cur;
        bool ok = false;

        if (kind != LINE_OTHER && !(b->seen & (1u << kind))) {
                b->seen |= 1u << kind;
                if (kind == LINE_BITMAP)
                        ok = parse_bitmap_line(a, t);
                else if (kind == LINE_BLOCKS)
                        ok = parse_blocks_line(a, t);
                else
                        ok = parse_status_line(a, t);
        }
        if (!ok)
                mark_unparsed(a, off);
}

static int parse_line(struct builder *b, struct scan_span line)
{
        struct scan_span t = scan_trim(line), name, rest;
        size_t off = (size_t)(line.p - b->base);
        int r;

        if (t.n == 0) {
                /* The kernel ends each array's block with a blank line, and prints none inside
                 * one: what follows is between arrays. */
                if (b->cur)
                        b->prev = b->cur;
                b->cur = NULL;
                return 0;
        }
        if (scan_take_prefix(&t, "Personalities")) {
                b->cur = b->prev = NULL;
                t = scan_trim(t);
                if (scan_take_char(&t, ':'))
                        return parse_personalities(b, t);
                return 0;
        }
        if (scan_starts_with(t, "unused devices:")) {
                b->cur = b->prev = NULL;
                return 0;
        }
        /* "<name> : <activity> ...", however indented */
        if (scan_split(t, ':', &name, &rest) && valid_name(name)) {
                r = parse_header(b, name, rest, off);
                if (r != 0)
                        return r < 0 ? r : 0;
                if (scan_starts_with(name, "md")) {
                        /* An array's header we cannot read (kernel names all start with "md"):
                         * its lines must not land in the array before it. */
                        b->cur = b->prev = NULL;
                        return 0;
                }
        }
        if (b->cur) {
                parse_array_line(b, t, off);
        } else if (b->prev && line_kind(t) != LINE_OTHER) {
                /* An array's line after its block ended (a double-spaced paste): where it
                 * belongs is a guess, and dropping it silently would hide it. */
                mark_unparsed(b->prev, off);
        }
        /* Anything else is text between arrays (old kernels' read_ahead line): no array's. */
        return 0;
}

void mdstat_free(struct mdstat *m)
{
        if (!m)
                return;
        for (size_t i = 0; i < m->n_personalities; i++)
                free(m->personalities[i]);
        free(m->personalities);
        for (size_t i = 0; i < m->n_arrays; i++)
                free(m->arrays[i].members);
        free(m->arrays);
        free(m);
}

int md_parse_mdstat(const char *buf, size_t len, struct mdstat **ret)
{
        struct builder b = {.base = buf};
        struct scan_span in = {buf, len}, line;
        int r;

        if (!ret || (!buf && len > 0))
                return -EINVAL;
        /* The kernel never writes a NUL; C string code downstream would cut text at one. */
        if (scan_has_nul(in))
                return -EINVAL;
        b.m = calloc(1, sizeof(*b.m));
        if (!b.m)
                return -ENOMEM;
        while (scan_next_line(&in, &line)) {
                r = parse_line(&b, line);
                if (r < 0) {
                        mdstat_free(b.m);
                        return r;
                }
        }
        if (!b.saw_personalities && b.m->n_arrays == 0) {
                mdstat_free(b.m);
                return -EINVAL;
        }
        *ret = b.m;
        return 0;
}
