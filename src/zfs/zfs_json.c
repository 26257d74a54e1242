/* Parser for the JSON form of `zpool list -j -p` (OpenZFS 2.3+): a small recursive-descent reader
 * that walks the document once, picks the pools and the properties the text form has, and skips
 * everything else. Pure. Feeds srvhZpoolTable through zfs_collect.c, like zpool_list.c. */
#include <errno.h>
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
