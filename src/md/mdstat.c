/* Parser for /proc/mdstat: the personality list, one record per array (header, blocks line,
 * resync status line, bitmap line) and its members with their (W)(J)(F)(S)(R) flags.
 * Reads a caller-supplied buffer (not NUL-terminated); feeds srvhRaidArrayTable/MemberTable. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "md/md_parse.h"

/* A view into the input: never NUL-terminated, never read past n. */
struct span {
        const char *p;
        size_t n;
};

static bool is_blank(char c)
{
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

static bool is_digit(char c)
{
        return c >= '0' && c <= '9';
}

static struct span span_trim(struct span s)
{
        while (s.n > 0 && is_blank(s.p[0])) {
                s.p++;
                s.n--;
        }
        while (s.n > 0 && is_blank(s.p[s.n - 1]))
                s.n--;
        return s;
}

static bool span_eq(struct span s, const char *lit)
{
        size_t l = strlen(lit);

        return s.n == l && memcmp(s.p, lit, l) == 0;
}

static bool span_starts(struct span s, const char *lit)
{
        size_t l = strlen(lit);

        return s.n >= l && memcmp(s.p, lit, l) == 0;
}

static bool span_ends(struct span s, const char *lit)
{
        size_t l = strlen(lit);

        return s.n >= l && memcmp(s.p + s.n - l, lit, l) == 0;
}

/* Splits off the next blank-separated token of *s; false when none is left. */
static bool next_token(struct span *s, struct span *tok)
{
        while (s->n > 0 && is_blank(s->p[0])) {
                s->p++;
                s->n--;
        }
        if (s->n == 0)
                return false;
        tok->p = s->p;
        tok->n = 0;
        while (s->n > 0 && !is_blank(s->p[0])) {
                s->p++;
                s->n--;
                tok->n++;
        }
        return true;
}

/* Reads the leading decimal digits of *s into *ret (advancing *s); false on none or overflow. */
static bool take_u64(struct span *s, uint64_t *ret)
{
        uint64_t v = 0;
        size_t i = 0;

        while (i < s->n && is_digit(s->p[i])) {
                unsigned d = (unsigned)(s->p[i] - '0');

                if (v > (UINT64_MAX - d) / 10)
                        return false;
                v = v * 10 + d;
                i++;
        }
        if (i == 0)
                return false;
        s->p += i;
        s->n -= i;
        *ret = v;
        return true;
}

static bool take_int(struct span *s, int *ret)
{
        uint64_t v = 0;
        struct span t = *s;

        if (!take_u64(&t, &v) || v > INT_MAX)
                return false;
        *s = t;
        *ret = (int)v;
        return true;
}

static bool take_char(struct span *s, char c)
{
        if (s->n == 0 || s->p[0] != c)
                return false;
        s->p++;
        s->n--;
        return true;
}

static bool take_lit(struct span *s, const char *lit)
{
        if (!span_starts(*s, lit))
                return false;
        s->p += strlen(lit);
        s->n -= strlen(lit);
        return true;
}

/* Whole token is a decimal number. */
static bool span_to_u64(struct span s, uint64_t *ret)
{
        uint64_t v = 0;

        if (!take_u64(&s, &v) || s.n != 0)
                return false;
        *ret = v;
        return true;
}

/* Copies s into out[outsz], truncating; always NUL-terminates. */
static void copy_trunc(char *out, size_t outsz, struct span s)
{
        size_t n = s.n < outsz - 1 ? s.n : outsz - 1;

        memcpy(out, s.p, n);
        out[n] = '\0';
}

/* "12.3" -> 123 tenths; "7" -> 70. Advances past the number. */
static bool take_tenths(struct span *s, uint64_t *ret)
{
        struct span t = *s;
        uint64_t whole = 0, tenths = 0;

        if (!take_u64(&t, &whole))
                return false;
        if (take_char(&t, '.')) {
                if (t.n == 0 || !is_digit(t.p[0]))
                        return false;
                tenths = (uint64_t)(t.p[0] - '0');
                while (t.n > 0 && is_digit(t.p[0])) {
                        t.p++;
                        t.n--;
                }
        }
        if (whole > (UINT64_MAX - tenths) / 10)
                return false;
        *ret = whole * 10 + tenths;
        *s = t;
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
        size_t members_cap;       /* of the last array */
        struct mdstat_array *cur; /* array whose continuation lines we are reading, or NULL */
        bool saw_personalities;
};

/* ---- the lines ------------------------------------------------------------------------------- */

static int parse_personalities(struct builder *b, struct span rest)
{
        struct span tok;

        b->saw_personalities = true;
        while (next_token(&rest, &tok)) {
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

static bool valid_name(struct span s)
{
        if (s.n == 0)
                return false;
        for (size_t i = 0; i < s.n; i++) {
                char c = s.p[i];

                if (!(is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
                      c == '-' || c == '.' || c == '/' || c == '!'))
                        return false;
        }
        return true;
}

/* "sda1[3](W)(F)" -> member; false when the token is not of that shape. */
static bool parse_member(struct span tok, struct mdstat_member *ret)
{
        struct mdstat_member mb = {.flags = 0};
        struct span name = {tok.p, 0};

        while (name.n < tok.n && tok.p[name.n] != '[')
                name.n++;
        if (!valid_name(name))
                return false;
        tok.p += name.n;
        tok.n -= name.n;
        if (!take_char(&tok, '[') || !take_int(&tok, &mb.desc_nr) || !take_char(&tok, ']'))
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
        copy_trunc(mb.name, sizeof(mb.name), name);
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

/* "md0 : active (read-only) raid1 sdb1[1] sda1[0]". Returns 1 when a new array was added, 0
 * when the line is not a readable header (skipped), -ENOMEM. */
static int parse_header(struct builder *b, struct span name, struct span rest)
{
        struct mdstat_array a;
        struct mdstat_array *arrays;
        struct span tok;
        struct mdstat *m = b->m;

        if (!valid_name(name) || !next_token(&rest, &tok))
                return 0;
        array_init(&a);
        copy_trunc(a.name, sizeof(a.name), name);
        if (span_eq(tok, "active"))
                a.activity = MDSTAT_ACTIVE;
        else if (span_eq(tok, "inactive"))
                a.activity = MDSTAT_INACTIVE;
        else if (span_eq(tok, "broken"))
                a.activity = MDSTAT_BROKEN;
        else
                return 0;

        arrays = grow(m->arrays, &b->arrays_cap, m->n_arrays + 1, sizeof(*arrays));
        if (!arrays)
                return -ENOMEM;
        m->arrays = arrays;
        b->members_cap = 0;

        while (next_token(&rest, &tok)) {
                struct mdstat_member mb;
                struct mdstat_member *mv;

                if (span_eq(tok, "(read-only)")) {
                        a.ro = MDSTAT_READONLY;
                        continue;
                }
                if (span_eq(tok, "(auto-read-only)")) {
                        a.ro = MDSTAT_READ_AUTO;
                        continue;
                }
                if (a.activity != MDSTAT_INACTIVE && a.level[0] == '\0' && a.n_members == 0 &&
                    memchr(tok.p, '[', tok.n) == NULL) {
                        copy_trunc(a.level, sizeof(a.level), tok);
                        continue;
                }
                if (!parse_member(tok, &mb))
                        continue; /* not a member: ignore the token */
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
        return 1;
}

/* "  1953382400 blocks super 1.2 level 5, 512k chunk, algorithm 2 [4/3] [UUU_]" */
static void parse_blocks_line(struct mdstat_array *a, struct span line)
{
        struct span tok, prev = {NULL, 0};
        uint64_t v;

        if (!next_token(&line, &tok) || !span_to_u64(tok, &v))
                return;
        a->blocks_kib = v;
        if (!next_token(&line, &tok) || !span_eq(tok, "blocks"))
                return;
        while (next_token(&line, &tok)) {
                struct span t = tok;

                if (span_eq(tok, "super")) {
                        if (next_token(&line, &tok))
                                copy_trunc(a->metadata, sizeof(a->metadata), tok);
                        prev.p = NULL;
                        continue;
                }
                if (span_starts(tok, "chunk") && prev.p != NULL) {
                        /* "<k>k chunk," / "<k>k chunks" / "<K>K chunks" */
                        struct span num = prev;

                        if (span_ends(num, "k") || span_ends(num, "K")) {
                                num.n--;
                                if (span_to_u64(num, &v) && v <= UINT32_MAX)
                                        a->chunk_kib = (uint32_t)v;
                        }
                }
                if (take_char(&t, '[')) {
                        int n, w;

                        if (take_int(&t, &n) && take_char(&t, '/') && take_int(&t, &w) &&
                            take_char(&t, ']') && t.n == 0) {
                                a->raid_disks = n;
                                a->working_disks = w;
                        } else if (tok.n >= 2 && tok.p[tok.n - 1] == ']') {
                                struct span map = {tok.p + 1, tok.n - 2};
                                bool ok = true;

                                for (size_t i = 0; i < map.n; i++)
                                        if (map.p[i] != 'U' && map.p[i] != '_')
                                                ok = false;
                                if (ok)
                                        copy_trunc(a->slot_map, sizeof(a->slot_map), map);
                        }
                }
                prev = tok;
        }
}

static enum mdstat_sync sync_verb(struct span verb)
{
        if (span_eq(verb, "resync"))
                return MDSTAT_SYNC_RESYNC;
        if (span_eq(verb, "recovery") || span_eq(verb, "recover"))
                return MDSTAT_SYNC_RECOVERY;
        if (span_eq(verb, "check"))
                return MDSTAT_SYNC_CHECK;
        if (span_eq(verb, "repair"))
                return MDSTAT_SYNC_REPAIR;
        if (span_eq(verb, "reshape"))
                return MDSTAT_SYNC_RESHAPE;
        return MDSTAT_SYNC_NONE;
}

/* "[=>...]  recovery =  8.5% (1/2) finish=1.0min speed=10K/sec", "\tresync=DELAYED" */
static void parse_status_line(struct mdstat_array *a, struct span line)
{
        struct span verb, tok;
        enum mdstat_sync kind;
        uint64_t v;
        struct mdstat_array r = *a;

        line = span_trim(line);
        if (take_char(&line, '[')) {
                const char *close = memchr(line.p, ']', line.n);

                if (!close)
                        return;
                line.n -= (size_t)(close - line.p) + 1;
                line.p = close + 1;
                line = span_trim(line);
        }
        verb.p = line.p;
        verb.n = 0;
        while (verb.n < line.n && line.p[verb.n] >= 'a' && line.p[verb.n] <= 'z')
                verb.n++;
        kind = sync_verb(verb);
        if (kind == MDSTAT_SYNC_NONE)
                return;
        line.p += verb.n;
        line.n -= verb.n;
        line = span_trim(line);
        if (!take_char(&line, '='))
                return;
        line = span_trim(line);

        if (span_starts(line, "DELAYED"))
                kind = MDSTAT_SYNC_DELAYED;
        else if (span_starts(line, "PENDING"))
                kind = MDSTAT_SYNC_PENDING;
        else if (span_starts(line, "REMOTE"))
                kind = MDSTAT_SYNC_REMOTE;
        if (kind >= MDSTAT_SYNC_DELAYED) {
                a->sync = kind;
                return;
        }

        if (!take_tenths(&line, &v) || !take_char(&line, '%'))
                return;
        r.sync = kind;
        r.sync_permille = v > 1000 ? 1000 : (uint32_t)v;
        while (next_token(&line, &tok)) {
                struct span t = tok;
                uint64_t x, y;

                if (take_char(&t, '(')) {
                        if (take_u64(&t, &x) && take_char(&t, '/') && take_u64(&t, &y) &&
                            take_char(&t, ')') && t.n == 0) {
                                r.sync_done_kib = x;
                                r.sync_total_kib = y;
                        }
                } else if (take_lit(&t, "finish=")) {
                        if (take_tenths(&t, &x) && span_eq(t, "min"))
                                r.sync_finish_tenth_min = x;
                } else if (take_lit(&t, "speed=")) {
                        if (take_u64(&t, &x) && span_eq(t, "K/sec"))
                                r.sync_speed_kib = x;
                }
        }
        *a = r;
}

/* "bitmap: 3/8 pages [12KB], 65536KB chunk, file: /var/md0.bitmap" */
static void parse_bitmap_line(struct mdstat_array *a, struct span line)
{
        struct span tok, prev = {NULL, 0};
        uint64_t used = 0, total = 0, chunk = 0;

        line = span_trim(line);
        if (!take_lit(&line, "bitmap:"))
                return;
        line = span_trim(line);
        if (!take_u64(&line, &used) || !take_char(&line, '/') || !take_u64(&line, &total))
                return;
        if (used > UINT32_MAX || total > UINT32_MAX)
                return;
        while (next_token(&line, &tok)) {
                if (span_starts(tok, "chunk") && prev.p != NULL) {
                        struct span num = prev;
                        uint64_t mult = 0, v;

                        if (span_ends(num, "KB")) {
                                num.n -= 2;
                                mult = 1024;
                        } else if (span_ends(num, "B")) {
                                num.n -= 1;
                                mult = 1;
                        }
                        if (mult && span_to_u64(num, &v) && v <= UINT64_MAX / mult)
                                chunk = v * mult;
                        break;
                }
                prev = tok;
        }
        a->has_bitmap = true;
        a->bitmap_pages_used = (uint32_t)used;
        a->bitmap_pages_total = (uint32_t)total;
        a->bitmap_chunk_bytes = chunk;
}

/* An indented line that belongs to the current array. */
static void parse_continuation(struct mdstat_array *a, struct span line)
{
        struct span t = span_trim(line);

        if (t.n == 0)
                return;
        if (span_starts(t, "bitmap:")) {
                parse_bitmap_line(a, t);
                return;
        }
        if (is_digit(t.p[0])) {
                struct span probe = t, tok;

                if (next_token(&probe, &tok) && next_token(&probe, &tok) &&
                    span_eq(tok, "blocks")) {
                        parse_blocks_line(a, t);
                        return;
                }
        }
        parse_status_line(a, t);
}

static int parse_line(struct builder *b, struct span line)
{
        struct span t, name, rest;
        const char *colon;

        if (line.n > 0 && line.p[line.n - 1] == '\r')
                line.n--;
        if (line.n == 0)
                return 0;
        if (is_blank(line.p[0])) {
                if (b->cur)
                        parse_continuation(b->cur, line);
                return 0;
        }
        b->cur = NULL;
        t = span_trim(line);
        if (take_lit(&t, "Personalities")) {
                t = span_trim(t);
                if (take_char(&t, ':'))
                        return parse_personalities(b, t);
                return 0;
        }
        if (span_starts(t, "unused devices:"))
                return 0;
        /* "<name> : <activity> ..." */
        colon = memchr(t.p, ':', t.n);
        if (!colon)
                return 0;
        name.p = t.p;
        name.n = (size_t)(colon - t.p);
        name = span_trim(name);
        rest.p = colon + 1;
        rest.n = t.n - (size_t)(colon - t.p) - 1;
        if (memchr(name.p, ' ', name.n) || memchr(name.p, '\t', name.n))
                return 0;
        return parse_header(b, name, rest) < 0 ? -ENOMEM : 0;
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
        struct builder b = {NULL, 0, 0, 0, NULL, false};
        size_t pos = 0;
        int r;

        if (!ret || (!buf && len > 0))
                return -EINVAL;
        b.m = calloc(1, sizeof(*b.m));
        if (!b.m)
                return -ENOMEM;
        while (pos < len) {
                const char *nl = memchr(buf + pos, '\n', len - pos);
                size_t end = nl ? (size_t)(nl - buf) : len;
                struct span line = {buf + pos, end - pos};

                r = parse_line(&b, line);
                if (r < 0) {
                        mdstat_free(b.m);
                        return r;
                }
                pos = nl ? end + 1 : len;
        }
        if (!b.saw_personalities && b.m->n_arrays == 0) {
                mdstat_free(b.m);
                return -EINVAL;
        }
        *ret = b.m;
        return 0;
}
