/* libFuzzer target for the table walker (src/core/mibtree.c): the input describes a small tree
 * (tables with integer, string and IMPLIED string indexes, sparse rows) and then requests. Checks
 * that a GETNEXT walk is strictly increasing, visits every cell exactly once and reads back
 * with GET, and that GETNEXT from any OID (malformed, overlong) gives the first cell after it. */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mibtree.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(c)                                                                                   \
        do {                                                                                       \
                if (!(c)) {                                                                        \
                        fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, #c);                    \
                        abort();                                                                   \
                }                                                                                  \
        } while (0)

#define TABLES_MAX 4
#define ROWS_MAX   8
#define COLS_MAX   8
#define CELLS_MAX  (TABLES_MAX * ROWS_MAX * COLS_MAX)

struct input {
        const uint8_t *p;
        size_t n;
};

/* The next input byte; zeros once the input is used up, so every input builds a tree. */
static uint8_t take(struct input *in)
{
        if (in->n == 0)
                return 0;
        in->n--;
        return *in->p++;
}

/* Few distinct values, so that indexes share prefixes and collide. */
static uint32_t pick_sub(uint8_t b)
{
        static const uint32_t v[] = {0, 1, 2, 'a', 255, 256, 4294967295u, 3};
        return v[b % 8];
}

/* Row data: which columns the row has a value in (bit c-1), and a value to tell rows apart. */
struct frow {
        uint8_t colmask;
        uint32_t id;
};

static struct {
        struct mib_table tables[TABLES_MAX];
        const struct mib_table *tp[TABLES_MAX];
        unsigned cols[TABLES_MAX][COLS_MAX];
        struct mib_rows rows[TABLES_MAX];
        struct mib_row rowv[TABLES_MAX][ROWS_MAX];
        struct frow data[TABLES_MAX][ROWS_MAX];
        uint32_t keys[TABLES_MAX][ROWS_MAX][MIB_INDEX_LEN_MAX];
        uint32_t walk[CELLS_MAX][MIB_OID_MAX];
        size_t walk_len[CELLS_MAX];
        bool seen[TABLES_MAX][ROWS_MAX][COLS_MAX + 1];
} f;

static int get_cell(const void *p, unsigned column, struct mib_value *v)
{
        const struct frow *r = p;
        if (column == 0 || column > COLS_MAX || !(r->colmask & (1u << (column - 1))))
                return -ENOENT;
        mib_set_gauge(v, (uint64_t)r->id * 16 + column);
        return 0;
}

/* One row index of the table's shape (kinds: 0 integer, 1 string, 2 IMPLIED string); 0 when it
 * would be longer than MIB_INDEX_LEN_MAX. */
static size_t build_index(struct input *in, const uint8_t *kinds, size_t n_kinds, uint32_t *out)
{
        size_t len = 0;
        for (size_t k = 0; k < n_kinds; k++) {
                if (kinds[k] == 0) {
                        out[len++] = pick_sub(take(in));
                        continue;
                }
                uint8_t b = take(in);
                size_t n = b & 0x80 ? 60 + b % 5 : b % 4; /* sometimes long: idx_ext rows */
                uint8_t s[MIB_STRING_INDEX_MAX];
                for (size_t i = 0; i < n; i++)
                        s[i] = (uint8_t)pick_sub(take(in));
                int w = mib_index_encode_string(s, n, kinds[k] == 2, out + len,
                                                MIB_INDEX_LEN_MAX - len);
                if (w < 0) {
                        CHECK(w == -ENOBUFS); /* three long strings: too long for any row */
                        return 0;
                }
                uint8_t back[MIB_STRING_INDEX_MAX];
                size_t got = 0;
                CHECK(mib_index_decode_string(out + len, (size_t)w, kinds[k] == 2, back,
                                              sizeof(back), &got) == w);
                CHECK(got == n && memcmp(back, s, n) == 0);
                len += (size_t)w;
        }
        return len;
}

static size_t build_table(struct input *in, size_t t)
{
        struct mib_table *tb = &f.tables[t];
        uint8_t b = take(in);
        tb->name = "fuzz";
        tb->oid_len = 1 + b % 3;
        for (size_t i = 0; i < tb->oid_len; i++)
                tb->oid[i] = 1 + take(in) % 3;
        uint8_t mask = take(in);
        tb->n_columns = 0;
        for (unsigned c = 1; c <= COLS_MAX; c++)
                if (mask & (1u << (c - 1)) || (c == COLS_MAX && tb->n_columns == 0))
                        f.cols[t][tb->n_columns++] = c;
        tb->columns = f.cols[t];
        tb->get = get_cell;

        uint8_t shape = take(in);
        uint8_t kinds[3];
        size_t n_kinds = 1 + shape % 3;
        for (size_t k = 0; k < n_kinds; k++) {
                kinds[k] = (uint8_t)((shape >> (2 + 2 * k)) % 3);
                if (kinds[k] == 2 && k + 1 < n_kinds)
                        kinds[k] = 1; /* IMPLIED only for the last index object */
        }

        size_t n_rows = take(in) % (ROWS_MAX + 1), n = 0;
        for (size_t r = 0; r < n_rows; r++) {
                size_t len = build_index(in, kinds, n_kinds, f.keys[t][r]);
                f.data[t][r] = (struct frow){.colmask = take(in), .id = (uint32_t)(t * 16 + r)};
                if (mib_row_set_index(&f.rowv[t][n], f.keys[t][r], len) != 0)
                        continue; /* an empty IMPLIED index: no row */
                f.rowv[t][n++].data = &f.data[t][r];
        }
        mib_rows_sort(f.rowv[t], n);
        size_t u = 0; /* drop duplicates, as a module must */
        for (size_t r = 0; r < n; r++) {
                size_t la, lb;
                const uint32_t *a = mib_row_index(&f.rowv[t][r], &la);
                if (u > 0) {
                        const uint32_t *p = mib_row_index(&f.rowv[t][u - 1], &lb);
                        if (mib_oid_cmp(p, lb, a, la) == 0)
                                continue;
                }
                f.rowv[t][u++] = f.rowv[t][r];
        }
        f.rows[t] = (struct mib_rows){f.rowv[t], u};
        CHECK(mib_rows_check(&f.rows[t], tb->name, NULL, 0) == 0);
        tb->rows = &f.rows[t];

        size_t cells = 0;
        for (size_t r = 0; r < u; r++)
                for (size_t c = 0; c < tb->n_columns; c++)
                        cells += get_cell(f.rowv[t][r].data, tb->columns[c],
                                          &(struct mib_value){0}) == 0;
        return cells;
}

/* The first cell of the walk after name, by linear search: what GETNEXT must answer. */
static long first_after(size_t n_walk, const uint32_t *name, size_t len)
{
        for (size_t i = 0; i < n_walk; i++)
                if (mib_oid_cmp(f.walk[i], f.walk_len[i], name, len) > 0)
                        return (long)i;
        return -1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct input in = {data, size};
        memset(&f, 0, sizeof(f));
        size_t n_tables = 1 + take(&in) % TABLES_MAX, cells = 0;
        for (size_t t = 0; t < n_tables; t++) {
                cells += build_table(&in, t);
                f.tp[t] = &f.tables[t];
        }
        mib_tables_sort(f.tp, n_tables);
        const struct mib_tree tree = {f.tp, n_tables};
        if (mib_tree_check(&tree, NULL, 0) != 0)
                return 0; /* shared OIDs or overlapping tables: the agent would refuse them */

        /* A full walk: strictly increasing, each answer reads back, each cell once. */
        uint32_t cur[MIB_OID_MAX];
        size_t cur_len = 0, n_walk = 0;
        struct mib_hit h, back;
        while (mib_tree_next(&tree, cur, cur_len, &h) == 0) {
                CHECK(n_walk < cells);
                CHECK(h.oid_len <= MIB_OID_MAX);
                CHECK(mib_oid_cmp(h.oid, h.oid_len, cur, cur_len) > 0);
                CHECK(mib_tree_get(&tree, h.oid, h.oid_len, &back) == 0);
                CHECK(back.table == h.table && back.row == h.row && back.column == h.column);
                CHECK(back.value.u == h.value.u);
                size_t ti = (size_t)(h.table - f.tables), r = (size_t)(h.row - f.rowv[ti]);
                CHECK(h.column <= COLS_MAX && !f.seen[ti][r][h.column]);
                f.seen[ti][r][h.column] = true;
                memcpy(f.walk[n_walk], h.oid, h.oid_len * sizeof(uint32_t));
                f.walk_len[n_walk++] = h.oid_len;
                memcpy(cur, h.oid, h.oid_len * sizeof(uint32_t));
                cur_len = h.oid_len;
        }
        CHECK(n_walk == cells);

        /* The rest of the input: requests of any length, built from the walk's own OIDs (so
         * they land inside tables) with sub-ids changed and cut or extended. */
        while (in.n > 0) {
                uint32_t req[MIB_OID_MAX + 40];
                uint8_t b = take(&in);
                size_t len = take(&in) % (MIB_OID_MAX + 40);
                for (size_t i = 0; i < len; i++) {
                        if (n_walk && b & 1 && i < f.walk_len[b % n_walk])
                                req[i] = f.walk[b % n_walk][i];
                        else
                                req[i] = pick_sub(take(&in));
                }
                if (len && b & 2)
                        req[take(&in) % len] = pick_sub(take(&in));
                long want = first_after(n_walk, req, len);
                int r = mib_tree_next(&tree, req, len, &h);
                if (want < 0) {
                        CHECK(r == -ENOENT);
                } else {
                        CHECK(r == 0);
                        CHECK(mib_oid_cmp(h.oid, h.oid_len, f.walk[want], f.walk_len[want]) == 0);
                }
                /* what the handler does to a longer request must not change the answer */
                if (len > MIB_OID_MAX) {
                        struct mib_hit cut;
                        CHECK(mib_tree_next(&tree, req, MIB_OID_MAX, &cut) == r);
                        CHECK(r != 0 || mib_oid_cmp(cut.oid, cut.oid_len, h.oid, h.oid_len) == 0);
                }
                bool is_cell = false;
                for (size_t i = 0; i < n_walk && !is_cell; i++)
                        is_cell = mib_oid_cmp(f.walk[i], f.walk_len[i], req, len) == 0;
                r = mib_tree_get(&tree, req, len, &back);
                CHECK((r == 0) == is_cell);
                CHECK(r != 0 || mib_oid_cmp(back.oid, back.oid_len, req, len) == 0);
        }
        return 0;
}
