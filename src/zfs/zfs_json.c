/* Parsers for the JSON forms of OpenZFS 2.3+: `zpool list -j -p` read in one pass by a small
 * recursive-descent reader that picks the properties the text form has; `zpool status -j -p -D`
 * and `zfs get -j -p`, deeper documents, read into a compact tree first and then walked. Unknown
 * members are skipped everywhere. Pure. Feed srvhZpoolTable, srvhZfsVdevTable, srvhZfsDdtTable
 * and srvhZfsDatasetTable through zfs_collect.c, like their text parsers. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/scan.h"
#include "zfs/zfs_parse.h"

#define JSON_DEPTH_MAX 32

struct json {
        const char *p, *end;
};

static void ws(struct json *j)
{
        while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
                j->p++;
}

static bool take(struct json *j, char c)
{
        ws(j);
        if (j->p < j->end && *j->p == c) {
                j->p++;
                return true;
        }
        return false;
}

static int hex4(const char *p, unsigned *ret)
{
        unsigned v = 0;
        for (int i = 0; i < 4; i++) {
                char c = p[i];
                v <<= 4;
                if (c >= '0' && c <= '9')
                        v |= (unsigned)(c - '0');
                else if (c >= 'a' && c <= 'f')
                        v |= (unsigned)(c - 'a' + 10);
                else if (c >= 'A' && c <= 'F')
                        v |= (unsigned)(c - 'A' + 10);
                else
                        return -EINVAL;
        }
        *ret = v;
        return 0;
}

/* A string into out[outsz] (NUL-terminated; out may be NULL to skip). Escapes are decoded;
 * a \u escape outside ASCII becomes '?' (names of ours are ASCII). */
static int string(struct json *j, char *out, size_t outsz, size_t *ret_len)
{
        size_t n = 0;
        if (!take(j, '"'))
                return -EINVAL;
        while (j->p < j->end && *j->p != '"') {
                char c = *j->p++;
                if ((unsigned char)c < 0x20)
                        return -EINVAL;
                if (c == '\\') {
                        if (j->p >= j->end)
                                return -EINVAL;
                        char e = *j->p++;
                        unsigned u;
                        switch (e) {
                        case '"':
                        case '\\':
                        case '/':
                                c = e;
                                break;
                        case 'b':
                                c = '\b';
                                break;
                        case 'f':
                                c = '\f';
                                break;
                        case 'n':
                                c = '\n';
                                break;
                        case 'r':
                                c = '\r';
                                break;
                        case 't':
                                c = '\t';
                                break;
                        case 'u':
                                if (j->end - j->p < 4 || hex4(j->p, &u) < 0)
                                        return -EINVAL;
                                j->p += 4;
                                c = u >= 0x20 && u < 0x7f ? (char)u : '?';
                                break;
                        default:
                                return -EINVAL;
                        }
                }
                if (out) {
                        if (n + 1 >= outsz)
                                return -EINVAL;
                        out[n] = c;
                }
                n++;
        }
        if (j->p >= j->end)
                return -EINVAL;
        j->p++;
        if (out)
                out[n] = '\0';
        if (ret_len)
                *ret_len = n;
        return 0;
}

/* A number, true, false or null: the bytes of the token. */
static int scalar(struct json *j, struct scan_span *ret)
{
        ws(j);
        const char *s = j->p;
        while (j->p < j->end &&
               (scan_is_digit(*j->p) || *j->p == '-' || *j->p == '+' || *j->p == '.' ||
                *j->p == 'e' || *j->p == 'E' || (*j->p >= 'a' && *j->p <= 'z')))
                j->p++;
        if (j->p == s)
                return -EINVAL;
        *ret = (struct scan_span){s, (size_t)(j->p - s)};
        return 0;
}

static int skip(struct json *j, int depth)
{
        struct scan_span t;
        if (depth > JSON_DEPTH_MAX)
                return -EINVAL;
        ws(j);
        if (j->p >= j->end)
                return -EINVAL;
        if (*j->p == '"')
                return string(j, NULL, 0, NULL);
        if (*j->p != '{' && *j->p != '[')
                return scalar(j, &t);
        char close = *j->p == '{' ? '}' : ']';
        bool obj = close == '}';
        j->p++;
        if (take(j, close))
                return 0;
        do {
                if (obj && (string(j, NULL, 0, NULL) < 0 || !take(j, ':')))
                        return -EINVAL;
                if (skip(j, depth + 1) < 0)
                        return -EINVAL;
        } while (take(j, ','));
        return take(j, close) ? 0 : -EINVAL;
}

/* {"value": V, "source": {...}}: V into buf as text. */
static int property_value(struct json *j, char *buf, size_t bufsz, bool *found)
{
        char key[32];
        if (!take(j, '{'))
                return -EINVAL;
        if (take(j, '}'))
                return 0;
        do {
                if (string(j, key, sizeof(key), NULL) < 0 || !take(j, ':'))
                        return -EINVAL;
                if (strcmp(key, "value") != 0) {
                        if (skip(j, 3) < 0)
                                return -EINVAL;
                        continue;
                }
                ws(j);
                if (j->p < j->end && *j->p == '"') {
                        if (string(j, buf, bufsz, NULL) < 0)
                                return -EINVAL;
                } else {
                        struct scan_span t;
                        if (scalar(j, &t) < 0 || !scan_copy(t, buf, bufsz))
                                return -EINVAL;
                }
                *found = true;
        } while (take(j, ','));
        return take(j, '}') ? 0 : -EINVAL;
}

static int properties(struct json *j, struct zpool_list_row *r)
{
        char key[64], val[64];
        if (!take(j, '{'))
                return -EINVAL;
        if (take(j, '}'))
                return 0;
        do {
                bool found = false;
                size_t klen;
                if (string(j, key, sizeof(key), &klen) < 0 || !take(j, ':') ||
                    property_value(j, val, sizeof(val), &found) < 0)
                        return -EINVAL;
                if (found && zpool_list_set_property(r, (struct scan_span){key, klen},
                                                     (struct scan_span){val, strlen(val)}) < 0)
                        return -EINVAL;
        } while (take(j, ','));
        return take(j, '}') ? 0 : -EINVAL;
}

static int pool(struct json *j, const char *key, struct zpool_list_row *r)
{
        char member[32], state[32] = "";
        memset(r, 0, sizeof(*r));
        r->health = ZFS_HEALTH_UNKNOWN;
        bool health_set = false;
        if (!take(j, '{'))
                return -EINVAL;
        if (!take(j, '}')) {
                do {
                        if (string(j, member, sizeof(member), NULL) < 0 || !take(j, ':'))
                                return -EINVAL;
                        int e;
                        if (strcmp(member, "name") == 0) {
                                e = string(j, r->name, sizeof(r->name), NULL);
                        } else if (strcmp(member, "state") == 0) {
                                e = string(j, state, sizeof(state), NULL);
                        } else if (strcmp(member, "properties") == 0) {
                                r->health = ZFS_HEALTH_MAX_; /* marks "health" as given */
                                e = properties(j, r);
                                health_set = r->health != ZFS_HEALTH_MAX_;
                                if (!health_set)
                                        r->health = ZFS_HEALTH_UNKNOWN;
                        } else {
                                e = skip(j, 3);
                        }
                        if (e < 0)
                                return -EINVAL;
                } while (take(j, ','));
                if (!take(j, '}'))
                        return -EINVAL;
        }
        if (!r->name[0] && (!key[0] || strlen(key) >= sizeof(r->name)))
                return -EINVAL;
        if (!r->name[0])
                memcpy(r->name, key, strlen(key) + 1);
        if (!health_set && state[0])
                r->health = zfs_health_from_word((struct scan_span){state, strlen(state)});
        return 0;
}

static int pools(struct json *j, struct zpool_list *l, size_t *cap)
{
        char key[ZFS_NAME_MAX];
        if (!take(j, '{'))
                return -EINVAL;
        if (take(j, '}'))
                return 0;
        do {
                if (string(j, key, sizeof(key), NULL) < 0 || !take(j, ':'))
                        return -EINVAL;
                if (l->n == *cap) {
                        size_t ncap = *cap ? *cap * 2 : 8;
                        struct zpool_list_row *v = realloc(l->v, ncap * sizeof(*v));
                        if (!v)
                                return -ENOMEM;
                        l->v = v;
                        *cap = ncap;
                }
                int r = pool(j, key, &l->v[l->n]);
                if (r < 0)
                        return r;
                l->n++;
        } while (take(j, ','));
        return take(j, '}') ? 0 : -EINVAL;
}

int zfs_parse_zpool_list_json(const char *buf, size_t len, struct zpool_list *ret)
{
        struct json j = {buf, buf + len};
        struct zpool_list l = {0};
        size_t cap = 0;
        char key[32];
        int r = 0;

        if (scan_has_nul((struct scan_span){buf, len}) || !take(&j, '{'))
                return -EINVAL;
        if (!take(&j, '}')) {
                do {
                        if (string(&j, key, sizeof(key), NULL) < 0 || !take(&j, ':')) {
                                r = -EINVAL;
                                break;
                        }
                        /* no pool imported: 2.3 prints no "pools" member at all */
                        if (strcmp(key, "pools") == 0) {
                                r = pools(&j, &l, &cap);
                        } else {
                                r = skip(&j, 1);
                        }
                } while (r == 0 && take(&j, ','));
                if (r == 0 && !take(&j, '}'))
                        r = -EINVAL;
        }
        ws(&j);
        if (r == 0 && j.p != j.end)
                r = -EINVAL;

        if (r < 0) {
                zpool_list_free(&l);
                return r;
        }
        *ret = l;
        return 0;
}

/* ---- a small document tree, for the deeper JSON of zpool status -j and zfs get -j ------------ */

/* Nodes and their decoded strings live in two growing arrays and refer to each other by
 * position, so one document costs two allocations however many nodes it has. */
enum jtype { J_OBJ, J_ARR, J_STR, J_SCALAR };

#define J_NONE      UINT32_MAX
#define J_NODES_MAX (1u << 22)

struct jnode {
        enum jtype t;
        uint32_t key, val;    /* offsets of NUL-terminated strings in doc.s, J_NONE if none */
        uint32_t child, next; /* first member / next sibling, J_NONE if none */
};

struct jdoc {
        struct jnode *n;
        size_t nn, ncap;
        char *s;
        size_t ns, scap;
};

static void jdoc_free(struct jdoc *d)
{
        free(d->n);
        free(d->s);
        *d = (struct jdoc){0};
}

static int jdoc_reserve_s(struct jdoc *d, size_t more, uint32_t *ret_off)
{
        if (d->ns + more > d->scap) {
                size_t ncap = d->scap ? d->scap * 2 : 4096;
                while (ncap < d->ns + more)
                        ncap *= 2;
                if (ncap > UINT32_MAX)
                        return -EINVAL;
                char *s = realloc(d->s, ncap);
                if (!s)
                        return -ENOMEM;
                d->s = s;
                d->scap = ncap;
        }
        *ret_off = (uint32_t)d->ns;
        return 0;
}

/* A string token decoded into the string array; its offset in *ret_off. */
static int jdoc_string(struct json *j, struct jdoc *d, uint32_t *ret_off)
{
        struct json probe = *j;
        size_t len;
        int r = string(&probe, NULL, 0, &len);
        if (r < 0)
                return r;
        if ((r = jdoc_reserve_s(d, len + 1, ret_off)) < 0)
                return r;
        if (string(j, d->s + d->ns, len + 1, NULL) < 0)
                return -EINVAL;
        d->ns += len + 1;
        return 0;
}

static int jdoc_node(struct jdoc *d, enum jtype t, uint32_t key, uint32_t *ret)
{
        if (d->nn == d->ncap) {
                size_t ncap = d->ncap ? d->ncap * 2 : 256;
                if (ncap > J_NODES_MAX)
                        return -E2BIG;
                struct jnode *v = realloc(d->n, ncap * sizeof(*v));
                if (!v)
                        return -ENOMEM;
                d->n = v;
                d->ncap = ncap;
        }
        d->n[d->nn] = (struct jnode){t, key, J_NONE, J_NONE, J_NONE};
        *ret = (uint32_t)d->nn++;
        return 0;
}

static int jdoc_value(struct json *j, struct jdoc *d, uint32_t key, int depth, uint32_t *ret)
{
        if (depth > JSON_DEPTH_MAX)
                return -EINVAL;
        ws(j);
        if (j->p >= j->end)
                return -EINVAL;
        int r;
        uint32_t me;
        if (*j->p == '"') {
                uint32_t off;
                if ((r = jdoc_string(j, d, &off)) < 0 || (r = jdoc_node(d, J_STR, key, &me)) < 0)
                        return r;
                d->n[me].val = off;
                *ret = me;
                return 0;
        }
        if (*j->p != '{' && *j->p != '[') {
                struct scan_span t;
                uint32_t off;
                if (scalar(j, &t) < 0)
                        return -EINVAL;
                if ((r = jdoc_reserve_s(d, t.n + 1, &off)) < 0)
                        return r;
                memcpy(d->s + off, t.p, t.n);
                d->s[off + t.n] = '\0';
                d->ns += t.n + 1;
                if ((r = jdoc_node(d, J_SCALAR, key, &me)) < 0)
                        return r;
                d->n[me].val = off;
                *ret = me;
                return 0;
        }
        bool obj = *j->p == '{';
        char close = obj ? '}' : ']';
        j->p++;
        if ((r = jdoc_node(d, obj ? J_OBJ : J_ARR, key, &me)) < 0)
                return r;
        *ret = me;
        if (take(j, close))
                return 0;
        uint32_t last = J_NONE;
        do {
                uint32_t k = J_NONE, c;
                if (obj && ((r = jdoc_string(j, d, &k)) < 0 || !take(j, ':')))
                        return r < 0 ? r : -EINVAL;
                if ((r = jdoc_value(j, d, k, depth + 1, &c)) < 0)
                        return r;
                if (last == J_NONE)
                        d->n[me].child = c;
                else
                        d->n[last].next = c;
                last = c;
        } while (take(j, ','));
        return take(j, close) ? 0 : -EINVAL;
}

static int jdoc_parse(const char *buf, size_t len, struct jdoc *d)
{
        struct json j = {buf, buf + len};
        uint32_t root;
        *d = (struct jdoc){0};
        int r = scan_has_nul((struct scan_span){buf, len}) ? -EINVAL : 0;
        ws(&j);
        if (r == 0 && (j.p >= j.end || *j.p != '{'))
                r = -EINVAL;
        if (r == 0)
                r = jdoc_value(&j, d, J_NONE, 0, &root);
        ws(&j);
        if (r == 0 && j.p != j.end)
                r = -EINVAL;
        if (r < 0)
                jdoc_free(d);
        return r;
}

/* The member called key of object o, or J_NONE. */
static uint32_t jget(const struct jdoc *d, uint32_t o, const char *key)
{
        if (o == J_NONE || d->n[o].t != J_OBJ)
                return J_NONE;
        for (uint32_t c = d->n[o].child; c != J_NONE; c = d->n[c].next) {
                if (d->n[c].key != J_NONE && strcmp(d->s + d->n[c].key, key) == 0)
                        return c;
        }
        return J_NONE;
}

/* The text of a string or scalar member, or NULL. */
static const char *jtext(const struct jdoc *d, uint32_t o, const char *key)
{
        uint32_t c = jget(d, o, key);
        if (c == J_NONE || (d->n[c].t != J_STR && d->n[c].t != J_SCALAR))
                return NULL;
        return d->s + d->n[c].val;
}

/* A count member: "12", 12 or, with -p left out, "1.32K" (zfs_nicenum, 1024-based). 0 and
 * *ret set; -ENOENT when absent or "-"; -EINVAL for anything else. */
static int jcount(const struct jdoc *d, uint32_t o, const char *key, uint64_t *ret)
{
        static const char suffix[] = "KMGTPE";
        const char *t = jtext(d, o, key);
        if (!t || strcmp(t, "-") == 0)
                return -ENOENT;
        struct scan_span v = {t, strlen(t)};
        uint64_t mult = 1, x;
        scan_strip_suffix(&v, "B");
        const char *sfx = v.n ? memchr(suffix, v.p[v.n - 1], sizeof(suffix) - 1) : NULL;
        if (sfx) {
                for (const char *q = suffix; q <= sfx; q++)
                        mult *= 1024;
                v.n--;
                if (scan_fixed(v, 2, &x) < 0 || x > UINT64_MAX / mult)
                        return -EINVAL;
                *ret = x * mult / 100;
                return 0;
        }
        return scan_u64(v, ret) < 0 ? -EINVAL : 0;
}

static bool jcopy(const struct jdoc *d, uint32_t o, const char *key, char *out, size_t outsz)
{
        const char *t = jtext(d, o, key);
        if (!t || !t[0] || strlen(t) >= outsz)
                return false;
        memcpy(out, t, strlen(t) + 1);
        return true;
}

/* ---- zpool status -j -p -D ------------------------------------------------------------------- */

static enum zfs_vdev_state json_vdev_state(const char *w)
{
        static const struct {
                const char *word;
                enum zfs_vdev_state s;
        } words[] = {
            {"ONLINE", ZFS_VDEV_ONLINE},     {"HEALTHY", ZFS_VDEV_ONLINE},
            {"DEGRADED", ZFS_VDEV_DEGRADED}, {"FAULTED", ZFS_VDEV_FAULTED},
            {"OFFLINE", ZFS_VDEV_OFFLINE},   {"REMOVED", ZFS_VDEV_REMOVED},
            {"UNAVAIL", ZFS_VDEV_UNAVAIL},   {"CANT_OPEN", ZFS_VDEV_UNAVAIL},
            {"AVAIL", ZFS_VDEV_AVAIL},       {"INUSE", ZFS_VDEV_INUSE},
        };
        for (size_t i = 0; w && i < sizeof(words) / sizeof(words[0]); i++) {
                if (strcmp(w, words[i].word) == 0)
                        return words[i].s;
        }
        return ZFS_VDEV_UNKNOWN;
}

struct jstatus {
        const struct jdoc *d;
        struct zpool_status_pool *pool;
        size_t vcap;
};

static int json_add_vdev(struct jstatus *js, uint32_t o, const char *parent, unsigned depth,
                         enum zfs_vdev_class cls)
{
        const struct jdoc *d = js->d;
        struct zpool_status_pool *p = js->pool;
        if (d->n[o].t != J_OBJ || depth > 32)
                return -EINVAL;
        if (p->n_vdevs == js->vcap) {
                size_t ncap = js->vcap ? js->vcap * 2 : 8;
                struct zpool_vdev *v = realloc(p->vdevs, ncap * sizeof(*v));
                if (!v)
                        return -ENOMEM;
                p->vdevs = v;
                js->vcap = ncap;
        }
        struct zpool_vdev *vd = &p->vdevs[p->n_vdevs];
        memset(vd, 0, sizeof(*vd));
        if (!jcopy(d, o, "name", vd->name, sizeof(vd->name))) {
                const char *k = d->n[o].key != J_NONE ? d->s + d->n[o].key : "";
                if (!k[0] || strlen(k) >= sizeof(vd->name))
                        return -EINVAL;
                memcpy(vd->name, k, strlen(k) + 1);
        }
        snprintf(vd->parent, sizeof(vd->parent), "%s", parent);
        const char *g = jtext(d, o, "guid");
        uint64_t gv;
        if (g && scan_u64((struct scan_span){g, strlen(g)}, &gv) == 0)
                snprintf(vd->guid, sizeof(vd->guid), "%llu", (unsigned long long)gv);
        jcopy(d, o, "path", vd->path, sizeof(vd->path));
        jcopy(d, o, "vdev_type", vd->type, sizeof(vd->type));
        vd->depth = depth;
        vd->cls = cls;
        const char *st = jtext(d, o, "state");
        vd->state = json_vdev_state(st);
        if (st)
                snprintf(vd->state_word, sizeof(vd->state_word), "%s", st);
        int a = jcount(d, o, "read_errors", &vd->read),
            b = jcount(d, o, "write_errors", &vd->write),
            c = jcount(d, o, "checksum_errors", &vd->cksum);
        if ((a < 0 && a != -ENOENT) || (b < 0 && b != -ENOENT) || (c < 0 && c != -ENOENT))
                return -EINVAL;
        vd->has_counters = a == 0 && b == 0 && c == 0;
        if (!vd->has_counters)
                vd->read = vd->write = vd->cksum = 0;
        uint32_t kids = jget(d, o, "vdevs");
        vd->leaf = kids == J_NONE || d->n[kids].child == J_NONE;
        size_t me = p->n_vdevs++;
        if (kids == J_NONE)
                return 0;
        if (d->n[kids].t != J_OBJ)
                return -EINVAL;
        char name[ZFS_VDEV_MAX];
        memcpy(name, p->vdevs[me].name, sizeof(name));
        for (uint32_t k = d->n[kids].child; k != J_NONE; k = d->n[k].next) {
                int r = json_add_vdev(js, k, name, depth + 1, cls);
                if (r < 0)
                        return r;
        }
        return 0;
}

static enum zfs_scan_func json_scan_func(const char *w)
{
        if (!w || strcmp(w, "NONE") == 0)
                return ZFS_SCAN_FUNC_NONE;
        if (strcmp(w, "SCRUB") == 0)
                return ZFS_SCAN_FUNC_SCRUB;
        if (strcmp(w, "RESILVER") == 0)
                return ZFS_SCAN_FUNC_RESILVER;
        if (strcmp(w, "ERRORSCRUB") == 0)
                return ZFS_SCAN_FUNC_ERROR_SCRUB;
        return ZFS_SCAN_FUNC_UNKNOWN;
}

/* A time member: ctime(3) text, or seconds since the epoch under --json-int. */
static void json_time(const struct jdoc *d, uint32_t o, const char *key, struct zfs_time *ret)
{
        const char *t = jtext(d, o, key);
        uint64_t u;
        if (!t)
                return;
        if (scan_u64((struct scan_span){t, strlen(t)}, &u) == 0) {
                if (u > 0 && u < INT64_MAX)
                        *ret = (struct zfs_time){.valid = true, .unix_time = (int64_t)u};
                return;
        }
        zfs_parse_ctime(t, strlen(t), ret);
}

static int json_scan(const struct jdoc *d, uint32_t o, struct zfs_scan *sc)
{
        *sc = (struct zfs_scan){.func = ZFS_SCAN_FUNC_NONE, .state = ZFS_SCAN_NONE};
        if (o == J_NONE)
                return 0;
        if (d->n[o].t != J_OBJ)
                return -EINVAL;
        sc->func = json_scan_func(jtext(d, o, "function"));
        if (sc->func == ZFS_SCAN_FUNC_NONE)
                return 0;
        const char *st = jtext(d, o, "state");
        /* "scrub_pause": "-" (or 0) while not paused, else when it was paused */
        const char *pz = jtext(d, o, "scrub_pause");
        bool paused = pz && pz[0] && strcmp(pz, "-") != 0 && strcmp(pz, "0") != 0;
        if (!st)
                sc->state = ZFS_SCAN_UNKNOWN;
        else if (strcmp(st, "SCANNING") == 0)
                sc->state = paused ? ZFS_SCAN_PAUSED : ZFS_SCAN_RUNNING;
        else if (strcmp(st, "FINISHED") == 0)
                sc->state = ZFS_SCAN_FINISHED;
        else if (strcmp(st, "CANCELED") == 0)
                sc->state = ZFS_SCAN_CANCELED;
        else if (strcmp(st, "NONE") == 0)
                sc->state = ZFS_SCAN_NONE;
        else
                sc->state = ZFS_SCAN_UNKNOWN;
        if (sc->state == ZFS_SCAN_FINISHED || sc->state == ZFS_SCAN_CANCELED)
                json_time(d, o, "end_time", &sc->when);
        else
                json_time(d, o, "start_time", &sc->when);
        if (sc->state == ZFS_SCAN_FINISHED && jcount(d, o, "errors", &sc->errors) == 0)
                sc->has_errors = true;
        uint64_t total, skipped = 0, done;
        if ((sc->state == ZFS_SCAN_RUNNING || sc->state == ZFS_SCAN_PAUSED) &&
            jcount(d, o, "to_examine", &total) == 0 &&
            (jcount(d, o, "issued", &done) == 0 || jcount(d, o, "examined", &done) == 0)) {
                if (jcount(d, o, "skipped", &skipped) == 0 && skipped < total)
                        total -= skipped;
                if (total > 0) {
                        long double f = (long double)done * 10000.0L / (long double)total;
                        sc->progress = f > 10000.0L ? 10000 : (uint32_t)f;
                        sc->has_progress = true;
                }
        }
        return 0;
}

/* The -D section: the dedup table's summary and, where given, its histogram rows. */
static int json_ddt(const struct jdoc *d, uint32_t o, struct zpool_status_pool *p)
{
        if (o == J_NONE)
                return 0;
        if (d->n[o].t != J_OBJ)
                return -EINVAL;
        uint64_t n;
        if (jcount(d, o, "obj_count", &n) < 0 && jcount(d, o, "ddt_entries", &n) < 0)
                return 0;
        p->has_ddt = true;
        p->ddt_entries = n;
        if (n && (jcount(d, o, "dspace", &p->ddt_disk_per_entry) < 0 ||
                  jcount(d, o, "mspace", &p->ddt_core_per_entry) < 0))
                return -EINVAL;
        uint32_t h = jget(d, o, "histogram");
        if (h == J_NONE)
                return 0;
        if (d->n[h].t != J_OBJ && d->n[h].t != J_ARR)
                return -EINVAL;
        for (uint32_t b = d->n[h].child; b != J_NONE; b = d->n[b].next) {
                uint32_t al = jget(d, b, "allocated"), rf = jget(d, b, "referenced");
                struct zfs_ddt_bucket x = {0};
                if (p->n_ddt_hist == ZFS_DDT_BUCKETS_MAX || jcount(d, b, "refcnt", &x.refcnt) < 0 ||
                    x.refcnt == 0 || jcount(d, al, "blocks", &x.alloc_blocks) < 0 ||
                    jcount(d, al, "lsize", &x.alloc_lsize) < 0 ||
                    jcount(d, al, "psize", &x.alloc_psize) < 0 ||
                    jcount(d, al, "dsize", &x.alloc_dsize) < 0 ||
                    jcount(d, rf, "blocks", &x.ref_blocks) < 0 ||
                    jcount(d, rf, "lsize", &x.ref_lsize) < 0 ||
                    jcount(d, rf, "psize", &x.ref_psize) < 0 ||
                    jcount(d, rf, "dsize", &x.ref_dsize) < 0)
                        return -EINVAL;
                p->ddt_hist[p->n_ddt_hist++] = x;
        }
        return 0;
}

static int json_pool(const struct jdoc *d, uint32_t o, struct zpool_status_pool *p)
{
        static const struct {
                const char *key;
                enum zfs_vdev_class cls;
        } classes[] = {
            {"logs", ZFS_CLASS_LOG},     {"l2cache", ZFS_CLASS_CACHE},   {"cache", ZFS_CLASS_CACHE},
            {"spares", ZFS_CLASS_SPARE}, {"special", ZFS_CLASS_SPECIAL}, {"dedup", ZFS_CLASS_DEDUP},
        };
        struct jstatus js = {d, p, 0};
        memset(p, 0, sizeof(*p));
        if (d->n[o].t != J_OBJ)
                return -EINVAL;
        if (!jcopy(d, o, "name", p->name, sizeof(p->name))) {
                const char *k = d->n[o].key != J_NONE ? d->s + d->n[o].key : "";
                if (!k[0] || strlen(k) >= sizeof(p->name))
                        return -EINVAL;
                memcpy(p->name, k, strlen(k) + 1);
        }
        const char *st = jtext(d, o, "state");
        if (!st)
                return -EBADMSG; /* a pool without its state: not what zpool prints */
        p->health = zfs_health_from_word((struct scan_span){st, strlen(st)});
        int r = json_scan(d, jget(d, o, "scan_stats"), &p->scan);
        if (r < 0)
                return r;
        p->has_scan = jget(d, o, "scan_stats") != J_NONE;
        int e = jcount(d, o, "error_count", &p->data_errors);
        if (e < 0 && e != -ENOENT)
                return -EINVAL;
        /* "vdevs": the root vdev, named as the pool, whose counters are the pool's */
        uint32_t top = jget(d, o, "vdevs");
        if (top != J_NONE) {
                if (d->n[top].t != J_OBJ)
                        return -EINVAL;
                for (uint32_t rv = d->n[top].child; rv != J_NONE; rv = d->n[rv].next) {
                        if (d->n[rv].t != J_OBJ)
                                return -EINVAL;
                        const char *rn = jtext(d, rv, "name"), *rt = jtext(d, rv, "vdev_type");
                        const char *rk = d->n[rv].key != J_NONE ? d->s + d->n[rv].key : "";
                        if (!(rt && strcmp(rt, "root") == 0) && strcmp(rn ? rn : rk, p->name)) {
                                /* not the root: a top-level vdev listed beside it */
                                if ((r = json_add_vdev(&js, rv, "", 1, ZFS_CLASS_NORMAL)) < 0)
                                        return r;
                                continue;
                        }
                        jcount(d, rv, "read_errors", &p->read);
                        jcount(d, rv, "write_errors", &p->write);
                        jcount(d, rv, "checksum_errors", &p->cksum);
                        uint32_t kids = jget(d, rv, "vdevs");
                        if (kids != J_NONE && d->n[kids].t != J_OBJ)
                                return -EINVAL;
                        for (uint32_t k = kids == J_NONE ? J_NONE : d->n[kids].child; k != J_NONE;
                             k = d->n[k].next) {
                                if ((r = json_add_vdev(&js, k, "", 1, ZFS_CLASS_NORMAL)) < 0)
                                        return r;
                        }
                }
        }
        for (size_t c = 0; c < sizeof(classes) / sizeof(classes[0]); c++) {
                uint32_t sec = jget(d, o, classes[c].key);
                if (sec == J_NONE)
                        continue;
                if (d->n[sec].t != J_OBJ)
                        return -EINVAL;
                for (uint32_t k = d->n[sec].child; k != J_NONE; k = d->n[k].next) {
                        if ((r = json_add_vdev(&js, k, "", 1, classes[c].cls)) < 0)
                                return r;
                }
        }
        return json_ddt(d, jget(d, o, "dedup_stats"), p);
}

/* The top-level object key of a document (pools, datasets) and how many members it has; J_NONE
 * and 0 when absent, and *r = -EINVAL when it is not an object. */
static uint32_t jmembers(const struct jdoc *d, const char *key, size_t *n, int *r)
{
        uint32_t o = jget(d, 0, key);
        *n = 0;
        if (o == J_NONE)
                return J_NONE;
        if (d->n[o].t != J_OBJ) {
                *r = -EINVAL;
                return o;
        }
        for (uint32_t c = d->n[o].child; c != J_NONE; c = d->n[c].next)
                (*n)++;
        return o;
}

int zfs_parse_zpool_status_json(const char *buf, size_t len, struct zpool_status *ret)
{
        struct jdoc d;
        struct zpool_status st = {0};
        int r = jdoc_parse(buf, len, &d);
        if (r < 0)
                return r;
        size_t n = 0;
        uint32_t pools = jmembers(&d, "pools", &n, &r);
        if (r == 0 && n) {
                st.v = calloc(n, sizeof(*st.v));
                if (!st.v)
                        r = -ENOMEM;
        }
        for (uint32_t c = r < 0 || !n ? J_NONE : d.n[pools].child; c != J_NONE && r == 0;
             c = d.n[c].next) {
                r = json_pool(&d, c, &st.v[st.n]);
                st.n++; /* counted even when it failed, so its vdevs are freed */
        }
        jdoc_free(&d);
        if (r < 0) {
                zpool_status_free(&st);
                return r;
        }
        *ret = st;
        return 0;
}

/* ---- zfs get -j -p -t filesystem,volume dedup,compressratio ---------------------------------- */

int zfs_parse_zfs_get_json(const char *buf, size_t len, struct zfs_datasets *ret)
{
        struct jdoc d;
        struct zfs_datasets ds = {0};
        int r = jdoc_parse(buf, len, &d);
        if (r < 0)
                return r;
        size_t n = 0;
        uint32_t sets = jmembers(&d, "datasets", &n, &r);
        if (r == 0 && n && !(ds.v = calloc(n, sizeof(*ds.v))))
                r = -ENOMEM;
        for (uint32_t c = r < 0 || !n ? J_NONE : d.n[sets].child; c != J_NONE && r == 0;
             c = d.n[c].next) {
                struct zfs_dataset *x = &ds.v[ds.n];
                const char *k = d.n[c].key != J_NONE ? d.s + d.n[c].key : "";
                if (d.n[c].t != J_OBJ || (!jcopy(&d, c, "name", x->name, sizeof(x->name)) &&
                                          (!k[0] || strlen(k) >= sizeof(x->name)))) {
                        r = -EINVAL;
                        break;
                }
                if (!x->name[0])
                        memcpy(x->name, k, strlen(k) + 1);
                uint32_t props = jget(&d, c, "properties");
                uint32_t dd = jget(&d, props, "dedup"), cr = jget(&d, props, "compressratio");
                const char *dv = jtext(&d, dd, "value"), *cv = jtext(&d, cr, "value");
                if (dv) {
                        if (!dv[0] || strlen(dv) >= sizeof(x->dedup)) {
                                r = -EINVAL;
                                break;
                        }
                        memcpy(x->dedup, dv, strlen(dv) + 1);
                        x->has_dedup = true;
                }
                if (cv && strcmp(cv, "-") != 0) {
                        struct scan_span v = {cv, strlen(cv)};
                        scan_strip_suffix(&v, "x");
                        if (scan_fixed(v, 2, &x->compressratio) < 0) {
                                r = -EINVAL;
                                break;
                        }
                        x->has_compressratio = true;
                }
                ds.n++;
        }
        jdoc_free(&d);
        if (r < 0) {
                zfs_datasets_free(&ds);
                return r;
        }
        *ret = ds;
        return 0;
}
