/* GET/GETNEXT over the sorted tables of a mib_tree (see mibtree.h). Tables are few (one per MIB
 * table or scalar group), rows many: a request scans the tables and binary-searches the rows. */
#include "core/mibtree.h"

#include <errno.h>
#include <string.h>
#include <time.h>

int mib_oid_cmp(const uint32_t *a, size_t alen, const uint32_t *b, size_t blen)
{
        size_t n = alen < blen ? alen : blen;
        for (size_t i = 0; i < n; i++) {
                if (a[i] != b[i])
                        return a[i] < b[i] ? -1 : 1;
        }
        return alen < blen ? -1 : alen > blen ? 1 : 0;
}

/* Index of the first row whose index is > idx (strict) or >= idx, by binary search. */
static size_t rows_bound(const struct mib_rows *rows, const uint32_t *idx, size_t len, bool strict)
{
        size_t lo = 0, hi = rows->n;
        while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                const struct mib_row *r = &rows->v[mid];
                int c = mib_oid_cmp(r->idx, r->idx_len, idx, len);
                if (c < 0 || (strict && c == 0))
                        lo = mid + 1;
                else
                        hi = mid;
        }
        return lo;
}

static bool column_exists(const struct mib_table *t, unsigned column)
{
        for (size_t i = 0; i < t->n_columns; i++) {
                if (t->columns[i] == column)
                        return true;
        }
        return false;
}

static void hit_fill(const struct mib_table *t, unsigned column, const struct mib_row *row,
                     struct mib_hit *ret)
{
        ret->table = t;
        ret->column = column;
        ret->row = row;
        memcpy(ret->oid, t->oid, t->oid_len * sizeof(uint32_t));
        ret->oid[t->oid_len] = column;
        memcpy(ret->oid + t->oid_len + 1, row->idx, row->idx_len * sizeof(uint32_t));
        ret->oid_len = t->oid_len + 1 + row->idx_len;
}

int mib_tree_get(const struct mib_tree *tree, const uint32_t *name, size_t len, struct mib_hit *ret)
{
        for (size_t i = 0; i < tree->n_tables; i++) {
                const struct mib_table *t = tree->tables[i];
                if (len <= t->oid_len || mib_oid_cmp(name, t->oid_len, t->oid, t->oid_len) != 0)
                        continue;
                unsigned column = name[t->oid_len];
                if (!column_exists(t, column))
                        continue; /* a nested table may own this arc */
                const uint32_t *idx = name + t->oid_len + 1;
                size_t idx_len = len - t->oid_len - 1;
                const struct mib_rows *rows = t->rows;
                if (idx_len == 0 || idx_len > MIB_INDEX_MAX || !rows)
                        return -ESRCH;
                size_t pos = rows_bound(rows, idx, idx_len, false);
                if (pos == rows->n ||
                    mib_oid_cmp(rows->v[pos].idx, rows->v[pos].idx_len, idx, idx_len) != 0)
                        return -ESRCH;
                hit_fill(t, column, &rows->v[pos], ret);
                ret->value.str = NULL;
                if (t->get(rows->v[pos].data, column, &ret->value) < 0)
                        return -ESRCH;
                return 0;
        }
        return -ENOENT;
}

/* The first instance of table t after name, or -ENOENT. */
static int table_next(const struct mib_table *t, const uint32_t *name, size_t len,
                      struct mib_hit *ret)
{
        const struct mib_rows *rows = t->rows;
        if (!rows || rows->n == 0 || t->n_columns == 0)
                return -ENOENT;

        size_t plen = t->oid_len;
        int c = mib_oid_cmp(name, len < plen ? len : plen, t->oid, plen);
        if (c > 0)
                return -ENOENT; /* name is past this table */

        /* Where to start: before the table (or at its entry OID) means first column, first row;
         * inside it, the requested column after the requested index. */
        unsigned column = 0;
        const uint32_t *idx = NULL;
        size_t idx_len = 0;
        bool inside = c == 0 && len > plen;
        if (inside) {
                column = name[plen];
                idx = name + plen + 1;
                idx_len = len - plen - 1;
        }

        for (size_t ci = 0; ci < t->n_columns; ci++) {
                unsigned col = t->columns[ci];
                if (inside && col < column)
                        continue;
                size_t pos = 0;
                if (inside && col == column && idx_len > 0)
                        pos = rows_bound(rows, idx, idx_len, true);
                for (; pos < rows->n; pos++) {
                        ret->value.str = NULL;
                        if (t->get(rows->v[pos].data, col, &ret->value) == 0) {
                                hit_fill(t, col, &rows->v[pos], ret);
                                return 0;
                        }
                }
        }
        return -ENOENT;
}

int mib_tree_next(const struct mib_tree *tree, const uint32_t *name, size_t len,
                  struct mib_hit *ret)
{
        /* Tables may nest (a scalar group around a table), so the answer is the smallest
         * candidate over all tables. */
        struct mib_hit cand;
        bool found = false;
        for (size_t i = 0; i < tree->n_tables; i++) {
                if (table_next(tree->tables[i], name, len, &cand) != 0)
                        continue;
                if (!found || mib_oid_cmp(cand.oid, cand.oid_len, ret->oid, ret->oid_len) < 0) {
                        *ret = cand;
                        found = true;
                }
        }
        return found ? 0 : -ENOENT;
}

void mib_set_int(struct mib_value *v, int64_t i)
{
        v->type = MIB_T_INTEGER;
        v->i = i < INT32_MIN ? INT32_MIN : i > INT32_MAX ? INT32_MAX : i;
}

void mib_set_gauge(struct mib_value *v, uint64_t u)
{
        v->type = MIB_T_GAUGE;
        v->u = u > UINT32_MAX ? UINT32_MAX : u;
}

void mib_set_counter32(struct mib_value *v, uint64_t u)
{
        v->type = MIB_T_COUNTER32;
        v->u = u & UINT32_MAX;
}

void mib_set_counter64(struct mib_value *v, uint64_t u)
{
        v->type = MIB_T_COUNTER64;
        v->u = u;
}

void mib_set_string(struct mib_value *v, const char *s)
{
        size_t n = strnlen(s, 255);
        v->type = MIB_T_STRING;
        v->str = s;
        v->len = n;
}

void mib_set_datetime(struct mib_value *v, int64_t unix_time)
{
        v->type = MIB_T_STRING;
        v->str = NULL; /* the bytes are in buf */
        memset(v->buf, 0, sizeof(v->buf));
        if (unix_time <= 0) {
                v->len = 8; /* all zero: not known */
                return;
        }
        time_t t = (time_t)unix_time;
        struct tm tm;
        gmtime_r(&t, &tm);
        unsigned year = (unsigned)tm.tm_year + 1900;
        v->buf[0] = (uint8_t)(year >> 8);
        v->buf[1] = (uint8_t)(year & 0xff);
        v->buf[2] = (uint8_t)(tm.tm_mon + 1);
        v->buf[3] = (uint8_t)tm.tm_mday;
        v->buf[4] = (uint8_t)tm.tm_hour;
        v->buf[5] = (uint8_t)tm.tm_min;
        v->buf[6] = (uint8_t)(tm.tm_sec > 59 ? 59 : tm.tm_sec);
        v->buf[7] = 0;
        v->buf[8] = '+';
        v->buf[9] = 0;
        v->buf[10] = 0;
        v->len = 11;
}
